"""Blimp's "Proportion Variance Explained" for logit outcomes.

Blimp estimates logistic models by Pólya-Gamma data augmentation: each row gets a weight
ω_i ~ PG(1, ψ_i) (ψ_i the linear predictor), and the model becomes a weighted normal regression
√ω_i z_i = √ω_i x_iᵀβ + e_i. Its variance decomposition uses the √ω-weighted predictors with the
logistic residual π²/3 (reproduced on Ex4.13a, Ex5.3b, Ex5.8a, Ex6.21a/b to Monte Carlo error):

    N = Var_rows( √ω_i · (ψ_i − β₀) ),   by Coefficients = N / (N + π²/3).
"""

from __future__ import annotations

import numpy as np

RESIDUAL = np.pi ** 2 / 3
_TERMS = 50


def polya_gamma(c: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Draws of PG(1, c) (elementwise) from the series ω = Σ_k g_k / (2π²((k−½)² + c²/4π²)),
    g_k ~ Exp(1): the first 50 terms drawn, the rest replaced by their expectation (the tail's
    sum, approximated by its integral)."""
    c = np.asarray(c, dtype=float)
    a = (c / (2 * np.pi)) ** 2
    k = np.arange(1, _TERMS + 1) - 0.5
    g = rng.exponential(size=c.shape + (_TERMS,))
    head = (g / (k ** 2 + a[..., None])).sum(axis=-1)
    root = np.sqrt(np.maximum(a, 1e-12))
    tail = (np.pi / 2 - np.arctan(_TERMS / root)) / root
    return (head + tail) / (2 * np.pi ** 2)


def explained_share(psi: np.ndarray, intercept, rng: np.random.Generator) -> np.ndarray:
    """Per draw, the share of variance explained by the coefficients of a logit model.
    ``psi``: (chains, draws, rows) linear predictors; ``intercept``: matching draws (or 0)."""
    omega = polya_gamma(psi, rng)
    weighted = np.sqrt(omega) * (psi - np.asarray(intercept)[..., None])
    explained = weighted.var(axis=-1)
    return explained / (explained + RESIDUAL)
