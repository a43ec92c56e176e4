"""MODEL regressions → ``Equation``s with Blimp's defaults.

Defaults reproduced here (BLIMP_SYNTAX §3.4–3.6, §5.3): every equation has a free intercept unless
``1@0``; a level-1 outcome gets a random intercept at every higher level unless ``| 1@0``; random
slopes after ``|`` vary at every higher level unless a level is named (``time_i[level2id]``,
Ex6.16b), and the random effects of one level share an unstructured covariance matrix.
"""

from __future__ import annotations

from ..syntax import ast as A
from . import model as M
from .symbols import Symbols, error, unsupported
from .terms import compact, term_values

_OUTCOME_FUNCTIONS_NOT_SUPPORTED = {
    "var": "var() scale (log-variance) models",
    "yjt": "yjt() Yeo-Johnson transformations",
    "ln": "transformed outcomes (ln())",
    "sqrt": "transformed outcomes (sqrt())",
}


def variance_statements(sym: Symbols) -> dict[str, A.Term]:
    """Residual-variance ``@`` settings by outcome (``y@resvar;``, ``y@1;``). The ``~~`` spelling
    (``y ~~ y@1;``) is rejected earlier with the other covariance statements."""
    out: dict[str, A.Term] = {}
    for st in sym.script.statements("MODEL"):
        if isinstance(st, A.VarianceStatement) and isinstance(st.target, A.Name):
            var = sym.variable(st.target.name) or st.target.name
            out[var] = A.Term(st.target, st.at, line=st.line, col=st.col)
    return out


def build_equations(sym: Symbols) -> list[M.Equation]:
    """One Equation per regression of MODEL, in script order, with their block labels."""
    variances = variance_statements(sym)
    equations: list[M.Equation] = []
    block = None
    for st in sym.script.statements("MODEL"):
        if isinstance(st, A.BlockLabel):
            block = st.name.lower()
        elif isinstance(st, A.Regression):
            equations.append(_equation(sym, st, block, variances))
    seen: dict[str, M.Equation] = {}
    for eq in equations:
        if eq.outcome in seen:
            raise error(sym.script, eq, f"'{eq.outcome}' is the outcome of two equations "
                                          f"(lines {seen[eq.outcome].line} and {eq.line})")
        seen[eq.outcome] = eq
    return equations


def check_structure(sym: Symbols, equations: list[M.Equation]) -> None:
    """Equations must form a chain Blimp can estimate: no outcome among its own predictors, no
    cycle of outcomes predicting each other, categorical outcomes not used as predictors (yet)."""

    by_outcome = {eq.outcome: eq for eq in equations}
    uses = {eq.outcome: {leaf.name for leaf in eq.leaves()} & set(by_outcome)
            for eq in equations}
    for eq in equations:
        if eq.outcome in uses[eq.outcome]:
            raise error(sym.script, eq, f"'{eq.outcome}' cannot predict itself")
        for name in sorted(uses[eq.outcome]):
            if by_outcome[name].family != "normal":
                raise unsupported(sym.script, eq, f"the categorical outcome '{name}' as a "
                                                  f"predictor of '{eq.outcome}'")
    state: dict[str, int] = {}

    def visit(name, path):
        if state.get(name) == 1:
            cycle = path[path.index(name):] + [name]
            raise error(sym.script, by_outcome[name], "the models of "
                        + " -> ".join(f"'{n}'" for n in cycle) + " predict each other in a "
                        "cycle")
        if state.get(name) == 2:
            return
        state[name] = 1
        for used in sorted(uses[name]):
            visit(used, path + [name])
        state[name] = 2

    for eq in equations:
        visit(eq.outcome, [])


def _outcome(sym: Symbols, reg: A.Regression) -> tuple[str, str, str]:
    """(variable, display, family) of a regression's left-hand side."""
    if len(reg.outcomes) != 1:
        raise error(sym.script, reg, "a regression needs exactly one outcome after expansion")
    lhs = reg.outcomes[0]
    family = None
    if isinstance(lhs, A.Call):
        if lhs.func == "logit" and len(lhs.args) == 1 and isinstance(lhs.args[0], A.Name):
            family, lhs = "logit", lhs.args[0]
        elif lhs.func in _OUTCOME_FUNCTIONS_NOT_SUPPORTED:
            raise unsupported(sym.script, reg, _OUTCOME_FUNCTIONS_NOT_SUPPORTED[lhs.func])
        else:
            raise unsupported(sym.script, reg, f"the outcome '{compact(lhs)}'")
    if not isinstance(lhs, A.Name):
        raise unsupported(sym.script, reg, f"the outcome '{compact(lhs)}'")
    var = sym.variable(lhs.name)
    if var is None:
        if sym.is_latent(lhs.name):
            raise unsupported(sym.script, reg, f"LATENT variables ('{lhs.name}' as an outcome)")
        if lhs.name.lower().endswith(".missing"):
            raise unsupported(sym.script, reg, f"missingness models ('{lhs.name}')")
        raise error(sym.script, reg, f"unknown outcome variable '{lhs.name}'")
    kind = sym.kind(var)
    if kind == "nominal":
        raise unsupported(sym.script, reg, f"NOMINAL outcomes ('{var}')")
    if kind == "count":
        raise unsupported(sym.script, reg, f"COUNT outcomes ('{var}')")
    if family == "logit":
        if kind != "ordinal":
            raise error(sym.script, reg, f"logit() needs an ORDINAL outcome; '{var}' is not "
                                         "declared ORDINAL (it is not a binary ORDINAL variable)")
        if len(sym.categories(var)) != 2:
            raise unsupported(sym.script, reg, f"logit() for '{var}', which is not a binary "
                                               "ORDINAL variable")
        return var, f"logit({var})", "logit"
    if kind == "ordinal":
        if len(sym.categories(var)) != 2:
            raise unsupported(sym.script, reg, f"ordinal outcomes with more than two categories "
                                               f"('{var}')")
        return var, var, "probit"
    return var, var, "normal"


