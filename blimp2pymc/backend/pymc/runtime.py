"""Small helpers the generated PyMC source calls (``from blimp2pymc.backend.pymc import runtime as
rt``): cluster indexing, Blimp's priors for variances and covariance matrices, multivariate normal
random effects, and ordinal categories from latent responses.

Each helper is what a person writing the model by hand would write once and reuse; keeping them
here keeps the generated models short. Only this package (``backend/pymc``) imports PyMC.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pymc as pm
import pytensor.tensor as pt

from .steps import LatentResponseGibbs  # noqa: F401  (re-exported for generated models)

# ---------------------------------------------------------------------------------------------
# Data helpers
# ---------------------------------------------------------------------------------------------


class Clusters:
    """Integer codes of a cluster identifier: ``index`` maps each row to its cluster (0-based, in
    order of first appearance), ``labels`` are the identifier values (coords for ``dims``)."""

    def __init__(self, ids: pd.Series):
        codes, uniques = pd.factorize(pd.Series(np.asarray(ids)), sort=False)
        self.index = codes.astype(np.int64)
        self.labels = [_label(v) for v in uniques]
        self.n = len(uniques)

    def values(self, column) -> np.ndarray:
        """One value per cluster of a variable constant within clusters (NaN where missing)."""
        values = np.asarray(column, dtype=float)
        out = np.full(self.n, np.nan)
        order = np.argsort(self.index, kind="stable")
        for row in order[::-1]:  # first observed value wins
            if not np.isnan(values[row]):
                out[self.index[row]] = values[row]
        return out

    def parent(self, higher: "Clusters") -> np.ndarray:
        """For nested clusters: the ``higher``-level cluster of each cluster of this level."""
        out = np.zeros(self.n, dtype=np.int64)
        out[self.index] = higher.index
        return out


def _label(value):
    value = float(value)
    return int(value) if value.is_integer() else value


def centered(values) -> np.ndarray:
    """A complete (FIXED) predictor centered at its observed mean (Blimp centers FIXED variables
    at observed means)."""
    values = np.asarray(values, dtype=float)
    return values - np.nanmean(values)


def observed_mean(column) -> float:
    """Mean of the observed values (a starting value for a grand mean or an intercept)."""
    values = np.asarray(column, dtype=float)
    return float(np.nanmean(values)) if np.isfinite(values).any() else 0.0


def observed_variance(column, index=None) -> float:
    """Variance of the observed values, or of their deviations from the cluster means when
    ``index`` is given (a starting value for a variance)."""
    values = np.asarray(column, dtype=float)
    if index is not None:
        values = values - cluster_means(values, index)[np.asarray(index)]
    var = float(np.nanvar(values)) if np.isfinite(values).sum() > 1 else 1.0
    return var if var > 0 else 1.0


def start_cluster_means(column, index, n: int) -> np.ndarray:
    """Observed cluster means, the grand mean where a cluster has none (starting values)."""
    means = np.full(n, observed_mean(column))
    observed = cluster_means(column, index)
    ok = np.isfinite(observed)
    means[: len(observed)][ok] = observed[ok]
    return means


def cluster_means(values, index) -> np.ndarray:
    """Observed mean of a variable within each cluster (NaN ignored)."""
    values = np.asarray(values, dtype=float)
    return pd.Series(values).groupby(np.asarray(index)).mean().to_numpy()


def load_data(script_path: str) -> pd.DataFrame:
    """The analysed rows of a script's data, read exactly as ``blimp2pymc run`` reads them."""
    from ...data import load_data as read_data
    from ...spec import build_spec
    from ...syntax import expand, parse_file

    script = expand(parse_file(script_path))
    dataset = read_data(script, script_path)
    return analysed_frame(dataset.frame, build_spec(script, dataset))


def analysed_frame(frame: pd.DataFrame, spec) -> pd.DataFrame:
    """The rows a spec analyses (Blimp drops rows with every analysis variable missing)."""
    if spec.rows is not None:
        frame = frame.iloc[list(spec.rows)]
    return frame.reset_index(drop=True)


def observed_rows(column) -> np.ndarray:
    """Indices of the rows where a variable is observed."""
    return np.flatnonzero(~np.isnan(np.asarray(column, dtype=float)))


# ---------------------------------------------------------------------------------------------
# Priors
# ---------------------------------------------------------------------------------------------


def flat_variance(name: str, start: float = 1.0):
    """A variance with Blimp's default prior for residual variances, "zero sum of squares,
    df = -2 (PRIOR2)": flat on σ². Sampled as log σ² with the Jacobian log σ² added.
    ``start`` is the initial value of σ²."""
    log_var = pm.Flat(f"{name} (log)", initval=float(np.log(max(start, 1e-6))))
    pm.Potential(f"{name} (flat prior)", 1.0 * log_var)
    return pm.Deterministic(name, pt.exp(log_var))


