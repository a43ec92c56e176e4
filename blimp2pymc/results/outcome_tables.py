"""Blimp's OUTCOME MODEL ESTIMATES table of one equation, computed from the draws.

Sections and rows as Blimp prints them (Ex6.3a): Variances (``L2 : Var(Intercept)``,
``L2 : Cov(x1_i,Intercept)``, ``Residual Var.``), Coefficients, Standard Deviations (SDs and
correlations), Standardized Coefficients, Odds Ratio (logit), Proportion Variance Explained.

The variance decomposition follows Rights & Sterba (2019) as Blimp's numbers show it, per draw:
total = βᵀΦβ + Σ_levels (m̄ᵀ T m̄ + tr(T_slopes Φ_slopes)) + σ², where Φ and m̄ are the row-level
covariance and means of the predictors as used (imputed values included; a group-mean-centered
predictor has mean 0 and its within-cluster variance), m̄ = (1, means of the random-slope
predictors), T the random-effect covariance matrix, and σ² is 1 for probit and π²/3 for logit
models. A standardized coefficient is β·SD(x)/√total. Logit models without random effects follow Blimp's Pólya-Gamma
weighting instead (``polya_gamma.py``).
"""

from __future__ import annotations

import numpy as np

from ..spec import model as M
from ..spec import names
from .draws import fixed_row, row
from .polya_gamma import explained_share
from .tables import SummaryRow

_RESIDUAL = {"probit": 1.0, "logit": np.pi ** 2 / 3}


class Draws:
    """Posterior draws by variable name, as (chains, draws, ...) arrays."""

    def __init__(self, posterior):
        self.posterior = posterior

    def __getitem__(self, name: str) -> np.ndarray:
        return np.asarray(self.posterior[name].values, dtype=float)

    def __contains__(self, name: str) -> bool:
        return name in self.posterior


def coefficient_draws(d: Draws, eq: M.Equation, label: str, coef: M.Coefficient):
    """Draws of a coefficient (a constant array for fixed ones)."""
    if isinstance(coef, M.FixedAt):
        shape = d.posterior.sizes["chain"], d.posterior.sizes["draw"]
        return np.full(shape, coef.value)
    return d[names.coefficient(eq, label, coef)]