def _coefficient(sym: Symbols, term: A.Term) -> M.Coefficient:
    if term.at is None:
        return M.Estimated()
    if isinstance(term.at, A.Number):
        return M.FixedAt(float(term.at.value))
    if isinstance(term.at, A.Name):
        if sym.is_latent(term.at.name):
            raise unsupported(sym.script, term, f"LATENT variables ('@{term.at.name}')")
        return M.Estimated(term.at.name)
    raise error(sym.script, term, "unexpected '@' modifier")


def _equation(sym: Symbols, reg: A.Regression, block, variances) -> M.Equation:
    var, display, family = _outcome(sym, reg)
    level = sym.data.level_of(var)
    intercept: M.Coefficient | None = M.Estimated()
    terms: list[M.Term] = []
    for t in reg.terms:
        if isinstance(t.expr, A.Intercept):
            coef = _coefficient(sym, t)
            intercept = None if coef == M.FixedAt(0.0) else coef
            continue
        pairs = term_values(sym, t.expr)
        coef = _coefficient(sym, t)
        if len(pairs) > 1 and t.at is not None:
            raise unsupported(sym.script, t, "'@' on a NOMINAL variable's dummy codes as a group; "
                                             "write the dummies (n.2@b2 n.3@b3)")
        for label, value in pairs:
            if any(x.label == label for x in terms):
                raise error(sym.script, t, f"'{label}' appears twice in the model of '{var}'")
            terms.append(M.Term(label, value, coef))
    random = _random_effects(sym, reg, var, level, terms)
    residual = _residual(sym, var, family, variances)
    return M.Equation(outcome=var, display=display, family=family, level=level,
                      intercept=intercept, terms=tuple(terms), random=random, residual=residual,
                      block=block, line=reg.line, col=reg.col,
                      categories=sym.categories(var) if family != "normal" else ())


def _residual(sym, var, family, variances) -> M.Coefficient:
    stmt = variances.get(var)
    if family != "normal":
        if stmt is not None:
            raise error(sym.script, stmt, f"the residual variance of categorical outcome '{var}' "
                                          "is fixed; it cannot be set or labelled")
        return M.FixedAt(1.0)
    if stmt is None:
        return M.Estimated()
    return _coefficient(sym, stmt)


def _random_effects(sym: Symbols, reg: A.Regression, var: str, level: int,
                    terms: list[M.Term]) -> tuple[M.RandomEffects, ...]:
    data = sym.data
    higher = [lv for lv in range(level + 1, data.n_levels + 1)]
    if not higher:
        if reg.random:
            raise error(sym.script, reg, f"'{var}' is a level-{level} variable: it has no higher "
                                         "level for random effects")
        return ()
    by_cluster = {data.cluster_id(lv).lower(): lv for lv in higher}
    intercept_levels = set(higher)
    explicit_intercepts: set[int] = set()
    slopes: dict[int, list[tuple[str, M.Value]]] = {lv: [] for lv in higher}
    named_cluster: set[int] = set()
    for r in reg.random or ():
        levels = higher
        if r.cluster is not None:
            lv = by_cluster.get(r.cluster.lower())
            if lv is None:
                raise error(sym.script, r, f"'[{r.cluster}]' is not a cluster identifier above "
                                           f"the level of '{var}'")
            levels = [lv]
            named_cluster.add(lv)
        removed = isinstance(r.at, A.Number) and float(r.at.value) == 0.0
        if r.at is not None and not removed:
            raise error(sym.script, r, "a random effect can only be removed with '@0'")
        if isinstance(r.expr, A.Intercept):
            if removed:
                intercept_levels -= set(levels)
            else:
                explicit_intercepts.update(levels)
            continue
        if removed:
            continue
        for label, value in term_values(sym, r.expr):
            match = next((t for t in terms if t.label == label), None)
            if match is None:
                raise error(sym.script, r, f"random slope '{label}' must also be a predictor in "
                                           f"the model of '{var}'")
            for lv in levels:
                slopes[lv].append((label, match.value))
    if explicit_intercepts:
        intercept_levels = explicit_intercepts & intercept_levels
    out = []
    for lv in higher:
        cluster = data.cluster_id(lv)
        suffix = f"[{cluster}]" if lv in named_cluster else ""
        labels: list[str] = []
        values: list[M.Value | None] = []
        if lv in intercept_levels:
            labels.append("Intercept" + suffix)
            values.append(None)
        for label, value in slopes[lv]:
            labels.append(label + suffix)
            values.append(value)
        if labels:
            out.append(M.RandomEffects(lv, cluster, tuple(labels), tuple(values)))
    return tuple(out)
