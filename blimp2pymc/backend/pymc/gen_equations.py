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
from .gen_data import observed_values


def ordered(spec: M.ModelSpec) -> list[M.Equation]:
    """Equations so that an outcome used as a predictor is modelled before it is used."""
    from ...spec.predictors import equation_leaves

    outcomes = {eq.outcome: eq for eq in spec.equations}
    done: list[M.Equation] = []
    visiting: set[str] = set()

    def visit(eq):
        if eq in done:
            return
        if eq.outcome in visiting:
            raise ValueError(f"the models of '{eq.outcome}' depend on each other in a cycle")
        visiting.add(eq.outcome)
        for leaf in equation_leaves(eq):
            if leaf.name in outcomes and leaf.name != eq.outcome:
                visit(outcomes[leaf.name])
        visiting.discard(eq.outcome)
        done.append(eq)

    for eq in spec.equations:
        visit(eq)
    return done


def _param(ctx: Context, eq: M.Equation, label: str, coef: M.Coefficient, start: str = "") -> str:
    """Code of a coefficient: a number, a labelled parameter (shared), or a new flat parameter."""
    if isinstance(coef, M.FixedAt):
        return repr(coef.value)
    name = names.coefficient(eq, label, coef)
    if name not in ctx.params:
        ident = ctx.ids("b_" + name)
        initval = f", initval={start}" if start else ""
        ctx.out(f'{ident} = pm.Flat("{name}"{initval})')
        ctx.params[name] = ident
    return ctx.params[name]


def write_equation(ctx: Context, eq: M.Equation, used_as_predictor: bool) -> None:
    out = ctx.out
    spec = ctx.spec
    rhs = " ".join(["Intercept"] if eq.intercept is not None else []) + " " + \
        " ".join(t.label for t in eq.terms)
    random = ""
    if eq.random:
        random = " | " + " ".join(dict.fromkeys(l for r in eq.random for l in r.labels))
    block = f" [{eq.block}]" if eq.block else ""
    out.section(f"{eq.display} ~ {rhs.strip()}{random}{block} (line {eq.line})")
    level = eq.level
    y = observed_values(ctx, eq.outcome)
    start = f"rt.observed_mean({y})" if eq.family == "normal" else ""
    b0 = _param(ctx, eq, "Intercept", eq.intercept, start) if eq.intercept is not None else "0.0"
    coefs = {t.label: _param(ctx, eq, t.label, t.coef) for t in eq.terms}
    values = {t.label: ctx.code(t.value, level) for t in eq.terms}

    random_levels = [r.level for r in eq.random]
    intercept_levels = [r.level for r in eq.random if r.values[0] is None]
    # terms constant within clusters of a random-intercept level go into that intercept's mean
    placed: dict[int, list[str]] = {lv: [] for lv in random_levels}
    row_terms: list[str] = []
    slope_labels = {_base(l) for r in eq.random for l, v in zip(r.labels, r.values)
                    if v is not None}
    for t in eq.terms:
        if t.label in slope_labels:
            continue
        tl = ctx.value_level(t.value)
        homes = [lv for lv in intercept_levels if lv <= tl]
        if homes:
            placed[max(homes)].append(t.label)
        else:
            row_terms.append(t.label)

    effects: dict[tuple[int, str], str] = {}     # (level, label) → code of its column
    for r in sorted(eq.random, key=lambda r: -r.level):
        n = f"level{r.level}.n"
        means = []
        for label, value in zip(r.labels, r.values):
            base = _base(label)
            higher = [lv for lv in random_levels if lv > r.level
                      and any(_base(l) == base for l in _labels_at(eq, lv))]
            if higher:
                up = min(higher)
                mean = ctx.at(effects[(up, base)], up, r.level)
            elif base == "Intercept":
                mean = f"{b0} * pt.ones({n})"
            else:
                mean = f"{coefs[base]} * pt.ones({n})"
            if base == "Intercept":
                for lbl in placed[r.level]:
                    term = next(t for t in eq.terms if t.label == lbl)
                    mean += f" + {coefs[lbl]} * {_paren(ctx.code(term.value, r.level))}"
            means.append(mean)
        ident = ctx.ids(f"{eq.display}_L{r.level}")
        terms_dim = names.random_terms_dim(eq, r.level)
        out(f'model.add_coord("{terms_dim}", {list(r.labels)!r})')
        cov = ctx.ids(f"{eq.display}_L{r.level}_cov")
        chol = ctx.ids(f"{eq.display}_L{r.level}_chol")
        between = "1.0"
        start = ""
        if eq.family == "normal" and r.values[0] is None:
            cluster_means = f"rt.cluster_means({y}, {ctx.index(level, r.level)})"
            between = f"rt.observed_variance({cluster_means})"
            columns = [f"rt.start_cluster_means({y}, {ctx.index(level, r.level)}, "
                       f"level{r.level}.n)"] + ["np.zeros(level%d.n)" % r.level] * (len(r.labels) - 1)
            start = f", initval=np.column_stack([{', '.join(columns)}])"
        variances = [between] + ["0.1"] * (len(r.labels) - 1)
        out(f'{cov}, {chol} = rt.covariance("{names.random_covariance(eq, r.level)}", '
            f'{len(r.labels)}, prior="{spec.priors.covariance}", start=[{", ".join(variances)}])')
        out(f'{ident} = rt.mvnormal("{names.random_effects(eq, r.level)}", '
            f"mu=pt.stack([")
        with out.indent():
            for mean, label in zip(means, r.labels):
                out(f"{mean},   # {label}")
        out(f'], axis=1), chol={chol}, dims=("{r.cluster}", "{terms_dim}"){start})')
        for j, label in enumerate(r.labels):
            effects[(r.level, _base(label))] = f"{ident}[:, {j}]"

    parts = []
    low_int = min(intercept_levels) if intercept_levels else None
    if low_int is not None:
        parts.append(ctx.at(effects[(low_int, "Intercept")], low_int, level))
    else:
        parts.append(b0)
    for t in eq.terms:
        if t.label in slope_labels:
            low = min(lv for lv in random_levels if (lv, t.label) in effects)
            parts.append(f"{ctx.at(effects[(low, t.label)], low, level)} * "
                         f"{_paren(values[t.label])}")
        elif t.label in row_terms:
            parts.append(f"{coefs[t.label]} * {_paren(values[t.label])}")
    mu = ctx.ids(f"mu_{eq.outcome}")
    out(f"{mu} = (")
    with out.indent():
        for i, part in enumerate(parts):
            out(("" if i == 0 else "+ ") + part)
    out(")")
    _likelihood(ctx, eq, mu, used_as_predictor)
    _moments(ctx, eq)


