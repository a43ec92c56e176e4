"""The row type shared by our posterior summaries and Blimp's printed tables.

A row is addressed the way Blimp prints it: ``table`` (the outcome / latent variable / covariance
matrix / "Generated Parameters" / "Conditional Effects" / predictor name), ``section`` (Blimp's group
heading verbatim: "Variances", "Coefficients", "Standard Deviations", "Standardized Coefficients",
"Proportion Variance Explained", "Thresholds", "Level 1", ...) and ``label`` (the row label verbatim:
"L2 : Var(Intercept)", "Residual Var.", "x1_i", ...).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SummaryRow:
    """One summarised parameter. Numbers are NaN where Blimp prints ``---``/``nan``.

    ``part`` says which part of the output the row belongs to: ``outcome`` (every table inside
    OUTCOME MODEL ESTIMATES: outcome, latent-variable, covariance-matrix, phantom-correlation and
    "Additional Parameters" tables), ``generated`` (GENERATED PARAMETERS), ``simple`` (conditional
    effects), ``predictor`` (PREDICTOR MODEL ESTIMATES, FCS imputation models) and
    ``residual_correlation`` (CORRELATIONS AMONG RESIDUALS). ``fixed`` is set for ``@ value`` rows.
    ``psr`` is the per-parameter PSR column that Blimp 3 prints instead of ChiSq/PValue.
    """

    part: str
    table: str
    section: str
    label: str
    estimate: float
    sd: float
    lower: float
    upper: float
    chisq: float = float("nan")
    pvalue: float = float("nan")
    n_eff: float = float("nan")
    fixed: bool = False
    psr: float = float("nan")
