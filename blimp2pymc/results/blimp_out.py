"""Read a Blimp ``.blimp-out`` file into header facts and one ``SummaryRow`` per printed estimate.

Entry point: ``read(path) -> BlimpOutput``. Naming contract for rows (ours must follow it):

* ``part``: ``outcome`` (every table of OUTCOME MODEL ESTIMATES), ``generated``, ``simple``
  (Conditional Effects), ``predictor`` (PREDICTOR MODEL ESTIMATES incl. FCS) and
  ``residual_correlation`` (CORRELATIONS AMONG RESIDUALS).
* ``table``: the name printed after the table title (``y_i``, ``logit(y)``, ``var(y_i)``,
  ``beta0_j``, ``beta0_j beta1_j``); ``Additional Parameters``, ``Phantom Variable
  Correlations``, ``Generated Parameters``, ``Residual Correlations``; for Conditional Effects the
  focal outcome's table name. BYGROUP runs prefix the group: ``GROUP 0 / a1``.
* ``section``: the group heading without its colon (``Variances``, ``Level 1``, ``Grand Mean``);
  nominal outcomes prefix the category: ``y.2 / Coefficients``; Conditional Effects use the
  condition line (``x_i | m_j @ +1 SD``); title-only tables use the table name; residual
  correlations use ``Level-1``/``Level-2`` (``Correlations`` when not split by level).
* ``label``: the row label, stripped, internal spacing as printed; wrapped labels are joined and
  ``L2:`` is written ``L2 : `` as in unwrapped rows.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .blimp_out_header import BlimpHeader, ModelEquation, read_header
from .blimp_out_lines import (BlimpOutputError, Section, indent_of, is_rule, read_cells,
                              split_sections)
from .tables import SummaryRow

__all__ = ["BlimpHeader", "BlimpOutput", "BlimpOutputError", "ModelEquation", "TableInfo",
           "read", "parse"]

PARTS = {
    "OUTCOME MODEL ESTIMATES": "outcome",
    "ANALYSIS MODEL ESTIMATES": "outcome",      # older Blimp wording
    "GENERATED PARAMETERS": "generated",
    "PREDICTOR MODEL ESTIMATES": "predictor",
    "COVARIATE MODEL ESTIMATES": "predictor",   # older Blimp wording
    "CORRELATIONS AMONG RESIDUALS": "residual_correlation",
}
ESTIMATE_SECTIONS = frozenset(name for name, part in PARTS.items()
                              if part != "residual_correlation")

_COLUMNS = {"Estimate": "estimate", "Median": "estimate", "StdDev": "sd", "2.5%": "lower",
            "97.5%": "upper", "ChiSq": "chisq", "PValue": "pvalue", "PSR": "psr",
            "N_Eff": "n_eff"}
_TITLE_RE = re.compile(r"^(Outcome Variable|Latent Variable|Covariance Matrix|Missing predictor|"
                       r"Complete predictor|Means Model|Missing variable|Complete variable):"
                       r"\s*(\S.*?)\s*$")
_BARE_TITLES = ("Phantom Variable Correlations", "Additional Parameters")
_COLUMN_HEAD_RE = re.compile(r"^(Parameters|Conditional Effects|Correlations)\s+"
                             r"((?:Estimate|Median)\s.*?)\s*$")
_BLOCK_RE = re.compile(r"^\s+(\S.*?)\s+block:\s*$")
_CENTERED_RE = re.compile(r"^(Grand|Group) Mean Centered:\s*(.*?)\s*$")
_LEVEL_RE = re.compile(r"^\s+(Level-\d+):\s*$")
_NOMINAL_HEAD_RE = re.compile(r"^\S+\.\d+$")
_UNCOLONED_HEADINGS = frozenset({"Proportion Variance Explained"})
_FOCAL_KINDS = frozenset({"Outcome Variable", "Latent Variable"})


@dataclass(frozen=True)
class TableInfo:
    """Where a table came from: title kind, MODEL block label, BYGROUP group and centering note."""

    part: str
    table: str
    kind: str
    block: str | None
    group: str | None
    grand_mean_centered: tuple[str, ...]
    group_mean_centered: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class BlimpOutput:
    """A parsed ``.blimp-out``: header facts and every estimate row in file order."""

    path: str
    header: BlimpHeader
    rows: list[SummaryRow]
    table_info: tuple[TableInfo, ...] = ()

    def rows_for(self, part: str | None = None, table: str | None = None) -> list[SummaryRow]:
        """Rows of one part and/or table (table compared stripped and case-insensitively)."""
        key = table.strip().casefold() if table is not None else None
        return [row for row in self.rows
                if (part is None or row.part == part)
                and (key is None or row.table.strip().casefold() == key)]

    def tables(self) -> dict[tuple[str, str], list[SummaryRow]]:
        """Rows grouped by (part, table), in order of first appearance."""
        grouped: dict[tuple[str, str], list[SummaryRow]] = {}
        for row in self.rows:
            grouped.setdefault((row.part, row.table), []).append(row)
        return grouped


def read(path) -> BlimpOutput:
    """Read a ``.blimp-out`` file (BlimpOutputError, with FILE:LINE, on a line it cannot place,
    or when the file is not a Blimp output at all)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8", errors="replace")
    if "Blimp" not in text[:4000] and "ALGORITHMIC OPTIONS" not in text:
        raise BlimpOutputError("this is not a Blimp output file (no Blimp banner or ALGORITHMIC "
                               "OPTIONS section)", file=str(path), line=1)
    return parse(text, str(path))


