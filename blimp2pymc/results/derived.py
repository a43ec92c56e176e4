"""Quantities computed from the draws of labelled parameters: PARAMETERS (generated parameters,
Ex6.10 ``contextual``, Ex6.21 hazards) and SIMPLE conditional effects (Ex6.11a, Ex6.15, Ex6.16).
"""

from __future__ import annotations

import numpy as np
from scipy import special

from ..spec import model as M
from ..spec import names
from .draws import row
from .outcome_tables import Draws, coefficient_draws
from .tables import SummaryRow

_OPS = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "^": np.power,
        "==": np.equal, "!=": np.not_equal, "<": np.less, "<=": np.less_equal,
        ">": np.greater, ">=": np.greater_equal, "and": np.logical_and, "or": np.logical_or}
_FUNCS = {"exp": np.exp, "ln": np.log, "log": np.log, "sqrt": np.sqrt, "abs": np.abs,
          "phi": special.ndtr,
          "normal_pdf": lambda x: np.exp(-0.5 * x ** 2) / np.sqrt(2 * np.pi)}


def evaluate(value, known: dict[str, np.ndarray]):
    """A PARAMETERS expression over draws; ``known`` maps labels and earlier names to draws."""
    if isinstance(value, M.Const):
        return value.value
    if isinstance(value, M.LabelValue):
        return known[value.name]
    if isinstance(value, M.Op):
        args = [evaluate(a, known) for a in value.args]
        if value.op == "neg":
            return -args[0]
        return _OPS[value.op](*args).astype(float) if value.op in ("==", "!=", "<", "<=", ">",
                                                                    ">=", "and", "or") \
            else _OPS[value.op](*args)
    if isinstance(value, M.Func):
        args = [evaluate(a, known) for a in value.args]
        if value.name == "ifelse":
            return np.where(args[0], args[1], args[2])
        return _FUNCS[value.name](*args)
    raise ValueError(f"{value!r} cannot appear in PARAMETERS")


def label_draws(d: Draws, spec: M.ModelSpec) -> dict[str, np.ndarray]:
    """Draws of every labelled coefficient of the model."""
    out = {}
    for label in spec.labels():
        if label in d:
            out[label] = d[label]
    return out


def generated_rows(d: Draws, spec: M.ModelSpec) -> list[SummaryRow]:
    known = label_draws(d, spec)
    shape = d.posterior.sizes["chain"], d.posterior.sizes["draw"]
    out = []
    for p in spec.derived:
        draws = np.broadcast_to(np.asarray(evaluate(p.value, known), dtype=float), shape)
        known[p.name] = draws
        out.append(row("generated", "Generated Parameters", "Generated Parameters", p.name,
                       draws, test=True))
    return out


def simple_rows(d: Draws, spec: M.ModelSpec) -> list[SummaryRow]:
    """Conditional intercepts and slopes of the focal predictor: at +1 SD, 0 and -1 SD of a
    continuous moderator (SD of the moderator as centered: within-cluster for group-mean
    centering, total otherwise), at 0 and 1 of each dummy code."""
    out = []
    for s in spec.simple:
        eq = spec.equation(s.outcome)
        labels = [t.label for t in eq.terms]
        phi = d[names.predictor_covariance(eq)]
        intercept = (coefficient_draws(d, eq, "Intercept", eq.intercept)
                     if eq.intercept is not None else 0.0)
        slope = _coef(d, eq, s.focal)
        moderators = [lbl for lbl in labels if lbl == s.moderator
                      or lbl.startswith(s.moderator + ".")]
        for mod in moderators:
            interaction = next((lbl for lbl in labels
                                if lbl in (f"{s.focal}*{mod}", f"{mod}*{s.focal}")), None)
            b_mod = _coef(d, eq, mod)
            b_int = _coef(d, eq, interaction) if interaction else 0.0
            if mod == s.moderator and spec.kinds.get(mod) not in ("ordinal", "nominal"):
                sd = np.sqrt(phi[..., labels.index(mod), labels.index(mod)])
                points = [("+1 SD", sd), ("0", 0.0), ("-1 SD", -sd)]
            else:
                points = [("0", 0.0), ("1", 1.0)]
            for name, at in points:
                section = f"{s.focal} | {mod} @ {name}"
                out.append(row("simple", eq.display, section, "Intercept",
                               intercept + b_mod * at, test=True))
                out.append(row("simple", eq.display, section, "Slope",
                               slope + b_int * at, test=True))
    return out


def _coef(d: Draws, eq: M.Equation, label: str):
    term = next(t for t in eq.terms if t.label == label)
    return coefficient_draws(d, eq, label, term.coef)