def covariance(name: str, size: int, prior: str = "prior2", start=None):
    """A ``size``×``size`` covariance matrix of random effects with Blimp's PRIOR1/2/3 and its
    Cholesky factor. Returns ``(cov, chol)``; ``cov`` is recorded as a Deterministic ``name``.

    Parameterised by the Cholesky factor L with log-diagonal; the Jacobian of Σ = LLᵀ is
    Σᵢ (p − i + 2)·log Lᵢᵢ (i = 1…p). Priors on Σ (BLIMP_SYNTAX §5.7, FINDINGS):
    PRIOR2 flat; PRIOR3 |Σ|^-(p+1)/2; PRIOR1 inverse-Wishart(I, p + 1) ∝ |Σ|^-(p+1)·exp(-tr Σ⁻¹/2).
    ``start``: initial variances (the diagonal of Σ), default 1.
    """
    p = size
    initial = np.zeros(p * (p + 1) // 2)
    diagonal = np.cumsum(np.arange(1, p + 1)) - 1          # positions of L[i][i] in ``raw``
    initial[diagonal] = 0.5 * np.log(np.maximum(np.asarray(start if start is not None
                                                           else np.ones(p), float), 1e-6))
    raw = pm.Flat(f"{name} (cholesky)", shape=p * (p + 1) // 2, initval=initial)
    L = [[pt.zeros(()) for _ in range(p)] for _ in range(p)]
    k = 0
    log_diag = []
    for i in range(p):
        for j in range(i + 1):
            if i == j:
                log_diag.append(raw[k])
                L[i][j] = pt.exp(raw[k])
            else:
                L[i][j] = raw[k]
            k += 1
    chol = pt.stack([pt.stack(row) for row in L])
    log_jacobian = sum((p - i + 1) * log_diag[i] for i in range(p))  # (p - i + 2) with 1-based i
    log_det = 2.0 * sum(log_diag)
    if prior == "prior2":
        log_prior = 0.0
    elif prior == "prior3":
        log_prior = -0.5 * (p + 1) * log_det
    elif prior == "prior1":
        inverse = _tril_inverse(L, p)
        trace_inverse = sum(inverse[i][j] ** 2 for i in range(p) for j in range(i + 1))
        log_prior = -(p + 1) * log_det - 0.5 * trace_inverse
    else:
        raise ValueError(f"unknown covariance prior {prior!r}")
    pm.Potential(f"{name} ({prior} prior)", log_jacobian + log_prior)
    cov = pm.Deterministic(name, chol @ chol.T)
    return cov, chol


def _tril_inverse(L, p):
    """Inverse of a small lower-triangular matrix given as nested lists of scalars."""
    inv = [[pt.zeros(()) for _ in range(p)] for _ in range(p)]
    for i in range(p):
        inv[i][i] = 1.0 / L[i][i]
        for j in range(i):
            acc = sum(L[i][k] * inv[k][j] for k in range(j, i))
            inv[i][j] = -acc / L[i][i]
    return inv


def mvnormal(name: str, mu, chol, dims, initval=None):
    """Random effects: each row of a (clusters × p) matrix is normal with mean ``mu`` (same shape)
    and covariance ``chol @ chol.T``. Written elementwise by forward substitution, which is much
    faster than a general multivariate normal for the small p of random-effect blocks."""
    value = pm.Flat(name, dims=dims, initval=initval)
    p = _static_size(chol)
    resid = value - mu
    z = []
    log_det = 0.0
    for i in range(p):
        acc = resid[:, i]
        for j in range(i):
            acc = acc - chol[i, j] * z[j]
        z.append(acc / chol[i, i])
        log_det = log_det + pt.log(chol[i, i])
    n = value.shape[0]
    logp = -0.5 * sum(zi ** 2 for zi in z).sum() - n * log_det - 0.5 * n * p * np.log(2 * np.pi)
    pm.Potential(f"{name} (normal)", logp)
    return value


def _static_size(chol) -> int:
    size = chol.type.shape[0]
    if size is None:
        raise ValueError("the Cholesky factor needs a static size")
    return int(size)


def covariance_of(columns):
    """Covariance matrix (divisor n) of the columns of a rows × p matrix."""
    centered_columns = columns - columns.mean(axis=0)
    return centered_columns.T @ centered_columns / columns.shape[0]


def normal_pdf(x):
    """Standard normal density (Blimp's normal_pdf())."""
    return pt.exp(-0.5 * x ** 2) / np.sqrt(2 * np.pi)


# ---------------------------------------------------------------------------------------------
# Ordinal variables
# ---------------------------------------------------------------------------------------------


def category(latent, observed, codes, thresholds=(0.0,)):
    """The category of an ORDINAL variable: the observed code where observed, otherwise the code
    whose threshold interval holds the latent response (probit: τ₁ = 0 for binary variables)."""
    observed = np.asarray(observed, dtype=float)
    k = pt.zeros_like(latent)
    for tau in thresholds:
        k = k + pt.gt(latent, tau)
    imputed = pt.as_tensor(np.asarray(codes, dtype=float))[pt.cast(k, "int64")]
    return pt.where(np.isnan(observed), imputed, np.nan_to_num(observed))


def category_index(observed, codes) -> np.ndarray:
    """Observed categories as 0-based indices into ``codes``; -1 where missing (for the Gibbs step)."""
    observed = np.asarray(observed, dtype=float)
    out = np.full(observed.shape, -1, dtype=np.int64)
    for i, code in enumerate(codes):
        out[observed == code] = i
    return out
