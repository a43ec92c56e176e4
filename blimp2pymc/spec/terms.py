"""Regression terms: AST expressions → (Blimp row label, value expression) pairs.

A plain variable keeps its name as label (``x1_i``); a NOMINAL variable expands to its dummy codes
(``d_k`` → ``d_k.1``, products per dummy: ``time_i*d_k.1``, Ex6.15/Ex6.16); ``x_i.mean`` is the latent
group mean (label ``x_i.mean[level2id]``, Ex6.10); any other expression is a derived predictor with
its text, without spaces, in parentheses as label (``(time_i==1)``, Ex6.21). Variables keep
their CENTER treatment inside expressions too.
"""

from __future__ import annotations

import itertools

from ..syntax import ast as A
from ..syntax.printer import expr as expr_text
from . import model as M
from .symbols import Symbols, error, unsupported

_SUFFIXES_NOT_SUPPORTED = (".lag", ".latent", ".missing", ".totalvar", ".coefvar", ".residvar")


def compact(e) -> str:
    """Blimp's printed form of an expression: no spaces."""
    return expr_text(e).replace(" ", "")


def term_values(sym: Symbols, e) -> list[tuple[str, M.Value]]:
    """The (label, value) pairs one written term stands for (several for a nominal variable)."""
    if isinstance(e, A.Name):
        return _name_values(sym, e)
    if isinstance(e, A.Binary) and e.op == "*":
        factors = _product_factors(e)
        expanded = [_factor_values(sym, f) for f in factors]
        out = []
        for combo in itertools.product(*expanded):
            label = "*".join(lbl for lbl, _ in combo)
            out.append((label, M.Op("*", tuple(v for _, v in combo))))
        return out
    # any other expression: a derived predictor computed from raw values
    return [(f"({compact(e)})", expression_value(sym, e))]


def _product_factors(e) -> list:
    if isinstance(e, A.Binary) and e.op == "*":
        return _product_factors(e.left) + _product_factors(e.right)
    return [e]


def _factor_values(sym: Symbols, e) -> list[tuple[str, M.Value]]:
    if isinstance(e, A.Name):
        return _name_values(sym, e)
    return [(f"({compact(e)})", expression_value(sym, e))]


def _name_values(sym: Symbols, e: A.Name) -> list[tuple[str, M.Value]]:
    name = e.name
    var = sym.variable(name)
    if var is not None:
        kind = sym.kind(var)
        if kind == "nominal":
            ref = sym.reference(var)
            return [(f"{var}.{_code(c)}", M.Dummy(var, c)) for c in sym.categories(var) if c != ref]
        if kind == "count":
            raise unsupported(sym.script, e, f"COUNT variable '{var}' as a predictor")
        return [(var, M.Data(var))]
    if sym.is_latent(name):
        raise unsupported(sym.script, e, f"LATENT variable '{name}' in a regression")
    lowered = name.lower()
    if lowered.endswith(".mean"):
        base = sym.variable(name[: -len(".mean")])
        if base is None:
            raise error(sym.script, e, f"unknown variable '{name[:-5]}' in '{name}'")
        if sym.data.n_levels < 2:
            raise error(sym.script, e, f"'{name}' needs CLUSTERID: latent group means exist only "
                                       "in multilevel data")
        if sym.data.level_of(base) != 1:
            raise error(sym.script, e, f"'{name}': only level-1 variables have latent group means")
        return [(f"{base}.mean[{sym.data.cluster_id(2)}]", M.LatentMean(base, 2))]
    for suffix in _SUFFIXES_NOT_SUPPORTED:
        if lowered.endswith(suffix) or (suffix == ".lag" and ".lag" in lowered):
            raise unsupported(sym.script, e, f"the '{suffix}' suffix ('{name}')")
    dummy = _dummy(sym, name)
    if dummy is not None:
        return [dummy]
    raise error(sym.script, e, f"unknown variable '{name}' (not in VARIABLES, TRANSFORM or LATENT)")


def _dummy(sym: Symbols, name: str):
    """``n.2``: an explicitly written dummy code of NOMINAL ``n``."""
    base, _, code = name.rpartition(".")
    var = sym.variable(base) if base else None
    if var is None or sym.kind(var) != "nominal":
        return None
    try:
        value = float(code)
    except ValueError:
        return None
    if value not in sym.categories(var):
        return None
    return (f"{var}.{_code(value)}", M.Dummy(var, value))


def _code(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def expression_value(sym: Symbols, e, labels: frozenset[str] = frozenset(),
                     data: bool = True) -> M.Value:
    """A value expression from data values (centered as CENTER says: Blimp squares the centered
    x1 in ``(x1^2)``, Ex4.10), constants, labels (``labels``) and functions. ``data=False``
    (PARAMETERS) allows labels only."""
    if isinstance(e, A.Number):
        return M.Const(float(e.value))
    if isinstance(e, A.Name):
        var = sym.variable(e.name)
        if var is not None and e.name not in labels:
            if not data:
                raise error(sym.script, e, f"'{e.name}' is a data variable; PARAMETERS can only "
                                           "use parameter labels, earlier PARAMETERS and numbers")
            if sym.kind(var) == "nominal":
                raise unsupported(sym.script, e, f"NOMINAL variable '{var}' inside an expression")
            return M.Data(var)
        if e.name in labels:
            return M.LabelValue(e.name)
        if data and e.name.lower().endswith(".mean"):
            (_, value), = _name_values(sym, e)
            return value
        dummy = _dummy(sym, e.name) if data else None
        if dummy is not None:
            return dummy[1]
        raise error(sym.script, e, f"unknown name '{e.name}' in an expression")
    if isinstance(e, A.LabelRef):
        if e.name in labels:
            return M.LabelValue(e.name)
        raise error(sym.script, e, f"unknown parameter label '&{e.name}'")
    if isinstance(e, A.Unary):
        inner = expression_value(sym, e.operand, labels, data)
        return M.Op("neg", (inner,)) if e.op == "-" else inner
    if isinstance(e, A.Binary):
        return M.Op(e.op, (expression_value(sym, e.left, labels, data),
                           expression_value(sym, e.right, labels, data)))
    if isinstance(e, A.Call):
        if e.func not in KNOWN_FUNCTIONS:
            raise unsupported(sym.script, e, f"the function '{e.func}()' in an expression")
        return M.Func(e.func, tuple(expression_value(sym, a, labels, data) for a in e.args))
    raise unsupported(sym.script, e, f"'{compact(e)}' in an expression")


#: Functions a value expression may use (PARAMETERS, derived predictors).
KNOWN_FUNCTIONS = ("exp", "ln", "log", "sqrt", "abs", "phi", "ifelse", "normal_pdf")
