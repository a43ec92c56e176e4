"""``build_spec``: expanded AST + data → ModelSpec, applying Blimp's defaults."""

from __future__ import annotations

import numpy as np

from ..data import Dataset
from ..syntax import ast as A
from . import model as M
from .equations import build_equations, check_structure
from .parameters import derived_parameters, simple_effects
from .predictors import build_predictor_model
from .settings import check_commands, options, sampling
from .symbols import Symbols, error


def analysed_rows(data: Dataset, names: list[str]) -> np.ndarray:
    """Rows with at least one analysis variable observed; Blimp drops the others with a warning
    ("N observations have all variables in the imputation model missing", Ex6.10: 2680 → 2652)."""
    if not names:
        return np.ones(data.n_rows, dtype=bool)
    observed = np.zeros(data.n_rows, dtype=bool)
    for name in names:
        observed |= ~np.isnan(data.column(name))
    return observed


def build_spec(script: A.Script, data: Dataset) -> M.ModelSpec:
    """The model a Blimp script describes, with every default made explicit."""
    sym = Symbols.build(script, data)
    check_commands(sym)
    equations = build_equations(sym)
    if not equations:
        raise error(script, script.get("MODEL")[0], "MODEL has no regression to estimate")
    check_structure(sym, equations)
    names: list[str] = []
    for eq in equations:
        for name in [eq.outcome] + [leaf.name for leaf in eq.leaves()]:
            if name not in names:
                names.append(name)
    keep = analysed_rows(data, names)
    warnings = []
    dropped = int((~keep).sum())
    if dropped:
        warnings.append(f"{dropped} observations have all variables in the model missing. "
                        "They have been dropped from the analysis.")
    predictor_model, centering, more = build_predictor_model(sym, equations, keep)
    warnings += more
    priors, more = options(sym)
    warnings += more

    levels = [M.Level(1, None, int(keep.sum()))]
    for lv in range(2, data.n_levels + 1):
        codes = data.cluster_codes[lv][keep]
        levels.append(M.Level(lv, data.cluster_id(lv), int(len(np.unique(codes)))))
    kinds = {n: sym.kind(n) for n in names}
    categories = {n: sym.categories(n) for n in names if kinds[n] in ("ordinal", "nominal")}
    incomplete = frozenset(n for n in names if np.isnan(data.column(n)[keep]).any())
    spec = M.ModelSpec(
        script_path=script.path, data_path=data.path, levels=tuple(levels),
        variables={n: data.level_of(n) for n in names}, kinds=kinds, categories=categories,
        incomplete=incomplete, equations=tuple(equations), predictor_model=predictor_model,
        centering=centering, priors=priors, sampling=sampling(sym),
        rows=None if keep.all() else tuple(int(i) for i in np.flatnonzero(keep)),
        warnings=tuple(warnings))
    derived = derived_parameters(sym, spec.labels())
    simple = simple_effects(sym, equations)
    return M.ModelSpec(**{**spec.__dict__, "derived": derived, "simple": simple})
