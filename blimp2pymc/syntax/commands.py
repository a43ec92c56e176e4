"""The table of Blimp commands: canonical names, accepted aliases and how each body is parsed.

To support a new command, add one line to ``COMMANDS`` (and, if its body is a new kind of statement,
a parser for that kind in ``statements.py``).
"""

from __future__ import annotations

import difflib

# Statement kinds (see statements.py for the parser of each kind).
PATH = "path"                 # DATA: data8.dat;
NAMES = "names"               # VARIABLES: id x1:x3 y;
NOMINAL = "nominal"           # NOMINAL: n n2(3);
MISSING = "missing"           # MISSING: 999;  MISSING: NA;
SETTING = "setting"           # SEED: 90291;  (one non-negative integer)
CENTER = "center"             # CENTER: groupmean = x1_i; grandmean = x2_i;
LATENT = "latent"             # LATENT: eta;  level2id = beta0_j;
RANDOMEFFECT = "randomeffect" # RANDOMEFFECT: beta0_j = y_i | 1 [level2id];
ASSIGN = "assign"             # TRANSFORM: y = ln(x);   DROPOUT: m_i = y_i;
MODEL = "model"               # MODEL: regressions, ->, ~~, variances, definitions, loops, labels
PARAMETERS = "parameters"     # PARAMETERS: generated parameters, constraints, priors, loops
SIMULATE = "simulate"         # SIMULATE: level sizes, blocks, draws, correlations
SIMPLE = "simple"             # SIMPLE: x | m @ quartile;
WALDTEST = "waldtest"         # WALDTEST: b1:b3 = 0;  WALDTEST: y ~ x1;
OPTIONS = "options"           # OPTIONS: prior1 savelatent;
WORDS = "words"               # OUTPUT: words (syntax undocumented; kept as words, not checked)
SAVE = "save"                 # SAVE: stacked = imps.dat;
FILTER = "filter"             # FILTER: expression;  (rblimp argument only; no example)

#: canonical name -> statement kind. Evidence: BLIMP_SYNTAX.md §2 (rblimp's command list plus FCS).
COMMANDS: dict[str, str] = {
    "DATA": PATH,
    "VARIABLES": NAMES,
    "SIMULATE": SIMULATE,
    "TRANSFORM": ASSIGN,
    "FILTER": FILTER,
    "ORDINAL": NAMES,
    "NOMINAL": NOMINAL,
    "COUNT": NAMES,
    "MISSING": MISSING,
    "FIXED": NAMES,
    "CLUSTERID": NAMES,
    "TIMEID": NAMES,
    "DROPOUT": ASSIGN,
    "WEIGHT": NAMES,
    "BYGROUP": NAMES,
    "LATENT": LATENT,
    "RANDOMEFFECT": RANDOMEFFECT,
    "CENTER": CENTER,
    "MODEL": MODEL,
    "PARAMETERS": PARAMETERS,
    "SIMPLE": SIMPLE,
    "WALDTEST": WALDTEST,
    "FCS": NAMES,
    "NIMPS": SETTING,
    "SAVE": SAVE,
    "OPTIONS": OPTIONS,
    "OUTPUT": WORDS,
    "SEED": SETTING,
    "BURN": SETTING,
    "ITER": SETTING,
    "CHAINS": SETTING,
    "THIN": SETTING,
}

#: alternative spellings -> canonical name. ITERATIONS and CHAIN are written in the MSEM tutorial;
#: CENTERING, TEST and VARIABLE appear in the Blimp 3 table of contents; the plural forms in prose.
ALIASES: dict[str, str] = {
    "ITERATIONS": "ITER",
    "CHAIN": "CHAINS",
    "CENTERING": "CENTER",
    "TEST": "WALDTEST",
    "VARIABLE": "VARIABLES",
    "RANDOMEFFECTS": "RANDOMEFFECT",
    "WEIGHTS": "WEIGHT",
}

#: OPTIONS keywords known from the examples, outputs and rblimp (BLIMP_SYNTAX.md §4.1), lower case.
OPTION_KEYWORDS: tuple[str, ...] = (
    "pinfo", "tuneinfo", "allpatterns", "labels", "use_phantom", "prior1", "prior2", "prior3",
    "hev", "savelatent", "saveresidual", "savepredicted", "savevariablenames", "nodrop",
)

#: Commands whose bodies may contain block labels (``focal.model:``, SIMULATE's ``level_2:``).
LABELLED_KINDS = (MODEL, SIMULATE)


def canonical(name: str) -> str | None:
    """The canonical upper-case command name for ``name`` (any case, aliases allowed), else None."""
    upper = name.upper()
    if upper in COMMANDS:
        return upper
    return ALIASES.get(upper)


def kind_of(canonical_name: str) -> str:
    """The statement kind of a canonical command name."""
    return COMMANDS[canonical_name]


def suggest(word: str, choices, cutoff: float = 0.6) -> str | None:
    """The closest of ``choices`` to ``word`` (case-insensitive), for "did you mean" hints."""
    lowered = {c.lower(): c for c in choices}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[match[0]] if match else None


def suggest_command(word: str, cutoff: float = 0.6) -> str | None:
    """The command name closest to a misspelt one (``MODLE`` -> ``MODEL``)."""
    hit = suggest(word, list(COMMANDS) + list(ALIASES), cutoff)
    return canonical(hit) if hit else None


def unknown_command_message(word: str) -> str:
    hint = suggest_command(word)
    if hint:
        return f"unknown command '{word}' — did you mean {hint}?"
    return f"unknown command '{word}' (Blimp commands look like 'MODEL:' or 'DATA:')"
