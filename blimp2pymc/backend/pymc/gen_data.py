"""Generated code for the data part of a model: cluster indexes, complete (FIXED) predictors,
nominal dummy codes and predictors centered at observed means."""

from __future__ import annotations

from ...spec import model as M
from .context import Context


def write_clusters(ctx: Context) -> None:
    """``level2 = rt.Clusters(data["level2id"])`` and the row → cluster index arrays."""
    out = ctx.out
    levels = [lv for lv in ctx.spec.levels if lv.number > 1]
    if not levels:
        return
    out.section("clusters")
    for lv in levels:
        out(f'level{lv.number} = rt.Clusters(data["{lv.cluster}"])   # {lv.cluster}: '
            f'{lv.units} clusters')
        out(f"row_level{lv.number} = level{lv.number}.index   # row -> level-{lv.number} cluster")
    if len(levels) == 2:
        out("level2_level3 = level2.parent(level3)   # level-2 cluster -> level-3 cluster")


def coords(ctx: Context) -> str:
    """The ``coords`` dict of the model: rows and clusters."""
    items = ['"row": np.arange(len(data))']
    for lv in ctx.spec.levels:
        if lv.number > 1:
            items.append(f'"{lv.cluster}": level{lv.number}.labels')
    return "{" + ", ".join(items) + "}"


def observed_values(ctx: Context, name: str) -> str:
    """Code of a variable's observed values at its own level (NaN where missing)."""
    level = ctx.level_of(name)
    if level == 1:
        return f'data["{name}"].to_numpy()'
    return f'level{level}.values(data["{name}"])'


def write_fixed(ctx: Context, names: list[str]) -> None:
    """Complete predictors that are conditioned on: their values, dummy codes and centering."""
    spec = ctx.spec
    if not names:
        return
    out = ctx.out
    out.section("complete predictors (conditioned on, as Blimp's FIXED)")
    for name in names:
        ident = ctx.ids(name)
        out(f"{ident} = {observed_values(ctx, name)}")
        ctx.values[name] = ident
        if spec.kinds.get(name) == "nominal":
            for code in dummy_codes(spec, name):
                key = f"{name}.{code:g}"
                dummy = ctx.ids(key)
                out(f"{dummy} = ({ident} == {code!r}).astype(float)   # dummy code {key}")
                ctx.values[key] = dummy
        center = spec.centering.get(name)
        if center is not None and center.source == "observed":
            c = ctx.ids(name + "_c")
            if center.kind == "grandmean":
                out(f'{c} = {ident} - np.nanmean(data["{name}"])   # centered at its observed mean')
            else:
                out(f"{c} = {ident} - rt.cluster_means({ident}, row_level2)[row_level2]   "
                    "# centered at its observed cluster means")
            ctx.centered[name] = c


def dummy_codes(spec: M.ModelSpec, name: str) -> list[float]:
    """The codes of a NOMINAL variable that have dummy variables in the model (all but the
    reference category)."""

    codes = {leaf.code for eq in spec.equations for leaf in eq.leaves()
             if isinstance(leaf, M.Dummy) and leaf.name == name}
    return sorted(codes)


def fixed_names(spec: M.ModelSpec) -> list[str]:
    """Every data variable the equations use that is neither modelled nor an outcome."""

    modeled = {p.name for p in spec.predictor_model.predictors}
    outcomes = {eq.outcome for eq in spec.equations}
    names: list[str] = []
    for eq in spec.equations:
        for leaf in eq.leaves():
            if isinstance(leaf, M.LatentMean):
                continue
            if leaf.name not in modeled and leaf.name not in outcomes and leaf.name not in names:
                names.append(leaf.name)
    return names
