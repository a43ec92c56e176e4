"""Compare our posterior summaries with Blimp's printed tables, row by row.

A Blimp row agrees when our median is within ``0.25 + 2/sqrt(N_Eff)`` of Blimp's standard
deviations (the second term allows for Blimp's own Monte Carlo error; 0.25 alone when Blimp
prints no N_Eff) and our posterior sd is within a factor [0.8, 1.25] of Blimp's.
Counted rows: parts ``outcome``, ``generated`` and ``simple``, unless Blimp fixed the value (``@``)
or printed it as a constant (sd 0 or NaN). ``predictor`` rows (full conditionals that a joint
model may parameterise differently) and ``residual_correlation`` rows are never counted.

Blimp prints three decimals, so a printed value stands for anything within ±0.0005 of it. The
rule is applied to the values that printing could have rounded: this only matters for tiny
estimates (Ex6.10 ``L2 : Var(x_i)`` prints sd 0.001, which may be anything in [0.0005, 0.0015]).
The ``z`` and ``sd_ratio`` shown are computed from the printed numbers.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Sequence

from .blimp_out import BlimpOutput
from .tables import SummaryRow

__all__ = ["COUNTED_PARTS", "Comparison", "ComparedRow", "compare", "format_text", "to_json",
           "z_threshold"]

COUNTED_PARTS = frozenset({"outcome", "generated", "simple"})
Z_BASE = 0.25
SD_RATIO_RANGE = (0.8, 1.25)
_EPS = 1e-9
_PRINT_TOLERANCE = 0.0005  # Blimp prints three decimals

# Row statuses: counted rows are "agree", "disagree" or "missing"; the others explain why a row is
# not counted.
STATUS_MARKS = {
    "agree": "ok",
    "disagree": "DIFF",
    "missing": "MISSING",
    "fixed": "fixed @, not counted",
    "constant": "constant, not counted",
    "uncounted": "not counted",
    "extra": "ours only",
}


@dataclass(frozen=True)
class ComparedRow:
    """One line of the comparison; numbers are NaN where a side has no value.

    ``agree`` is None when it cannot be judged (no row on one side, no usable Blimp sd).
    For fixed / constant Blimp rows it says whether our median matches Blimp's printed value.
    """

    part: str
    table: str
    section: str
    label: str
    blimp_median: float
    blimp_sd: float
    blimp_neff: float
    median: float
    sd: float
    z: float
    sd_ratio: float
    agree: bool | None
    counted: bool
    status: str


@dataclass(frozen=True)
class Comparison:
    """``agree`` of ``n`` counted rows agree; ``rows`` lists Blimp's rows then ours-only rows."""

    agree: int
    n: int
    rows: tuple[ComparedRow, ...]


def z_threshold(n_eff: float) -> float:
    """Largest |median difference| / Blimp sd accepted for a row with this Blimp N_Eff."""
    if n_eff is None or not math.isfinite(n_eff) or n_eff <= 0:
        return Z_BASE
    return Z_BASE + 2.0 / math.sqrt(n_eff)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).strip())


def _key(row) -> tuple[str, str, str, str]:
    return (_norm(row.part), _norm(row.table).casefold(), _norm(row.section), _norm(row.label))


def _is_constant(row: SummaryRow) -> bool:
    return not math.isfinite(row.sd) or row.sd <= 0


def compare(ours: Sequence[SummaryRow], reference: BlimpOutput) -> Comparison:
    """Match our rows to Blimp's by (part, table, section, label) and judge each Blimp row.

    Duplicate keys are matched in order of appearance. Every counted Blimp row is in ``n``; one
    without a match of ours is a disagreement with status ``missing``.
    """
    pool: dict[tuple, deque[SummaryRow]] = defaultdict(deque)
    for row in ours:
        pool[_key(row)].append(row)
    judged = []
    for blimp in reference.rows:
        queue = pool.get(_key(blimp))
        mine = queue.popleft() if queue else None
        judged.append(_judge(blimp, mine))
    extras: dict[tuple[str, str], list[ComparedRow]] = defaultdict(list)
    for queue in pool.values():
        for mine in queue:
            extras[_key(mine)[:2]].append(ComparedRow(
                mine.part, mine.table, mine.section, mine.label, math.nan, math.nan, math.nan,
                mine.estimate, mine.sd, math.nan, math.nan, None, False, "extra"))
    # Ours-only rows follow the Blimp table they belong to (or come last).
    compared: list[ComparedRow] = []
    for index, row in enumerate(judged):
        compared.append(row)
        table = _key(row)[:2]
        if index + 1 == len(judged) or _key(judged[index + 1])[:2] != table:
            compared.extend(extras.pop(table, []))
    for rows in extras.values():
        compared.extend(rows)
    counted = [row for row in compared if row.counted]
    return Comparison(sum(1 for row in counted if row.agree), len(counted), tuple(compared))


def _judge(blimp: SummaryRow, mine: SummaryRow | None) -> ComparedRow:
    median = mine.estimate if mine is not None else math.nan
    sd = mine.sd if mine is not None else math.nan
    z = sd_ratio = math.nan
    if blimp.sd > 0 and math.isfinite(blimp.sd):
        z = abs(median - blimp.estimate) / blimp.sd
        sd_ratio = sd / blimp.sd
    if blimp.fixed or _is_constant(blimp):
        status = "fixed" if blimp.fixed else "constant"
        agree = (None if mine is None or not math.isfinite(median)
                 else abs(median - blimp.estimate) <= _PRINT_TOLERANCE + _EPS)
        counted = False
    else:
        counted = blimp.part in COUNTED_PARTS
        if mine is None:
            agree = False if counted else None
        else:
            agree = _agrees(blimp, median, sd)
        if not counted:
            status = "uncounted"
        elif mine is None:
            status = "missing"
        else:
            status = "agree" if agree else "disagree"
    return ComparedRow(blimp.part, blimp.table, blimp.section, blimp.label, blimp.estimate,
                       blimp.sd, blimp.n_eff, median, sd, z, sd_ratio, agree, counted, status)


