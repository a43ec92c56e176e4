"""Summary rows → what a user reads: Blimp-style text tables, or pandas DataFrames."""

from __future__ import annotations

import math
from itertools import groupby

import numpy as np
import pandas as pd

from .tables import SummaryRow

_HEADER = (f"{'Parameters':<32}{'Estimate':>11}{'StdDev':>11}{'2.5%':>11}{'97.5%':>11}"
           f"{'ChiSq':>11}{'PValue':>11}{'N_Eff':>11}")
_RULE = " " * 32 + "-" * 77
_PARTS = (("outcome", "OUTCOME MODEL ESTIMATES"), ("generated", "GENERATED PARAMETERS"),
          ("predictor", "PREDICTOR MODEL ESTIMATES"))


def as_frames(rows: list[SummaryRow]) -> dict[str, pd.DataFrame]:
    """One DataFrame per table (index: section, label; columns as Blimp prints them)."""
    frames = {}
    for (part, table), group in groupby(rows, key=lambda r: (r.part, r.table)):
        key = table if part in ("outcome", "generated") else f"{table} ({part})"
        records = [{"section": r.section, "label": r.label, "Estimate": r.estimate,
                    "StdDev": r.sd, "2.5%": r.lower, "97.5%": r.upper, "ChiSq": r.chisq,
                    "PValue": r.pvalue, "N_Eff": r.n_eff, "fixed": r.fixed} for r in group]
        frame = pd.DataFrame.from_records(records).set_index(["section", "label"])
        frames[key] = pd.concat([frames[key], frame]) if key in frames else frame
    return frames


def _cell(x: float) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return f"{'---':>11}"
    if math.isinf(x):
        return f"{'inf':>11}"
    return f"{x:>11.3f}"


def _row(r: SummaryRow, indent: str = "  ") -> str:
    label = f"{indent}{r.label}"
    if r.fixed:
        return f"{label:<32}{'@ ' + format(r.estimate, '.3f'):>11}" + f"{'---':>11}" * 6
    return (f"{label:<32}" + "".join(_cell(v) for v in (r.estimate, r.sd, r.lower, r.upper,
                                                         r.chisq, r.pvalue, r.n_eff)))


def _table(title: str, rows: list[SummaryRow], centering: list[str]) -> list[str]:
    lines = [title, ""]
    if centering:
        lines += centering + [""]
    lines += [_HEADER, _RULE]
    for section, group in groupby(rows, key=lambda r: r.section):
        group = list(group)
        if section == "Grand Mean":          # printed at column 0, without a heading
            lines += [_row(r, indent="") for r in group] + [""]
            continue
        if section not in ("Generated Parameters",):
            lines.append(f"{section}:" if section != "Proportion Variance Explained"
                         else section)
        lines += [_row(r) for r in group]
        lines.append("")
    lines.append(_RULE)
    return lines


def _simple_table(rows: list[SummaryRow]) -> list[str]:
    head = f"{'Conditional Effects':<32}" + _HEADER[32:]
    lines = [head, _RULE]
    for section, group in groupby(rows, key=lambda r: r.section):
        lines.append(f"  {section}")
        lines += [_row(r, indent="    ") for r in group]
        lines.append("")
    lines += [_RULE, "", " " * 32 + "NOTE: Intercepts are computed by setting all predictors",
              " " * 32 + "      not involved in the conditional effect to zero."]
    return lines


def _centering_lines(spec, table: str) -> list[str]:
    eq = next((e for e in spec.equations if e.display == table), None)
    if eq is None:
        return []
    used = {t.label for t in eq.terms}
    grand, group = [], []
    for name, c in spec.centering.items():
        shown = name
        if name.endswith(".mean"):
            shown = f"{name}[{spec.level(2).cluster}]"
        if shown not in used:
            continue
        (grand if c.kind == "grandmean" else group).append(shown)
    out = []
    if grand:
        out.append("Grand Mean Centered: " + " ".join(grand))
    if group:
        out.append("Group Mean Centered: " + " ".join(group))
    return out


def _predictor_title(spec, name: str) -> str:
    """Blimp's heading of a predictor model: incomplete vs complete (but modelled) predictors."""
    return "Missing predictor:  " if name in spec.incomplete else "Complete predictor: "


def report(rows: list[SummaryRow], spec, idata) -> str:
    """The fitted model's summary laid out like Blimp's output."""
    posterior = idata.posterior
    chains, draws = posterior.sizes["chain"], posterior.sizes["draw"]
    lines = ["blimp2pymc summary", ""]
    stats = getattr(idata, "sample_stats", None)
    if stats is not None and "diverging" in stats:
        lines.append(f"  Divergent transitions: {int(np.asarray(stats['diverging']).sum())}")
    if spec.warnings:
        lines += ["", "WARNING MESSAGES:", ""] + [f"  WARNING: {w}" for w in spec.warnings]
    for part, title in _PARTS:
        part_rows = [r for r in rows if r.part == part or (part == "outcome" and
                                                            r.part == "simple")]
        if not part_rows:
            continue
        lines += ["", "", f"{title}:", "",
                  f"  Summaries based on {chains * draws} draws using {chains} chains.",
                  "  NOTE: Estimate column based on posterior median.", ""]
        for (p, table), group in groupby(part_rows, key=lambda r: (r.part, r.table)):
            group = list(group)
            if p == "simple":
                lines += [""] + _simple_table(group)
                continue
            if p == "generated":
                lines += [""] + _table("", group, [])[2:]
                continue
            kind = "Outcome Variable:  " if p == "outcome" else _predictor_title(spec, table)
            lines += [""] + _table(kind + table, group,
                                   _centering_lines(spec, table) if p == "outcome" else [])
    return "\n".join(lines) + "\n"
