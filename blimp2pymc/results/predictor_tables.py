"""Blimp's PREDICTOR MODEL ESTIMATES tables, converted from our sequential predictor model.

The backend (``backend/pymc/gen_predictors.py``) writes the joint normal model of the modelled
predictors, level by level, as a chain of regressions: with the components ``u`` of a level (a
level-1 predictor's within-cluster deviation, a latent group mean, a level-2 predictor …) taken as
deviations ``v = u - a`` from their means ``a`` (the grand means at the top level, the latent
group means one level up below it) and the level's fixed predictors ``f`` centered,

    v_j = Σ_{l<j} C_jl v_l + D_j f + e_j,    e_j ~ N(0, s_j) independent,

i.e. ``(I - C) v = D f + e``. Per draw this is rebuilt into the level's joint distribution

    u = A + B f + ε,   A = a,   B = (I - C)⁻¹ D,   Σ = Cov(ε) = (I - C)⁻¹ diag(s) (I - C)⁻ᵀ.

Blimp prints each predictor regressed on all the others, i.e. the conditional of ``u_k`` given
``u_{-k}`` and ``f``. With the precision matrix ``P = Σ⁻¹``:

    u_k | u_{-k}, f ~ N(A_k + B_k f + Σ_{l≠k} b_kl (u_l - A_l - B_l f), 1 / P_kk),
    b_kl = -P_kl / P_kk,     residual variance 1 / P_kk,
    coefficient on f:  g_k = B_k - Σ_{l≠k} b_kl B_l = (P B)_k / P_kk,

and the intercept with everything centered is ``A_k``, the grand mean (Blimp's ``Grand Mean``
row, taken from the draws as before).

An ORDINAL predictor's latent response has residual variance 1 in our chain (it is last in its
block), so its conditional residual variance ``1 / P_kk`` is 1 as Blimp fixes it. Should a block
hold several ordinal predictors only the last one would be; the latent scale is then re-set per
draw (``u_k → r u_k`` with ``r = √P_kk`` at the predictor's own level, applied to its latent group
means and grand mean too), which makes every ordinal conditional variance 1 as in Blimp.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..spec import model as M
from ..spec import names
from .draws import row
from .outcome_tables import Draws
from .tables import SummaryRow

__all__ = ["LevelJoint", "conditional_regressions", "joint_from_sequential", "level_joints",
           "predictor_rows"]


# ---------------------------------------------------------------------------------------------
# The algebra (batched over leading axes, e.g. (chain, draw))
# ---------------------------------------------------------------------------------------------


def joint_from_sequential(coef, fixed, resvar):
    """Joint form of a chain of regressions ``v_j = Σ_{l<j} coef[j, l] v_l + fixed[j] f + e_j``.

    ``coef`` (..., k, k), strictly lower triangular; ``fixed`` (..., k, m); ``resvar`` (..., k).
    Returns ``(B, Σ)``: ``v = B f + ε`` with ``Cov(ε) = Σ``.
    """
    coef = np.asarray(coef, dtype=float)
    resvar = np.asarray(resvar, dtype=float)
    k = coef.shape[-1]
    inv = np.linalg.inv(np.eye(k) - coef)                       # (I - C)⁻¹
    b = inv @ np.asarray(fixed, dtype=float)
    cov = (inv * resvar[..., None, :]) @ np.swapaxes(inv, -1, -2)
    return b, cov


def conditional_regressions(cov, fixed=None):
    """Each component regressed on all the others (and on the fixed predictors).

    ``cov`` (..., k, k): residual covariance of the components given ``f``; ``fixed`` (..., k, m):
    their coefficients ``B`` on ``f`` (None: no fixed predictors). Returns ``(b, resvar, g)``:
    ``b[..., k, l]`` coefficient of component ``l`` in the regression of ``k`` (zero diagonal),
    ``resvar[..., k]`` its residual variance, ``g[..., k, :]`` its coefficients on ``f``.
    """
    cov = np.asarray(cov, dtype=float)
    precision = np.linalg.inv(cov)
    diag = np.diagonal(precision, axis1=-2, axis2=-1)            # P_kk
    b = -precision / diag[..., :, None]
    k = cov.shape[-1]
    b[..., np.arange(k), np.arange(k)] = 0.0
    if fixed is None:
        g = np.zeros(cov.shape[:-1] + (0,))
    else:
        g = (precision @ np.asarray(fixed, dtype=float)) / diag[..., :, None]
    return b, 1.0 / diag, g


# ---------------------------------------------------------------------------------------------
# The levels of our model, read from the draws
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Component:
    key: str                   # parameter-name stem: ``x1_i`` or ``x1_i.mean``
    predictor: M.ModeledPredictor

    @property
    def own(self) -> bool:
        """The predictor itself (not a latent group mean of a lower-level predictor)."""
        return self.key == self.predictor.name


@dataclass
class LevelJoint:
    """One level's joint distribution, per draw: ``u = mean + fixed_coef f + ε``, Cov(ε) =
    ``cov``. ``mean`` holds the grand means at the top level and zeros below (deviations from the
    latent group means)."""

    level: int
    components: list[Component]            # in the backend's regression order
    fixed: list[str]                       # fixed-predictor labels (dummy codes ``m.1``)
    mean: np.ndarray                       # (chain, draw, k)
    cov: np.ndarray                        # (chain, draw, k, k)
    fixed_coef: np.ndarray                 # (chain, draw, k, m)

    def index(self, name: str) -> int | None:
        """Position of the predictor ``name``'s component, None if it has none here."""
        return next((i for i, c in enumerate(self.components) if c.predictor.name == name), None)


