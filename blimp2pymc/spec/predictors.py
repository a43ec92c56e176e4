"""Which predictors get their own model, and how predictors are centered.

Blimp's rules, as observed in its outputs (BLIMP_SYNTAX §2.10, §5.4–5.6):
- an incomplete predictor needs a model (``Missing predictor``); so does a complete one that is
  centered at a model-estimated mean or whose latent group mean (``x_i.mean``) is used;
- FIXED predictors are conditioned on; when some predictor needs a model, every other non-FIXED
  predictor is modelled too (``Complete predictor``, Ex6.21b); otherwise complete predictors are
  conditioned on as if FIXED (Ex4.22, Ex6.20);
- grand-mean centering uses the model's grand mean, group-mean centering the latent group mean;
  FIXED variables are centered at their observed means (Blimp warns about this).
"""

from __future__ import annotations

import numpy as np

from ..syntax import ast as A
from . import model as M
from .symbols import Symbols, error, unsupported


def predictor_names(equations: list[M.Equation]) -> list[str]:
    """Data variables used as predictors (in first-use order), outcomes excluded."""
    outcomes = {eq.outcome for eq in equations}
    names: list[str] = []
    for eq in equations:
        for leaf in eq.leaves():
            if leaf.name not in outcomes and leaf.name not in names:
                names.append(leaf.name)
    return names


def center_requests(sym: Symbols) -> list[tuple[str, str, A.Node]]:
    """(name, kind, node) for every name in CENTER; ``x.mean`` names kept with their suffix."""
    out = []
    for st in sym.script.statements("CENTER"):
        for item in st.names:
            if not isinstance(item, A.Name):
                continue
            name = item.name
            if name.lower().endswith(".mean"):
                base = sym.variable(name[:-5])
                if base is None:
                    raise error(sym.script, item, f"unknown variable in CENTER: '{name}'")
                out.append((base + ".mean", st.kind, item))
                continue
            var = sym.variable(name)
            if var is None:
                raise error(sym.script, item, f"unknown variable in CENTER: '{name}'")
            out.append((var, st.kind, item))
    return out


def build_predictor_model(sym: Symbols, equations: list[M.Equation], keep: np.ndarray
                          ) -> tuple[M.PredictorModel, dict[str, M.Centering], list[str]]:
    """The predictor model, the centering table and Blimp-style warnings."""
    outcomes = {eq.outcome for eq in equations}
    predictors = predictor_names(equations)
    latent_means = {leaf.name for eq in equations for leaf in eq.leaves()
                    if isinstance(leaf, M.LatentMean)}
    requests = center_requests(sym)
    centered = {name for name, _, _ in requests}
    warnings: list[str] = []

    def complete(name):
        return not np.isnan(sym.data.column(name)[keep]).any()

    def used_in(name):
        """The first equation using a predictor (where its errors are reported)."""
        return next((eq for eq in equations if any(leaf.name == name
                                                   for leaf in eq.leaves())), None)

    needs_model = []
    for name in predictors:
        kind = sym.kind(name)
        if name in sym.fixed:
            if not complete(name):
                raise error(sym.script, sym.declaration("FIXED", name),
                            f"FIXED variable '{name}' has missing values; only complete "
                            "variables can be FIXED")
            continue
        if kind == "nominal":
            if not complete(name):
                raise unsupported(sym.script, used_in(name),
                                  f"incomplete NOMINAL predictors ('{name}')")
            continue
        if not complete(name) or name in centered or name in latent_means:
            needs_model.append(name)
    modeled = []
    if needs_model:
        modeled = [n for n in predictors
                   if n not in sym.fixed and sym.kind(n) != "nominal"]
    for name in latent_means:
        if name not in modeled:
            raise error(sym.script, sym.declaration("FIXED", name) or used_in(name),
                        f"'{name}.mean' needs a model for '{name}', but it is "
                                          "FIXED; remove it from FIXED")
    fixed = [n for n in predictors if n not in modeled]

    model_predictors = []
    for name in modeled:
        kind = sym.kind(name)
        if kind == "ordinal":
            if len(sym.categories(name)) != 2:
                raise unsupported(sym.script, used_in(name),
                                  f"models for ordinal predictors with more than two "
                                  f"categories ('{name}')")
        elif kind != "continuous":
            raise unsupported(sym.script, used_in(name), f"a model for the {kind} predictor "
                                                         f"'{name}'")
        model_predictors.append(M.ModeledPredictor(
            name=name, level=sym.data.level_of(name), kind=kind, complete=complete(name),
            categories=sym.categories(name) if kind == "ordinal" else ()))
    if len(sym.data.clusters) > 1 and any(p.level < 3 for p in model_predictors):
        first = model_predictors[0].name
        raise unsupported(sym.script, used_in(first), "models for incomplete predictors in "
                                                      f"three-level data ('{first}')")

    centering: dict[str, M.Centering] = {}
    fixed_centered = []
    for name, kind, node in requests:
        base = name[:-5] if name.endswith(".mean") else name
        if base in outcomes and not name.endswith(".mean"):
            raise unsupported(sym.script, node, f"centering '{base}', which is also an outcome "
                                                "(Blimp's Means Model)")
        if name.endswith(".mean"):
            if base not in latent_means:
                warnings.append(f"CENTER lists '{name}', which no model uses; it has no effect.")
                continue
            if kind != "grandmean":
                raise error(sym.script, node, f"'{name}' can only be grand-mean centered")
            centering[name] = M.Centering(name, "grandmean", "model")
            continue
        if base not in predictors:
            warnings.append(f"CENTER lists '{name}', which no model uses as a predictor; "
                            "it has no effect.")
            continue
        if sym.kind(base) == "nominal":
            raise unsupported(sym.script, node, f"centering the NOMINAL variable '{base}'")
        if sym.kind(base) == "ordinal" and kind == "groupmean" and base in modeled:
            raise unsupported(sym.script, node, f"group-mean centering the ORDINAL variable "
                                                f"'{base}'")
        if kind == "groupmean" and sym.data.level_of(base) != 1:
            raise error(sym.script, node, f"groupmean centering needs a level-1 variable; "
                                          f"'{base}' is a level-{sym.data.level_of(base)} variable")
        if kind == "groupmean" and sym.data.n_levels < 2:
            raise error(sym.script, node, "groupmean centering needs CLUSTERID")
        source = "model" if base in modeled else "observed"
        if source == "observed":
            fixed_centered.append(base)
        centering[base] = M.Centering(base, kind, source)
    if fixed_centered:
        warnings.append("The following variables are fixed and centered. The variables will be "
                        "centered with observed means: " + " ".join(fixed_centered))
    return M.PredictorModel(tuple(model_predictors), tuple(fixed)), centering, warnings