def parse(text: str, path: str = "<blimp-out>") -> BlimpOutput:
    """Parse the text of a ``.blimp-out`` file."""
    split = split_sections(text.splitlines())
    rows: list[SummaryRow] = []
    infos: list[TableInfo] = []
    for section in split.sections:
        part = PARTS.get(section.name)
        if part is not None:
            _SectionParser(section, part, path, rows, infos).run()
    has_estimates = any(s.name in ESTIMATE_SECTIONS for s in split.sections)
    header = read_header(split.banner, split.sections, split.error, has_estimates)
    return BlimpOutput(path, header, rows, tuple(infos))


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip())


def _label(text: str) -> str:
    return re.sub(r"^(L\d+)\s*:\s*", r"\1 : ", _words(text))


class _SectionParser:
    """State machine over one estimate section; appends rows and table infos."""

    def __init__(self, section: Section, part: str, path: str, rows: list, infos: list):
        self.section, self.part, self.path = section, part, path
        self.rows, self.infos = rows, infos
        self.block: str | None = None
        self.title: tuple[str, str] | None = None     # (kind, name) awaiting its column header
        self.focal: str | None = None                 # last outcome / latent table name
        self.centered: dict[str, tuple[str, ...]] = {}
        self.level: str | None = None                 # residual-correlation level heading
        self.table: str | None = None                 # table being read
        self.conditional = False
        self.columns: tuple[str, ...] = ()
        self.heading: str | None = None
        self.category: str | None = None              # nominal sub-header (y.2)
        self.last: str = "none"                       # kind of the previous non-blank line
        self.state = "outside"

    def fail(self, index: int, message: str):
        line = self.section.lines[index]
        raise BlimpOutputError(message, file=self.path, line=self.section.start + 1 + index,
                               source_line=line)

    def named(self, name: str) -> str:
        return f"{self.section.group} / {name}" if self.section.group else name

    def run(self) -> None:
        for index, line in enumerate(self.section.lines):
            if self.state == "outside":
                self.outside(index, line)
            elif self.state == "rule":
                if line.strip():
                    if not is_rule(line):
                        self.fail(index, "expected a dashed rule under the column header")
                    self.state, self.last = "table", "rule"
            else:
                self.inside(index, line)
        if self.state != "outside":
            self.fail(len(self.section.lines) - 1, f"table {self.table!r} is not closed")

    # -- between tables ---------------------------------------------------------------------
    def outside(self, index: int, line: str) -> None:
        text = line.strip()
        if not text:
            return
        match = _COLUMN_HEAD_RE.match(line)
        if match:
            self.open_table(index, match.group(1), match.group(2))
            return
        match = _TITLE_RE.match(line)
        if match:
            self.title, self.centered = (match.group(1), _words(match.group(2))), {}
            if match.group(1) in _FOCAL_KINDS:
                self.focal = self.named(_words(match.group(2)))
            return
        if indent_of(line) == 0 and text.rstrip(":") in _BARE_TITLES and text.endswith(":"):
            self.title, self.centered = (text[:-1], text[:-1]), {}
            return
        match = _CENTERED_RE.match(line)
        if match:
            self.centered[match.group(1)] = tuple(match.group(2).split())
            return
        match = _BLOCK_RE.match(line)
        if match:
            self.block = match.group(1)
            return
        match = _LEVEL_RE.match(line)
        if match and self.part == "residual_correlation":
            self.level = match.group(1)
            return
        if read_cells(line, 6) is not None:
            self.fail(index, "estimate row outside a table")
        # anything else is a NOTE, a summary line or "No residual correlations."

    def open_table(self, index: int, lead: str, columns: str) -> None:
        self.columns = tuple(_COLUMNS.get(name) or self.fail(index, f"unknown column {name!r}")
                             for name in columns.split())
        self.conditional = lead == "Conditional Effects"
        self.heading = self.category = None
        kind = lead
        if self.conditional:
            if self.focal is None:
                self.fail(index, "Conditional Effects table without a preceding outcome table")
            self.table = self.focal
        elif lead == "Correlations" and self.part == "residual_correlation":
            self.table = self.named("Residual Correlations")
            self.heading = self.level or "Correlations"
            kind = "Residual Correlations"
        elif self.title is not None:
            kind, name = self.title
            self.table = self.named(name)
            if kind in _BARE_TITLES:
                self.heading = name
        elif self.part == "generated":
            self.table, kind = self.named("Generated Parameters"), "Generated Parameters"
            self.heading = "Generated Parameters"
        else:
            self.fail(index, "column header without a table title")
        if not self.conditional:
            self.infos.append(TableInfo(
                self.part, self.table, kind, self.block, self.section.group,
                self.centered.get("Grand", ()), self.centered.get("Group", ()),
                self.section.start + 1 + index))
        self.title, self.centered = None, {}
        self.state = "rule"

    # -- inside a table ---------------------------------------------------------------------
    def inside(self, index: int, line: str) -> None:
        text = line.strip()
        if not text:
            self.last = "blank"
            return
        if is_rule(line):
            self.state, self.last = "outside", "rule"
            return
        cells = read_cells(line, len(self.columns))
        if cells is not None:
            self.add_row(index, cells)
            self.last = "row"
            return
        indent = indent_of(line)
        if self.conditional:
            if indent <= 3:
                self.heading, self.last = _words(text), "group"
            elif self.last == "group":
                self.heading = _words(f"{self.heading} {text}")
            else:
                self.fail(index, "unexpected text in a Conditional Effects table")
        elif indent == 0:
            self.set_heading(index, text)
            self.last = "heading"
        elif self.last == "row":
            # Blimp wraps long labels after a comma/bracket: "L2:Cov(time_i[level2id]," +
            # "Intercept[level2id])"; anywhere else the break stands for a space.
            last = self.rows[-1]
            glue = "" if last.label.endswith((",", "(", "[", "*")) else " "
            self.rows[-1] = replace(last, label=_label(last.label + glue + text))
        else:
            self.fail(index, "unexpected text inside a table")

    def set_heading(self, index: int, text: str) -> None:
        if text.endswith(":"):
            heading = text[:-1].strip()
        elif text in _UNCOLONED_HEADINGS:
            heading = text
        elif _NOMINAL_HEAD_RE.match(text):
            self.category, self.heading = text, None
            return
        else:
            self.fail(index, f"unknown table heading {text!r}")
        self.heading = f"{self.category} / {heading}" if self.category else heading

    def add_row(self, index: int, cells) -> None:
        section = self.heading
        if cells.indent == 0:
            if not cells.label.startswith("Grand Mean"):
                self.fail(index, "unexpected row at column 0")
            section = "Grand Mean"
        if section is None:
            self.fail(index, "estimate row before any heading")
        values = dict.fromkeys(("estimate", "sd", "lower", "upper", "chisq", "pvalue", "n_eff",
                                "psr"), math.nan)
        values.update(zip(self.columns, cells.values))
        if cells.fixed:
            values = {key: (value if key == "estimate" else math.nan)
                      for key, value in values.items()}
        part = "simple" if self.conditional else self.part
        self.rows.append(SummaryRow(part=part, table=self.table, section=section,
                                    label=_label(cells.label), fixed=cells.fixed, **values))