def equation_rows(d: Draws, eq: M.Equation, rng: np.random.Generator | None = None
                  ) -> list[SummaryRow]:
    """The rows of one equation's table. ``rng`` draws the Pólya-Gamma weights of a logit
    model's variance decomposition (seeded by the caller: same seed, same numbers)."""
    table = eq.display
    out: list[SummaryRow] = []

    def add(section, label, draws, test=False):
        out.append(row("outcome", table, section, label, draws, test=test))

    # Variances
    covs = {r.level: d[names.random_covariance(eq, r.level)] for r in eq.random}
    for r in eq.random:
        cov = covs[r.level]
        for i, a in enumerate(r.labels):
            for j in range(i):
                add("Variances", f"L{r.level} : Cov({a},{r.labels[j]})", cov[..., i, j])
            add("Variances", f"L{r.level} : Var({a})", cov[..., i, i])
    residual = None
    if eq.family == "normal":
        if isinstance(eq.residual, M.FixedAt):
            out.append(fixed_row("outcome", table, "Variances", "Residual Var.", eq.residual.value))
            residual = np.full(next(iter(covs.values())).shape[:2] if covs else _shape(d),
                               eq.residual.value)
        else:
            residual = d[names.residual_variance(eq)]
            add("Variances", "Residual Var.", residual)
    else:
        residual = np.full(_shape(d), _RESIDUAL[eq.family])

    # Coefficients
    betas = []
    if eq.intercept is not None:
        _coefficient_row(out, d, eq, "Intercept", eq.intercept)
    for t in eq.terms:
        betas.append(_coefficient_row(out, d, eq, t.label, t.coef))

    # Standard deviations and correlations
    for r in eq.random:
        cov = covs[r.level]
        sds = np.sqrt(np.stack([cov[..., i, i] for i in range(len(r.labels))], axis=-1))
        for i, a in enumerate(r.labels):
            for j in range(i):
                add("Standard Deviations", f"L{r.level} : Cor({a},{r.labels[j]})",
                    cov[..., i, j] / (sds[..., i] * sds[..., j]))
            add("Standard Deviations", f"L{r.level} : SD({a})", sds[..., i])
    if eq.family == "normal":
        if isinstance(eq.residual, M.FixedAt):
            out.append(fixed_row("outcome", table, "Standard Deviations", "Residual SD",
                                 float(np.sqrt(eq.residual.value))))
        else:
            add("Standard Deviations", "Residual SD", np.sqrt(residual))

    if not eq.terms:
        return out
    phi = d[names.predictor_covariance(eq)]
    means = d[names.predictor_means(eq)]
    beta = np.stack(betas, axis=-1)                                  # (chain, draw, p)
    explained = np.einsum("...i,...ij,...j->...", beta, phi, beta)
    parts = {r.level: _random_parts(eq, r, covs[r.level], phi, means) for r in eq.random}
    total = explained + residual + sum(a + b for a, b in parts.values())

    if eq.family == "normal":
        sd_x = np.sqrt(np.stack([phi[..., i, i] for i in range(len(eq.terms))], axis=-1))
        std = beta * sd_x / np.sqrt(total)[..., None]
        for i, t in enumerate(eq.terms):
            if not isinstance(t.coef, M.FixedAt):
                add("Standardized Coefficients", t.label, std[..., i], test=True)
    if eq.family == "logit":
        if eq.intercept is not None and not isinstance(eq.intercept, M.FixedAt):
            add("Odds Ratio", "Intercept",
                np.exp(coefficient_draws(d, eq, "Intercept", eq.intercept)))
        for i, t in enumerate(eq.terms):
            if not isinstance(t.coef, M.FixedAt):
                add("Odds Ratio", t.label, np.exp(beta[..., i]))

    section = "Proportion Variance Explained"
    if eq.family == "logit" and not eq.random and names.linear_predictor(eq) in d:
        # Blimp weights the rows by Pólya-Gamma draws (polya_gamma.py, Ex6.21a/b)
        intercept = (coefficient_draws(d, eq, "Intercept", eq.intercept)
                     if eq.intercept is not None else 0.0)
        share = explained_share(d[names.linear_predictor(eq)], intercept,
                                rng if rng is not None else np.random.default_rng(0))
        add(section, "by Coefficients", share)
        add(section, "by Residual Variation", 1.0 - share)
        return out
    add(section, "by Coefficients", explained / total)
    for level in sorted(parts):
        intercept, slopes = parts[level]
        r = next(r for r in eq.random if r.level == level)
        if r.values[0] is None:
            add(section, f"by Level-{level} Random Intercepts", intercept / total)
        if any(v is not None for v in r.values):
            add(section, f"by Level-{level} Random Slopes", slopes / total)
    prefix = f"Level-{eq.level} " if eq.random else ""
    add(section, f"by {prefix}Residual Variation", residual / total)
    return out


def _random_parts(eq: M.Equation, r: M.RandomEffects, cov, phi, means):
    """Variance of the random part u₀ + Σ u_s x_s at one level, split as Blimp splits it (Ex6.15,
    uncentered time): the random effects at the predictors' means, m̄ᵀ T m̄ with m̄ = (1, x̄_s),
    go to the intercepts; tr(T_ss Φ_ss), the spread of the slope predictors, to the slopes."""
    slope_idx = [i for i, v in enumerate(r.values) if v is not None]
    term_idx = [_term_index(eq, r.labels[i]) for i in slope_idx]
    at_means = np.ones(cov.shape[:-1])
    for i, t in zip(slope_idx, term_idx):
        at_means[..., i] = means[..., t]
    intercepts = np.einsum("...i,...ij,...j->...", at_means, cov, at_means)
    slopes = 0.0
    if slope_idx:
        t_slopes = cov[..., slope_idx, :][..., :, slope_idx]
        phi_slopes = phi[..., term_idx, :][..., :, term_idx]
        slopes = np.einsum("...ij,...ji->...", t_slopes, phi_slopes)
    if r.values[0] is not None:           # no random intercept: all of it varies with slopes
        return 0.0, slopes + intercepts
    return intercepts, slopes


def _shape(d: Draws):
    return d.posterior.sizes["chain"], d.posterior.sizes["draw"]


def _term_index(eq: M.Equation, label: str) -> int:
    base = label.split("[", 1)[0]
    return next(i for i, t in enumerate(eq.terms) if t.label == base)


def _coefficient_row(out, d: Draws, eq: M.Equation, label: str, coef: M.Coefficient):
    draws = coefficient_draws(d, eq, label, coef)
    if isinstance(coef, M.FixedAt):
        out.append(fixed_row("outcome", eq.display, "Coefficients", label, coef.value))
    else:
        out.append(row("outcome", eq.display, "Coefficients", label, draws, test=True))
    return draws
