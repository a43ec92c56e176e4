"""Generated code for Blimp's predictor models: one joint normal model of the modelled predictors,
conditional on the FIXED ones, written level by level as sequences of regressions.

At the top level (level 2 in two-level data, level 1 in single-level data) every component — the
latent group mean of each level-1 predictor (``x1_i.mean``) and each predictor of that level — is
regressed on the components before it and on the fixed predictors of that level, with the grand
means as intercepts (predecessors enter as deviations from their grand means, so each intercept
*is* that grand mean). Below it, each within-cluster deviation is regressed on the earlier
deviations and the fixed level-1 predictors. Missing values are imputed by PyMC (NaN in
``observed``); an ORDINAL predictor enters through a probit latent response with unit residual
variance, updated by ``LatentResponseGibbs``. Variances get Blimp's XPRIOR1 (inverse
gamma(1, 0.5)), coefficients flat priors. FINDINGS: this reproduces Blimp's focal estimates and,
converted, its PREDICTOR MODEL tables.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from ...spec import model as M
from ...spec import names
from .context import Context
from .gen_data import dummy_codes


@dataclass(frozen=True)
class Component:
    """One variable of a level's block: ``key`` names it (``x1_i`` or ``x1_i.mean``)."""

    key: str
    predictor: M.ModeledPredictor
    is_mean: bool          # latent group mean of a lower-level predictor


def _order(components: list[Component]) -> list[Component]:
    """Continuous components first, ordinal latent responses last (their residual variance is
    fixed at 1 conditional on everything before them)."""
    def ordinal_own(c):
        return c.predictor.kind == "ordinal" and not c.is_mean
    return [c for c in components if not ordinal_own(c)] + [c for c in components
                                                            if ordinal_own(c)]


def blocks(spec: M.ModelSpec) -> dict[int, list[Component]]:
    """Components of each level's block, in regression order."""
    top = spec.top_level
    out: dict[int, list[Component]] = {}
    for level in range(1, top + 1):
        comps = []
        for p in spec.predictor_model.predictors:
            if p.level == level:
                comps.append(Component(p.name, p, False))
            elif p.level < level:
                comps.append(Component(f"{p.name}.mean", p, True))
        out[level] = _order(comps)
    return out


def _fixed_at(ctx: Context, level: int) -> list[tuple[str, str]]:
    """(label, code) of the fixed predictors entering the level's block, centered at their mean
    over the units of that level."""
    spec = ctx.spec
    out = []
    for name in spec.predictor_model.fixed:
        if spec.variables.get(name) != level:
            continue
        if spec.kinds.get(name) == "nominal":
            keys = [f"{name}.{c:g}" for c in dummy_codes(spec, name)]
        else:
            keys = [name]
        for key in keys:
            dev = ctx.ids(key + "_dev")
            ctx.out(f"{dev} = {ctx.values[key]} - {ctx.values[key]}.mean()")
            out.append((key, dev))
    return out


def write_predictor_model(ctx: Context) -> None:
    spec = ctx.spec
    if not spec.predictor_model.predictors:
        return
    out = ctx.out
    names = " ".join(p.name for p in spec.predictor_model.predictors)
    fixed = " ".join(spec.predictor_model.fixed)
    out.section(f"predictor model: {names}" + (f" | {fixed}" if fixed else ""))
    for line in textwrap.wrap(" ".join((__doc__ or "").split("\n\n")[1].split()), 92):
        out.comment(line.replace("``", ""))
    top = spec.top_level
    for level in range(top, 0, -1):
        comps = blocks(spec)[level]
        if comps:
            _write_block(ctx, level, comps, top)


def _write_block(ctx: Context, level: int, comps: list[Component], top: int) -> None:
    out = ctx.out
    out()
    out.comment(f"level {level}" + (" (grand means)" if level == top else ""))
    covariates = _fixed_at(ctx, level)
    done: list[tuple[Component, str]] = []     # (component, code of its deviation)
    dims = "row" if level == 1 else ctx.spec.level(level).cluster
    for comp in comps:
        key, p = comp.key, comp.predictor
        ident = ctx.ids(key)
        if level == top:
            base = ctx.ids(p.name + "_grand_mean")
            start = "" if p.kind == "ordinal" else \
                f", initval=rt.observed_mean({ctx.observed(p.name)})"
            out(f'{base} = pm.Flat("{names.grand_mean(p.name)}"{start})')
            ctx.params[names.grand_mean(p.name)] = base
        else:   # a deviation from the predictor's latent group mean one level up
            base = ctx.at(ctx.values[f"{p.name}.mean"], level + 1, level)
        terms = [base]
        for prev, prev_dev in done:
            b = ctx.ids(f"{key}_on_{prev.key}")
            out(f'{b} = pm.Flat("{key}: L{level} on {prev.key}")')
            terms.append(f"{b} * {prev_dev}")
        for label, dev in covariates:
            b = ctx.ids(f"{key}_on_{label}")
            out(f'{b} = pm.Flat("{key}: L{level} on {label}")')
            terms.append(f"{b} * {dev}")
        mu = ctx.ids(f"mu_{key}")
        out.sum(mu, terms)
        if p.kind == "ordinal" and not comp.is_mean:
            latent = ctx.ids(f"{p.name}.latent")
            out.call(latent, "pm.Normal", [f'"{p.name}.latent"', f"mu={mu}", "sigma=1.0",
                                           f'dims="{dims}"'],
                     comment="probit latent response (LatentResponseGibbs)")
            out(f"{ident} = rt.category({latent}, {ctx.observed(p.name)}, "
                f"codes={list(p.categories)!r})")
            ctx.values[p.name] = ident
            ctx.values[f"{p.name}.latent"] = latent
            done.append((comp, _deviation(ctx, latent, base)))
            continue
        var = ctx.ids(f"{key}_var{level}")
        out.call(var, "pm.InverseGamma", [f'"{key}: L{level} Residual Var."', "alpha=1.0",
                                          "beta=0.5",
                                          f"initval={_start_variance(ctx, comp, level)}"],
                 comment="XPRIOR1")
        if comp.is_mean:
            extra = []
            if p.kind != "ordinal":
                extra = [f"initval=rt.start_cluster_means({ctx.observed(p.name)}, "
                         f"{ctx.index(p.level, level)}, level{level}.n)"]
        else:
            extra = [f"observed={ctx.observed(key)}"]
        out.call(ident, "pm.Normal", [f'"{key}"', f"mu={mu}", f"sigma=pt.sqrt({var})", *extra,
                                      f'dims="{dims}"'])
        ctx.values[key] = ident
        done.append((comp, _deviation(ctx, ident, base)))


def _start_variance(ctx: Context, comp: Component, level: int) -> str:
    """Code of a starting value for a component's residual variance: the observed variance of
    what it models (between-cluster, within-cluster or total)."""
    p = comp.predictor
    if p.kind == "ordinal":
        return "1.0"
    values = ctx.observed(p.name)
    if comp.is_mean:
        return f"rt.observed_variance(rt.cluster_means({values}, {ctx.index(p.level, level)}))"
    if level < ctx.spec.top_level:
        return f"rt.observed_variance({values}, {ctx.index(level, level + 1)})"
    return f"rt.observed_variance({values})"


def _deviation(ctx: Context, ident: str, base: str) -> str:
    """A component minus its mean (grand mean or latent group mean), as a predictor of the
    components after it."""
    dev = ctx.ids(f"{ident}_dev")
    ctx.out(f"{dev} = {ident} - {base}")
    return dev