def _fixed_labels(spec: M.ModelSpec, level: int) -> list[str]:
    """Fixed predictors entering a level's block (as ``gen_predictors._fixed_at`` names them)."""
    out = []
    for name in spec.predictor_model.fixed:
        if spec.variables.get(name) != level:
            continue
        if spec.kinds.get(name) == "nominal":
            ref = spec.categories[name][0]
            out += [f"{name}.{c:g}" for c in spec.categories[name] if c != ref]
        else:
            out.append(name)
    return out


def _shape(d: Draws) -> tuple[int, int]:
    return d.posterior.sizes["chain"], d.posterior.sizes["draw"]


def _regression_order(d: Draws, level: int, comps: list[Component]) -> list[Component] | None:
    """The components in regression order, read off the draws: the j-th has j predecessors
    (``<key>: L<level> on <earlier key>``). None if the draws do not hold a chain of regressions."""
    keys = {c.key for c in comps}
    count = {c.key: sum(f"{c.key}: L{level} on {o}" in d for o in keys if o != c.key)
             for c in comps}
    ordered = sorted(comps, key=lambda c: count[c.key])
    if [count[c.key] for c in ordered] != list(range(len(comps))):
        return None
    return ordered


def _level_joint(d: Draws, spec: M.ModelSpec, level: int) -> LevelJoint | None:
    comps = [Component(p.name if p.level == level else f"{p.name}.mean", p)
             for p in spec.predictor_model.predictors if p.level <= level]
    if not comps:
        return None
    comps = _regression_order(d, level, comps)
    if comps is None:
        return None
    fixed = _fixed_labels(spec, level)
    shape = _shape(d)
    k, m = len(comps), len(fixed)
    coef = np.zeros(shape + (k, k))
    fixed_seq = np.zeros(shape + (k, m))
    resvar = np.ones(shape + (k,))
    mean = np.zeros(shape + (k,))
    for j, c in enumerate(comps):
        for l_, prev in enumerate(comps[:j]):
            coef[..., j, l_] = d[f"{c.key}: L{level} on {prev.key}"]
        for i, label in enumerate(fixed):
            name = f"{c.key}: L{level} on {label}"
            if name not in d:
                return None
            fixed_seq[..., j, i] = d[name]
        var = f"{c.key}: L{level} Residual Var."
        if var in d:
            resvar[..., j] = d[var]
        elif not (c.own and c.predictor.kind == "ordinal"):
            return None                    # only an ordinal latent response has it fixed at 1
        if level == spec.top_level:
            gm = names.grand_mean(c.predictor.name)
            if gm not in d:
                return None
            mean[..., j] = d[gm]
    b, cov = joint_from_sequential(coef, fixed_seq, resvar)
    return LevelJoint(level, comps, fixed, mean, cov, b)


