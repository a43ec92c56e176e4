"""Generated code for the analysis models (Blimp's OUTCOME MODEL ESTIMATES).

Random effects are written in the centred form that mixes best for Blimp's examples (FINDINGS):
a cluster's random intercept has the fixed intercept plus the cluster-level terms as its mean, a
random slope has the fixed slope as its mean, and at three levels the level-2 effects are centred
on their level-3 cluster's effects. Coefficients have flat priors, the residual variance Blimp's
PRIOR2 (flat on σ²), random-effect covariance matrices PRIOR1/2/3.
"""

from __future__ import annotations

from ...spec import model as M
from ...spec import names
from .context import Context


def ordered(spec: M.ModelSpec) -> list[M.Equation]:
    """Equations so that an outcome used as a predictor is modelled before it is used."""

    outcomes = {eq.outcome: eq for eq in spec.equations}
    done: list[M.Equation] = []
    visiting: set[str] = set()

    def visit(eq):
        if eq in done:
            return
        if eq.outcome in visiting:
            raise ValueError(f"the models of '{eq.outcome}' depend on each other in a cycle")
        visiting.add(eq.outcome)
        for leaf in eq.leaves():
            if leaf.name in outcomes and leaf.name != eq.outcome:
                visit(outcomes[leaf.name])
        visiting.discard(eq.outcome)
        done.append(eq)

    for eq in spec.equations:
        visit(eq)
    return done


#: Blimp's prior for coefficients of categorical (probit / logit) models: "normal(0.0, 5.0)",
#: 5 being the variance — Ex6.21b's estimates are the posterior of exactly this prior.
CATEGORICAL_PRIOR = "pm.Normal(\"{name}\", mu=0.0, sigma=np.sqrt(5.0){initval})"


def _param(ctx: Context, eq: M.Equation, label: str, coef: M.Coefficient, start: str = "") -> str:
    """Code of a coefficient: a number, a labelled parameter (shared), or a new parameter with a
    flat prior (normal(0, 5) in categorical models)."""
    if isinstance(coef, M.FixedAt):
        return repr(coef.value)
    name = names.coefficient(eq, label, coef)
    if name not in ctx.params:
        ident = ctx.ids("b_" + name)
        initval = f", initval={start}" if start else ""
        if eq.family == "normal":
            ctx.out(f'{ident} = pm.Flat("{name}"{initval})')
        else:
            ctx.out(f"{ident} = " + CATEGORICAL_PRIOR.format(name=name, initval=initval)
                    + "   # Blimp: normal(0, 5) in categorical models")
        ctx.params[name] = ident
    return ctx.params[name]


def write_equation(ctx: Context, eq: M.Equation, used_as_predictor: bool) -> None:
    """The code of one equation: coefficients, random effects, linear predictor, likelihood."""
    out = ctx.out
    rhs = (["Intercept"] if eq.intercept is not None else []) + [t.label for t in eq.terms]
    random = ""
    if eq.random:
        random = " | " + " ".join(dict.fromkeys(lbl for r in eq.random for lbl in r.labels))
    block = f" [{eq.block}]" if eq.block else ""
    out.section(f"{eq.display} ~ {' '.join(rhs)}{random}{block} (line {eq.line})")
    y = ctx.observed(eq.outcome)
    start = f"rt.observed_mean({y})" if eq.family == "normal" else ""
    b0 = _param(ctx, eq, "Intercept", eq.intercept, start) if eq.intercept is not None else "0.0"
    coefs = {t.label: _param(ctx, eq, t.label, t.coef) for t in eq.terms}
    placed, row_terms, slope_labels = _placement(ctx, eq)
    effects: dict[tuple[int, str], str] = {}     # (level, label) → code of its column
    for r in sorted(eq.random, key=lambda r: -r.level):
        _write_random_level(ctx, eq, r, b0, coefs, placed[r.level], effects, y)
    parts = []
    intercept_levels = [r.level for r in eq.random if r.values[0] is None]
    if intercept_levels:
        low = min(intercept_levels)
        parts.append(ctx.at(effects[(low, "Intercept")], low, eq.level))
    else:
        parts.append(b0)
    for t in eq.terms:
        value = _paren(ctx.code(t.value, eq.level))
        if t.label in slope_labels:
            low = min(r.level for r in eq.random if (r.level, t.label) in effects)
            parts.append(f"{ctx.at(effects[(low, t.label)], low, eq.level)} * {value}")
        elif t.label in row_terms:
            parts.append(f"{coefs[t.label]} * {value}")
    mu = ctx.ids(f"mu_{eq.outcome}")
    out.sum(mu, parts)
    _likelihood(ctx, eq, mu, used_as_predictor)
    _moments(ctx, eq)


