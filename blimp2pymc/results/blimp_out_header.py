"""Run facts printed before Blimp's estimate tables (version, sampler settings, data, models).

These are the calibration facts a reproduction needs: iterations, chains and burn-in actually
used, the default-prior options, identifiers, predictor lists, centering and the model equations
in Blimp's normal form. Blimp 3 wording and FCS runs are read into the same fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blimp_out_lines import Section, indent_of

_KEY_RE = re.compile(r"^(\s+)([A-Za-z][A-Za-z0-9 .()/-]*?):\s*(.*?)\s*$")
_SUBBLOCK_RE = re.compile(r"^  ([A-Z][A-Z0-9 -]+?)\s*$")
_NUMBERED_RE = re.compile(r"^\s*\[\s*(\d+)\]\s+(.*?)\s*$")
_BLOCK_LABEL_RE = re.compile(r"^\s+(\S+):\s*$")
_SUMMARY_RE = re.compile(r"Summaries based on (\d+) iterations using (\d+) chains")
_PSR_HEAD_RE = re.compile(r"Comparing iterations across (\d+) chains")
_PSR_ROW_RE = re.compile(r"^\s+(\d+)\s+to\s+(\d+)\s+(\S+)\s+(\d+)\s*$")
_REFERENCE_RE = re.compile(r"'([^']+)' with reference value '([^']*)'")
_PRIOR_CODE_RE = re.compile(r"\((X?PRIOR\d+)\)\s*$")

_PRIOR_KEYS = {
    "Multilevel covariance matrices": "multilevel",
    "Prior for random effect variances": "multilevel",
    "Outcome covariance matrices": "outcome",
    "Prior for residual variances": "outcome",
    "Predictor model variances": "predictor",
    "Prior for predictor variances": "predictor",
    "Variances": "predictor",  # FCS runs
}


@dataclass(frozen=True)
class ModelEquation:
    """One ``[k]  equation`` line of MODEL INFORMATION, wrapped lines joined with one space.

    ``block`` is the block label without its colon (``level2.model``), None when unlabelled.
    """

    block: str | None
    number: int
    text: str


@dataclass(frozen=True)
class BlimpHeader:
    """Facts from the banner, ALGORITHMIC OPTIONS, PSR, DATA/MODEL INFORMATION and warnings.

    Prior codes are ``PRIOR1``/``PRIOR2``/``PRIOR3``/``XPRIOR1`` (None when Blimp prints "Not
    applicable"); ``priors`` keeps each Default Priors line verbatim under its printed label.
    ``incomplete`` is True when the file has no estimate section (run stopped after the header or
    with an ERROR, whose message is ``error``).
    """

    version: str | None = None
    imputation_method: str | None = None
    mcmc_algorithm: str | None = None
    iterations: int | None = None
    chains: int | None = None
    burn_in: int | None = None
    psr: tuple[tuple[int, int, float, int], ...] = ()
    sample_size: int | None = None
    level2_id: str | None = None
    level3_id: str | None = None
    level2_clusters: int | None = None
    level3_clusters: int | None = None
    time_id: str | None = None
    multilevel_prior: str | None = None
    outcome_prior: str | None = None
    predictor_prior: str | None = None
    priors: dict[str, str] = field(default_factory=dict)
    nominal_dummies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    nominal_reference: dict[str, str] = field(default_factory=dict)
    missing_rates: dict[str, float] = field(default_factory=dict)
    n_parameters: dict[str, int] = field(default_factory=dict)
    predictors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fixed_predictors: tuple[str, ...] = ()
    complete_predictors: tuple[str, ...] = ()
    incomplete_predictors: tuple[str, ...] = ()
    sampling_weights: dict[str, str] = field(default_factory=dict)
    factors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    grand_mean_centered: tuple[str, ...] = ()
    group_mean_centered: tuple[str, ...] = ()
    latent_cluster_means: dict[str, tuple[str, ...]] = field(default_factory=dict)
    named_random_effects: tuple[str, ...] = ()
    defined_variables: tuple[str, ...] = ()
    models: tuple[ModelEquation, ...] = ()
    generated: tuple[str, ...] = ()
    priors_specified: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    incomplete: bool = False
    error: str | None = None


def read_header(banner, sections: tuple[Section, ...], error: str | None,
                has_estimates: bool) -> BlimpHeader:
    """Collect the header facts of one file from its banner and sections."""
    facts: dict = {"error": error, "incomplete": not has_estimates}
    facts["version"] = _version(banner)
    groups: list[str] = []
    for section in sections:
        if section.group and section.group not in groups:
            groups.append(section.group)
        reader = _READERS.get(section.name)
        if reader is not None:
            reader(section.lines, facts)
        for line in section.lines:
            match = _SUMMARY_RE.search(line)
            if match and "iterations" not in facts:
                facts["iterations"], facts["chains"] = int(match.group(1)), int(match.group(2))
    facts["groups"] = tuple(groups)
    return BlimpHeader(**facts)


def _version(banner) -> str | None:
    lines = [line.strip() for line in banner if line.strip()]
    for before, after in zip(lines, lines[1:]):
        if before == "Blimp":
            return after
    return None


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _key_values(lines):
    """Yield (indent, key, value) for ``key: value`` lines, joining indented continuations."""
    pending: list | None = None
    for line in lines:
        if not line.strip():
            continue
        match = _KEY_RE.match(line)
        if match and not line.strip().startswith("["):
            if pending:
                yield tuple(pending)
            pending = [len(match.group(1)), match.group(2).strip(), match.group(3)]
        elif pending and indent_of(line) > pending[0]:
            pending[2] = f"{pending[2]} {line.strip()}".strip()
        else:
            if pending:
                yield tuple(pending)
            pending = None
    if pending:
        yield tuple(pending)


def _algorithmic_options(lines, facts: dict) -> None:
    text = "\n".join(lines)
    facts["nominal_reference"] = dict(_REFERENCE_RE.findall(text))
    priors: dict[str, str] = {}
    for _, key, value in _key_values(lines):
        if key == "NOTE" or key.startswith("NOTE"):
            continue
        if key == "Imputation method":
            facts["imputation_method"] = value
        elif key == "MCMC algorithm":
            facts["mcmc_algorithm"] = re.sub(r"\s+", " ", value)
        elif key in _PRIOR_KEYS and value:
            priors[key] = value
            code = _PRIOR_CODE_RE.search(value)
            facts[f"{_PRIOR_KEYS[key]}_prior"] = code.group(1) if code else None
    facts["priors"] = priors


def _psr(lines, facts: dict) -> None:
    rows = []
    for line in lines:
        match = _PSR_HEAD_RE.search(line)
        if match and "chains" not in facts:
            facts["chains"] = int(match.group(1))
        match = _PSR_ROW_RE.match(line)
        if match:
            rows.append((int(match.group(1)), int(match.group(2)), float(match.group(3)),
                         int(match.group(4))))
    if rows:
        facts["psr"] = tuple(rows)
        facts["burn_in"] = rows[-1][1]


_DATA_KEYS = {
    "Time identifier": ("time_id", str),
    "Level-2 identifier": ("level2_id", str),
    "Level-3 identifier": ("level3_id", str),
    "Sample Size": ("sample_size", int),
    "Level-2 Clusters": ("level2_clusters", int),
    "Level-3 Clusters": ("level3_clusters", int),
}
_ASSIGNMENT_RE = re.compile(r"^\s+(\S+)\s+=\s+(\S.*?)\s*$")


def _data_information(lines, facts: dict) -> None:
    block = None
    dummies: dict[str, tuple[str, ...]] = {}
    rates: dict[str, float] = {}
    for line in lines:
        if not line.strip():
            continue
        if indent_of(line) == 2:
            match = _KEY_RE.match(line)
            key, value = (match.group(2), match.group(3)) if match else (line.strip(), "")
            block = key
            if key in _DATA_KEYS and value:
                name, kind = _DATA_KEYS[key]
                facts[name] = kind(value)
            continue
        match = _ASSIGNMENT_RE.match(line)
        if not match:
            continue
        if block == "Nominal Dummy Codes":
            dummies[match.group(1)] = _names(match.group(2))
        elif block in ("Missing Data Info", "Missing Data Rates"):
            rate = match.group(2).split()[0]
            try:
                rates[match.group(1)] = float(rate)
            except ValueError:
                pass
    facts["nominal_dummies"] = dummies
    facts["missing_rates"] = rates


def _model_information(lines, facts: dict) -> None:
    """MODEL INFORMATION (and FCS VARIABLES IN IMPUTATION MODEL): sub-blocks at indent 2."""
    blocks: dict[str, list[str]] = {"PREDICTORS": []}
    current = "PREDICTORS"  # FCS lists its predictor keys before any sub-block
    for line in lines:
        match = _SUBBLOCK_RE.match(line)
        if match:
            current = match.group(1)
            blocks.setdefault(current, [])
            continue
        blocks.setdefault(current, []).append(line)

    def pairs(name):
        return [(key, value) for _, key, value in _key_values(blocks.get(name, []))]

    facts["n_parameters"] = {key: int(value) for key, value in pairs("NUMBER OF PARAMETERS")
                             if value.isdigit()}
    predictors = {key: _names(value) for key, value in pairs("PREDICTORS")}
    facts["predictors"] = predictors
    facts["fixed_predictors"] = predictors.get("Fixed variables", ())
    facts["complete_predictors"] = sum((v for k, v in predictors.items()
                                        if k.startswith("Complete")), ())
    facts["incomplete_predictors"] = sum((v for k, v in predictors.items()
                                          if k.startswith("Incomplete")), ())
    facts["sampling_weights"] = dict(pairs("SAMPLING WEIGHTS"))
    facts["factors"] = {key: _names(value) for key, value in pairs("FACTORS")}
    centered = dict(pairs("CENTERED PREDICTORS"))
    facts["grand_mean_centered"] = _names(centered.get("Grand Mean Centered", ""))
    facts["group_mean_centered"] = _names(centered.get("Group Mean Centered", ""))
    facts["latent_cluster_means"] = {key: _names(value)
                                     for key, value in pairs("LATENT CLUSTER MEANS")}
    facts["named_random_effects"] = tuple(text for _, _, text in
                                          _numbered(blocks.get("NAMED RANDOM EFFECTS", [])))
    facts["defined_variables"] = tuple(text for _, _, text in
                                       _numbered(blocks.get("DEFINED VARIABLES", [])))
    facts["generated"] = tuple(text for _, _, text in
                               _numbered(blocks.get("GENERATED PARAMETERS", [])))
    facts["priors_specified"] = tuple(text for _, _, text in
                                      _numbered(blocks.get("PRIORS SPECIFIED", [])))
    facts["models"] = tuple(ModelEquation(block, number, text)
                            for block, number, text in _numbered(blocks.get("MODELS", [])))


def _numbered(lines):
    """``[k]  text`` items with their block label; deeper-indented lines continue the item."""
    items: list[list] = []
    block = None
    for line in lines:
        if not line.strip():
            continue
        match = _NUMBERED_RE.match(line)
        if match:
            items.append([block, int(match.group(1)), match.group(2)])
            continue
        match = _BLOCK_LABEL_RE.match(line)
        if match and indent_of(line) <= 4:
            block = match.group(1)
            continue
        if items:
            items[-1][2] = f"{items[-1][2]} {line.strip()}"
    return [tuple(item) for item in items]


def _warnings(lines, facts: dict) -> None:
    messages: list[list[str]] = []
    for line in lines:
        text = line.strip()
        if text.startswith("WARNING:"):
            messages.append([text[len("WARNING:"):].strip()])
        elif text and messages and not text.endswith("MESSAGES:"):
            messages[-1].append(text)
    facts["warnings"] = tuple(facts.get("warnings", ())) + tuple("\n".join(m) for m in messages)


_READERS = {
    "ALGORITHMIC OPTIONS SPECIFIED": _algorithmic_options,
    "BURN-IN POTENTIAL SCALE REDUCTION (PSR) OUTPUT": _psr,
    "DATA INFORMATION": _data_information,
    "MODEL INFORMATION": _model_information,
    "VARIABLES IN IMPUTATION MODEL": _model_information,
    "WARNING MESSAGES": _warnings,
}
