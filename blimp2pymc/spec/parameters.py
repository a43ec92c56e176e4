"""PARAMETERS (generated parameters computed from labelled coefficients) and SIMPLE
(conditional effects of a focal predictor at values of a moderator)."""

from __future__ import annotations

from ..syntax import ast as A
from . import model as M
from .symbols import Symbols, error, unsupported
from .terms import expression_value

_SUFFIXES = (".totalvar", ".coefvar", ".residvar")


def derived_parameters(sym: Symbols, labels: tuple[str, ...]) -> tuple[M.DerivedParameter, ...]:
    """``name = expr`` lines of PARAMETERS, in order; each may use labels and earlier names."""
    known = set(labels)
    out = []
    for st in sym.script.statements("PARAMETERS"):
        if isinstance(st, A.Prior):
            raise unsupported(sym.script, st, "priors in PARAMETERS (truncate())")
        if not isinstance(st, A.Assignment) or not isinstance(st.target, A.Name):
            raise error(sym.script, st, "expected 'name = expression' in PARAMETERS")
        name = st.target.name
        if name in labels:
            raise unsupported(sym.script, st, f"constraining the model parameter '{name}' "
                                              "in PARAMETERS")
        _check_suffixes(sym, st.expr)
        value = expression_value(sym, st.expr, frozenset(known), data=False)
        out.append(M.DerivedParameter(name, value, line=st.line))
        known.add(name)
    return tuple(out)


def _check_suffixes(sym: Symbols, e) -> None:
    if isinstance(e, A.Name):
        for suffix in _SUFFIXES:
            if e.name.lower().endswith(suffix):
                raise unsupported(sym.script, e, f"'{suffix}' in PARAMETERS ('{e.name}')")
    for child in getattr(e, "args", ()) or ():
        _check_suffixes(sym, child)
    for attr in ("left", "right", "operand"):
        child = getattr(e, attr, None)
        if child is not None:
            _check_suffixes(sym, child)


def simple_effects(sym: Symbols, equations: list[M.Equation]) -> tuple[M.SimpleEffect, ...]:
    """SIMPLE ``focal | moderator`` → the equation holding both and their product."""
    out = []
    for st in sym.script.statements("SIMPLE"):
        if st.at is not None:
            raise unsupported(sym.script, st, f"SIMPLE at '@ {st.at}'")
        if len(st.moderators) != 1:
            raise unsupported(sym.script, st, "SIMPLE with two moderators ('and')")
        focal, moderator = st.focal, st.moderators[0]
        if not isinstance(focal, A.Name) or not isinstance(moderator, A.Name):
            raise unsupported(sym.script, st, "SIMPLE with an expression as focal quantity")
        f = sym.variable(focal.name)
        m = sym.variable(moderator.name)
        if f is None or m is None:
            raise error(sym.script, st, "SIMPLE names an unknown variable")
        eq = next((e for e in equations if any(t.label == f for t in e.terms)), None)
        if eq is None:
            raise error(sym.script, st, f"SIMPLE: no model has '{f}' as a predictor")
        labels = {t.label for t in eq.terms}
        products = {f"{f}*{mod}" for mod in [m] + [lbl for lbl in labels
                                                  if lbl.startswith(m + ".")]}
        products |= {"*".join(reversed(p.split("*"))) for p in products}
        if not labels & products:
            raise error(sym.script, st, f"SIMPLE {f} | {m}: the model of '{eq.outcome}' has no "
                                        f"product term {f}*{m}")
        out.append(M.SimpleEffect(eq.outcome, f, m, line=st.line))
    return tuple(out)