def _placement(ctx: Context, eq: M.Equation):
    """Which terms go into the mean of a random intercept (those constant within its clusters,
    placed at the highest such level), which stay in the row-level predictor, and which carry
    random slopes."""
    intercept_levels = [r.level for r in eq.random if r.values[0] is None]
    placed: dict[int, list[str]] = {r.level: [] for r in eq.random}
    row_terms: list[str] = []
    slope_labels = {_base(lbl) for r in eq.random for lbl, v in zip(r.labels, r.values)
                    if v is not None}
    for t in eq.terms:
        if t.label in slope_labels:
            continue
        homes = [lv for lv in intercept_levels if lv <= ctx.value_level(t.value)]
        if homes:
            placed[max(homes)].append(t.label)
        else:
            row_terms.append(t.label)
    return placed, row_terms, slope_labels


def _write_random_level(ctx: Context, eq: M.Equation, r: M.RandomEffects, b0: str,
                        coefs: dict[str, str], placed: list[str], effects: dict, y: str) -> None:
    """Random effects of one level, centred on the fixed effects (top random level) or on the
    next higher level's effects; records the code of each column in ``effects``."""
    out = ctx.out
    n = f"level{r.level}.n"
    means = []
    for label in r.labels:
        base = _base(label)
        higher = [x.level for x in eq.random if x.level > r.level
                  and any(_base(lbl) == base for lbl in x.labels)]
        if higher:
            mean = ctx.at(effects[(min(higher), base)], min(higher), r.level)
        else:
            mean = f"{b0 if base == 'Intercept' else coefs[base]} * pt.ones({n})"
        if base == "Intercept":
            for lbl in placed:
                term = next(t for t in eq.terms if t.label == lbl)
                mean += f" + {coefs[lbl]} * {_paren(ctx.code(term.value, r.level))}"
        means.append(mean)
    terms_dim = names.random_terms_dim(eq, r.level)
    out(f'model.add_coord("{terms_dim}", {list(r.labels)!r})')
    cov = ctx.ids(f"{eq.display}_L{r.level}_cov")
    chol = ctx.ids(f"{eq.display}_L{r.level}_chol")
    index = ctx.index(eq.level, r.level)
    variances = ["1.0"] + ["0.1"] * (len(r.labels) - 1)
    initval = []
    if eq.family == "normal" and r.values[0] is None:
        variances[0] = f"rt.observed_variance(rt.cluster_means({y}, {index}))"
        start = ctx.ids(f"{eq.display}_L{r.level}_start")
        out(f"{start} = np.zeros(({n}, {len(r.labels)}))   # starting values: observed "
            "cluster means")
        out(f"{start}[:, 0] = rt.start_cluster_means({y}, {index}, {n})")
        initval = [f"initval={start}"]
    out.call(f"{cov}, {chol}", "rt.covariance",
             [f'"{names.random_covariance(eq, r.level)}"', str(len(r.labels)),
              f'prior="{ctx.spec.priors.covariance}"', f"start=[{', '.join(variances)}]"])
    ident = ctx.ids(f"{eq.display}_L{r.level}")
    out(f'{ident} = rt.mvnormal("{names.random_effects(eq, r.level)}", mu=pt.stack([')
    with out.indent():
        for mean, label in zip(means, r.labels):
            out(f"{mean},   # {label}")
    out(f'], axis=1), chol={chol}, dims=("{r.cluster}", "{terms_dim}")'
        + "".join(", " + a for a in initval) + ")")
    for j, label in enumerate(r.labels):
        effects[(r.level, _base(label))] = f"{ident}[:, {j}]"