def _labels_at(eq: M.Equation, level: int) -> list[str]:
    for r in eq.random:
        if r.level == level:
            return list(r.labels)
    return []


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
    values = observed_values(ctx, eq.outcome)
    if eq.family == "normal":
        if isinstance(eq.residual, M.FixedAt):
            var = repr(eq.residual.value)
        else:
            name = names.residual_variance(eq)
            var = ctx.ids(name)
            within = f", {ctx.index(eq.level, eq.level + 1)}" if eq.random else ""
            out(f'{var} = rt.flat_variance("{name}", start=rt.observed_variance({values}{within}))')
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
    else:
        out(f'pm.Bernoulli("{eq.outcome}", p=pm.math.invprobit({mu}[{rows}]), '
            f"observed={observed})")


def _moments(ctx: Context, eq: M.Equation) -> None:
    """Per-draw means and covariance of the predictors (imputed values included): the results
    stage turns them into standardized coefficients and proportions of variance explained."""
    if not eq.terms:
        return
    out = ctx.out
    columns = ", ".join(_broadcast(ctx, t.value, eq.level) for t in eq.terms)
    x = ctx.ids(f"X_{eq.outcome}")
    out(f"{x} = pt.stack([{columns}], axis=1)   # predictors as used")
    out(f'pm.Deterministic("{names.predictor_means(eq)}", {x}.mean(axis=0))')
    out(f'pm.Deterministic("{names.predictor_covariance(eq)}", rt.covariance_of({x}))')


def _broadcast(ctx: Context, value, level: int) -> str:
    """A term's column for every unit of the equation's level (constants repeated)."""
    code = ctx.code(value, level)
    if ctx.value_level(value) <= level and _has_leaves(value):
        return code
    n = "len(data)" if level == 1 else f"level{level}.n"
    return f"pt.broadcast_to({code}, ({n},))"


def _has_leaves(value) -> bool:
    from .context import _leaves
    return bool(_leaves(value))