def level_joints(d: Draws, spec: M.ModelSpec) -> dict[int, LevelJoint]:
    """Every level's joint distribution, on Blimp's scale for ordinal latent responses
    (conditional residual variance 1 at the predictor's own level)."""
    joints = {}
    for level in range(1, spec.top_level + 1):
        joint = _level_joint(d, spec, level)
        if joint is not None:
            joints[level] = joint
    for name, r in _ordinal_scales(joints, spec).items():
        for joint in joints.values():
            i = joint.index(name)
            if i is None:
                continue
            joint.cov[..., i, :] *= r[..., None]
            joint.cov[..., :, i] *= r[..., None]
            joint.fixed_coef[..., i, :] *= r[..., None]
            joint.mean[..., i] *= r
    return joints


def _ordinal_scales(joints: dict[int, LevelJoint], spec: M.ModelSpec) -> dict[str, np.ndarray]:
    """Per draw factor √P_kk that makes an ordinal's conditional residual variance 1 (exactly 1,
    up to rounding, when it is the only ordinal predictor of its level)."""
    out = {}
    for p in spec.predictor_model.predictors:
        joint = joints.get(p.level)
        if p.kind != "ordinal" or joint is None:
            continue
        precision = np.linalg.inv(joint.cov)
        i = joint.index(p.name)
        out[p.name] = np.sqrt(precision[..., i, i])
    return out


# ---------------------------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------------------------


def _constant_row(table: str, section: str, label: str, value: float, shape) -> SummaryRow:
    """A value fixed by the model, printed as Blimp prints it (Ex6.1 ``Residual Var.`` of an
    ordinal predictor, ``Tau 1``): the value, sd 0, both quantiles the value, no ChiSq, N_Eff nan."""
    return row("predictor", table, section, label, np.full(shape, value), test=False)


def _order_key(spec: M.ModelSpec):
    """Rows of a section in the order of the variables (Blimp uses the data's VARIABLES order;
    the spec keeps the order in which the model uses them)."""
    position = {name: i for i, name in enumerate(spec.variables)}

    def key(label: str):
        base = label if label in position else label.rsplit(".", 1)[0]
        return position.get(base, len(position)), label
    return key


def predictor_rows(d: Draws, spec: M.ModelSpec) -> list[SummaryRow]:
    """Blimp's PREDICTOR MODEL ESTIMATES: for each modelled predictor its Grand Mean, then per
    level (its own level and up) its regression on the other components of that level and the
    level's fixed predictors, then the Thresholds of an ordinal predictor.

    Levels whose parameters are not all in the draws are left out (the Grand Mean row stays)."""
    joints = level_joints(d, spec)
    conditionals = {level: conditional_regressions(j.cov, j.fixed_coef)
                    for level, j in joints.items()}
    order = _order_key(spec)
    shape = _shape(d)
    out: list[SummaryRow] = []
    for p in spec.predictor_model.predictors:
        table = p.name
        gm = names.grand_mean(p.name)
        if gm in d:
            top = joints.get(spec.top_level)
            i = top.index(p.name) if top is not None else None
            draws = top.mean[..., i] if i is not None else d[gm]
            out.append(row("predictor", table, "Grand Mean", "Grand Mean", draws, test=True))
        for level in range(p.level, spec.top_level + 1):
            joint = joints.get(level)
            if joint is None:
                continue
            section = f"Level {level}"
            k = joint.index(p.name)
            b, resvar, g = conditionals[level]
            entries = [(c.predictor.name, b[..., k, l_])
                       for l_, c in enumerate(joint.components) if l_ != k]
            entries += [(label, g[..., k, i]) for i, label in enumerate(joint.fixed)]
            for label, draws in sorted(entries, key=lambda e: order(e[0])):
                out.append(row("predictor", table, section, label, draws, test=True))
            if p.kind == "ordinal" and level == p.level:
                out.append(_constant_row(table, section, "Residual Var.", 1.0, shape))
            else:
                out.append(row("predictor", table, section, "Residual Var.", resvar[..., k],
                               test=False))
        if p.kind == "ordinal":
            out.append(_constant_row(table, "Thresholds", "Tau 1", 0.0, shape))
    return out
