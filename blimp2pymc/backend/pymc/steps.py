"""Custom Gibbs step for probit latent responses, used next to NUTS in PyMC's CompoundStep.

An ORDINAL predictor is modelled through a latent response z ~ N(mean, sd²) (sd = 1 in the
predictor model) whose threshold interval gives the category: z ≤ τ₁ → first code, … (binary
variables: τ₁ = 0). NUTS cannot move z (its support depends on the observed category) nor the
discrete missing categories, so this step draws them exactly, element by element in one vector:

- observed category k:  z ~ N(mean, sd²) truncated to (τ_{k-1}, τ_k];
- missing category:     k ~ P(k) ∝ [Φ((τ_k − mean)/sd) − Φ((τ_{k−1} − mean)/sd)] · L_children(k),
                        then z | k as above (a blocked draw of the pair, so no Metropolis step).

``L_children(k)`` is the likelihood of every model term that uses the category (the analysis
models where the ordinal variable is a predictor), evaluated with the category set to k. The
elements must be conditionally independent given everything else: each child element belongs
to one latent element (``children`` maps child elements to latent elements).

The mean and sd of z come from the model itself: the summed log density of the terms that contain
z is quadratic in each element, so evaluating it at z = -1, 0, 1 gives them exactly.
"""

from __future__ import annotations

from dataclasses import field

import numpy as np
from scipy import special, stats

import pymc as pm
from pymc.step_methods.compound import BlockedStep, Competence, StepMethodState
from pymc.step_methods.state import dataclass_state
from pymc.util import get_random_generator


@dataclass_state
class LatentResponseGibbsState(StepMethodState):
    observed: np.ndarray = field(metadata={"frozen": True})
    thresholds: np.ndarray = field(metadata={"frozen": True})


class LatentResponseGibbs(BlockedStep):
    """Gibbs update of the latent responses (and missing categories) of one ORDINAL variable.

    Parameters
    ----------
    vars : the latent-response variable (a vector RV, one element per row or cluster)
    observed : observed category index per element (0-based), -1 where the category is missing
    thresholds : the fixed thresholds τ₁ < τ₂ < … (binary: ``(0.0,)``)
    children : ``{rv_name: element → latent index}`` for every model variable whose density uses
        the category; its elementwise log density is summed into the latent element it maps to
    coupled : names of variables laid out like this one whose normal densities contain it
        (a later ordinal predictor regressed on this latent response)
    """

    name = "latent_response_gibbs"
    default_blocked = True
    stats_dtypes_shapes = {"changed": (np.int64, [])}
    _state_class = LatentResponseGibbsState

    def __init__(self, vars, *, observed, thresholds=(0.0,), children=None, coupled=(),
                 model=None, rng=None, blocked: bool = True):
        model = pm.modelcontext(model)
        if not isinstance(vars, (list, tuple)):
            vars = [vars]
        if len(vars) != 1:
            raise ValueError("LatentResponseGibbs updates exactly one latent-response variable")
        rv = model[vars[0]] if isinstance(vars[0], str) else vars[0]
        rv = model.values_to_rvs.get(rv, rv)
        value = model.rvs_to_values[rv]
        self.vars = [value]
        self.rng = get_random_generator(rng)
        self.observed = np.asarray(observed, dtype=np.int64)
        self.thresholds = np.asarray(thresholds, dtype=float)
        self._name = value.name
        n = self.observed.shape[0]

        import pytensor.tensor as pt

        own = model.logp(vars=[rv], sum=False)[0]
        for name in coupled:
            other = model[name]
            own = own + model.logp(vars=[model.values_to_rvs.get(other, other)], sum=False)[0]
        total_children = pt.zeros(n)
        for child_name, index in (children or {}).items():
            child = model[child_name]
            child = model.values_to_rvs.get(child, child)
            logp = model.logp(vars=[child], sum=False)[0]
            total_children = pt.inc_subtensor(total_children[np.asarray(index, dtype=np.int64)],
                                              logp)
        inputs = model.value_vars
        self._own = model.compile_fn(own, inputs=inputs, on_unused_input="ignore")
        self._children = model.compile_fn(total_children, inputs=inputs,
                                          on_unused_input="ignore")
        self._missing = np.flatnonzero(self.observed < 0)

    @staticmethod
    def competence(var, has_grad):
        """Assigned explicitly by the generated model, never chosen automatically."""
        return Competence.INCOMPATIBLE

    # -- the update ----------------------------------------------------------------------------

    def _conditional(self, point):
        """Mean and sd of each latent element given everything else (exact for normal terms)."""
        p = dict(point)
        shape = np.shape(point[self._name])
        p[self._name] = np.full(shape, -1.0)
        lo = self._own(p)
        p[self._name] = np.zeros(shape)
        mid = self._own(p)
        p[self._name] = np.ones(shape)
        hi = self._own(p)
        precision = -(hi - 2.0 * mid + lo)
        mean = (hi - lo) / (2.0 * precision)
        return mean, 1.0 / np.sqrt(precision)

    def _bounds(self):
        return np.concatenate([[-np.inf], self.thresholds, [np.inf]])

    def step(self, point):
        mean, sd = self._conditional(point)
        bounds = self._bounds()
        categories = self.observed.copy()
        changed = 0
        if self._missing.size:
            miss = self._missing
            k_max = len(bounds) - 1
            log_w = np.empty((miss.size, k_max))
            p = dict(point)
            current = np.asarray(point[self._name], dtype=float).copy()
            for k in range(k_max):
                # the children depend on the latent only through its category: any value inside
                # the interval of category k stands for it
                z = current.copy()
                z[miss] = _inside(bounds[k], bounds[k + 1])
                p[self._name] = z
                children = self._children(p)[miss]
                upper = special.log_ndtr((bounds[k + 1] - mean[miss]) / sd[miss])
                lower = special.log_ndtr((bounds[k] - mean[miss]) / sd[miss])
                log_w[:, k] = _log_diff_exp(upper, lower) + children
            gumbel = -np.log(-np.log(self.rng.uniform(size=log_w.shape)))
            draw = np.argmax(log_w + gumbel, axis=1)
            before = _category_of(current[miss], self.thresholds)
            changed = int((draw != before).sum())
            categories[miss] = draw
        z = _truncated_normal(mean, sd, bounds[categories], bounds[categories + 1], self.rng)
        new = dict(point)
        new[self._name] = z.reshape(np.shape(point[self._name]))
        return new, [{"changed": changed}]


def _inside(lower: float, upper: float) -> float:
    if np.isinf(lower) and np.isinf(upper):
        return 0.0
    if np.isinf(lower):
        return upper - 1.0
    if np.isinf(upper):
        return lower + 1.0
    return 0.5 * (lower + upper)


def _category_of(z, thresholds):
    return np.searchsorted(thresholds, z, side="left")


def _log_diff_exp(a, b):
    """log(exp(a) - exp(b)) for a >= b, stable."""
    return a + np.log1p(-np.exp(np.minimum(b - a, 0.0)) + 1e-300)


def _truncated_normal(mean, sd, lower, upper, rng):
    """Draws from N(mean, sd²) truncated to (lower, upper], vectorised and stable in the tails."""
    a = (lower - mean) / sd
    b = (upper - mean) / sd
    return stats.truncnorm.rvs(a, b, loc=mean, scale=sd, random_state=rng)