def _base(label: str) -> str:
    """``time_i[level2id]`` → ``time_i`` (level-specific random effect labels, Ex6.16b)."""
    return label.split("[", 1)[0]


def _paren(code: str) -> str:
    from .context import _wrap
    return _wrap(code)


def _likelihood(ctx: Context, eq: M.Equation, mu: str, used_as_predictor: bool) -> None:
    out = ctx.out
    ident = ctx.ids(eq.outcome)
    dims = "row" if eq.level == 1 else ctx.spec.level(eq.level).cluster
    values = ctx.observed(eq.outcome)
    if eq.family == "normal":
        if isinstance(eq.residual, M.FixedAt):
            var = repr(eq.residual.value)
        else:
            name = names.residual_variance(eq)
            var = ctx.ids(name)
            within = f", {ctx.index(eq.level, eq.level + 1)}" if eq.random else ""
            out.call(var, "rt.flat_variance",
                     [f'"{name}"', f"start=rt.observed_variance({values}{within})"])
            ctx.params[name] = var
        if used_as_predictor:
            out(f'{ident} = pm.Normal("{eq.outcome}", mu={mu}, sigma=pt.sqrt({var}), '
                f'observed={values}, dims="{dims}")   # missing values imputed')
            ctx.values[eq.outcome] = ident
            return
        rows = ctx.ids(f"{eq.outcome}_rows")
        out(f"{rows} = rt.observed_rows({values})   # rows with {eq.outcome} observed "
            "(missing outcomes carry no information)")
        out(f'pm.Normal("{eq.outcome}", mu={mu}[{rows}], sigma=pt.sqrt({var}), '
            f"observed={values}[{rows}])")
        return
    if used_as_predictor:
        raise ValueError(f"categorical outcome '{eq.outcome}' used as a predictor")
    high = eq.categories[-1]
    rows = ctx.ids(f"{eq.outcome}_rows")
    out(f"{rows} = rt.observed_rows({values})")
    observed = f"({values}[{rows}] == {high!r}).astype(int)"
    if eq.family == "logit":
        out(f'pm.Bernoulli("{eq.outcome}", logit_p={mu}[{rows}], observed={observed})')
        out(f'pm.Deterministic("{names.linear_predictor(eq)}", {mu})   # for the R² (results)')
    else:
        out(f'pm.Bernoulli("{eq.outcome}", p=pm.math.invprobit({mu}[{rows}]), '
            f"observed={observed})")


def _moments(ctx: Context, eq: M.Equation) -> None:
    """Per-draw means and covariance of the predictors (imputed values included): the results
    stage turns them into standardized coefficients and proportions of variance explained."""
    if not eq.terms:
        return
    out = ctx.out
    x = ctx.ids(f"X_{eq.outcome}")
    out(f"{x} = pt.stack([   # the predictors as used, one column per term")
    with out.indent():
        for t in eq.terms:
            out(f"{_broadcast(ctx, t.value, eq.level)},   # {t.label}")
    out("], axis=1)")
    out(f'pm.Deterministic("{names.predictor_means(eq)}", {x}.mean(axis=0))')
    out(f'pm.Deterministic("{names.predictor_covariance(eq)}", rt.covariance_of({x}))')


def _broadcast(ctx: Context, value, level: int) -> str:
    """A term's column for every unit of the equation's level (constants repeated)."""
    code = ctx.code(value, level)
    if M.value_leaves(value):
        return code
    n = "len(data)" if level == 1 else f"level{level}.n"
    return f"pt.broadcast_to({code}, ({n},))"