def _agrees(blimp: SummaryRow, median: float, sd: float) -> bool:
    """The rule, allowing Blimp's printed numbers their rounding (±0.0005)."""
    if not (math.isfinite(median) and math.isfinite(sd)):
        return False
    low, high = SD_RATIO_RANGE
    sd_high = blimp.sd + _PRINT_TOLERANCE
    sd_low = max(blimp.sd - _PRINT_TOLERANCE, _EPS)
    z = max(0.0, abs(median - blimp.estimate) - _PRINT_TOLERANCE) / sd_high
    ratio_ok = sd / sd_high <= high + _EPS and sd / sd_low >= low - _EPS
    return bool(z <= z_threshold(blimp.n_eff) + _EPS and ratio_ok)


def _shown(row: ComparedRow, show_all: bool, *, text: bool) -> bool:
    if show_all or row.counted:
        return True
    # The text table also shows fixed / constant rows of counted parts, marked "not counted".
    return text and row.status in ("fixed", "constant")


def to_json(comparison: Comparison, show_all: bool = False) -> dict:
    """``{"agree", "n", "rows"}`` with counted rows (all rows with show_all); NaN/inf -> null."""
    rows = [{
        "table": row.table,
        "section": row.section,
        "label": row.label,
        "blimp_median": _num(row.blimp_median),
        "blimp_sd": _num(row.blimp_sd),
        "blimp_neff": _num(row.blimp_neff),
        "median": _num(row.median),
        "sd": _num(row.sd),
        "z": _num(row.z),
        "sd_ratio": _num(row.sd_ratio),
        "agree": row.agree,
    } for row in comparison.rows if _shown(row, show_all, text=False)]
    return {"agree": comparison.agree, "n": comparison.n, "rows": rows}


def _num(value: float) -> float | None:
    return float(value) if value is not None and math.isfinite(value) else None


def _cell(value: float, digits: int = 3) -> str:
    if value is None or math.isnan(value):
        return "---"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return f"{value:.{digits}f}"


_HEAD = ("median", "sd", "blimp", "blimp sd", "N_Eff", "z", "sd ratio")
_WIDTHS = (11, 10, 11, 10, 10, 7, 9)


def format_text(comparison: Comparison, show_all: bool = False) -> str:
    """Side-by-side table grouped by table and section; the last line is ``agree: K/N``."""
    shown = [row for row in comparison.rows if _shown(row, show_all, text=True)]
    label_width = max([len(row.label) + 4 for row in shown] + [36])
    header = f"{'':<{label_width}}" + "".join(
        f"{name:>{width}}" for name, width in zip(_HEAD, _WIDTHS)) + "  mark"
    lines = [header, "-" * len(header)]
    current_table = current_section = None
    for row in shown:
        table_key = (row.part, row.table)
        if table_key != current_table:
            if current_table is not None:
                lines.append("")
            lines.append(f"{row.table}  [{row.part}]")
            current_table, current_section = table_key, None
        if row.section != current_section:
            lines.append(f"  {row.section}")
            current_section = row.section
        cells = (row.median, row.sd, row.blimp_median, row.blimp_sd)
        text = f"    {row.label:<{label_width - 4}}" + "".join(
            f"{_cell(value):>{width}}" for value, width in zip(cells, _WIDTHS))
        text += f"{_cell(row.blimp_neff, 0):>{_WIDTHS[4]}}"
        text += f"{_cell(row.z, 2):>{_WIDTHS[5]}}{_cell(row.sd_ratio, 2):>{_WIDTHS[6]}}"
        lines.append(f"{text}  {_mark(row)}")
    lines.append("")
    lines.extend(_footnotes(comparison, show_all))
    lines.append(f"agree: {comparison.agree}/{comparison.n}")
    return "\n".join(lines)


def _mark(row: ComparedRow) -> str:
    mark = STATUS_MARKS[row.status]
    if row.status in ("fixed", "constant") and row.agree is not None:
        mark += "; matches" if row.agree else "; differs"
    return mark


def _footnotes(comparison: Comparison, show_all: bool) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    for row in comparison.rows:
        counts[row.status] += 1
    notes = ["rule: z = |median - blimp| / blimp sd <= 0.25 + 2/sqrt(N_Eff) (0.25 without N_Eff)"
             " and 0.8 <= sd ratio <= 1.25"]
    if counts["missing"]:
        notes.append(f"{counts['missing']} Blimp row(s) have no row of ours (counted as"
                     " disagreements)")
    if counts["fixed"] or counts["constant"]:
        notes.append(f"not counted: {counts['fixed']} fixed (@) and {counts['constant']}"
                     " constant (sd 0 / nan) Blimp row(s)")
    if counts["uncounted"]:
        verb = "shown" if show_all else "hidden; use --all"
        notes.append(f"not counted: {counts['uncounted']} predictor-model / residual-correlation"
                     f" row(s) ({verb})")
    if counts["extra"]:
        verb = "shown" if show_all else "hidden; use --all"
        notes.append(f"{counts['extra']} row(s) of ours have no Blimp counterpart ({verb})")
    return notes
