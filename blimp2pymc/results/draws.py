"""Posterior draws → one Blimp-style summary row (median, SD, 2.5%, 97.5%, ChiSq, PValue, N_Eff).

Blimp reports the posterior median as the estimate; ChiSq is (estimate / SD)² with its χ²(1)
p-value, printed only for coefficient-like rows (``---`` for variances, SDs and proportions);
N_Eff is the effective sample size of the pooled chains (we use ArviZ's bulk ESS).
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from .tables import SummaryRow


def ess(draws: np.ndarray) -> float:
    """Bulk effective sample size of a (chains, draws) array; NaN for constants."""
    import arviz as az

    draws = np.asarray(draws, dtype=float)
    if draws.ndim == 1:
        draws = draws[None, :]
    if not np.isfinite(draws).all() or np.ptp(draws) == 0:
        return float("nan")
    return float(az.ess(draws, method="bulk"))


def row(part: str, table: str, section: str, label: str, draws, *, test: bool) -> SummaryRow:
    """A summary row from draws shaped (chains, draws). ``test``: print ChiSq and PValue."""
    draws = np.asarray(draws, dtype=float)
    flat = draws.reshape(-1)
    median = float(np.median(flat))
    sd = float(np.std(flat, ddof=1)) if flat.size > 1 else float("nan")
    lower, upper = (float(q) for q in np.quantile(flat, [0.025, 0.975]))
    chisq = pvalue = float("nan")
    if test and sd > 0:
        chisq = (median / sd) ** 2
        pvalue = float(stats.chi2.sf(chisq, 1))
    return SummaryRow(part=part, table=table, section=section, label=label, estimate=median,
                      sd=sd, lower=lower, upper=upper, chisq=chisq, pvalue=pvalue,
                      n_eff=ess(draws))


def fixed_row(part: str, table: str, section: str, label: str, value: float) -> SummaryRow:
    """A parameter fixed at ``value`` (Blimp prints ``@ value`` and ``---``)."""
    nan = float("nan")
    return SummaryRow(part=part, table=table, section=section, label=label, estimate=value,
                      sd=nan, lower=nan, upper=nan, fixed=True)
