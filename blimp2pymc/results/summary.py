"""All Blimp-style summary rows of a fitted model: outcome tables, generated parameters, simple
effects and the predictor models."""

from __future__ import annotations

import numpy as np

from ..spec import model as M
from .derived import generated_rows, simple_rows
from .outcome_tables import Draws, equation_rows
from .tables import SummaryRow


def summary_rows(posterior, spec: M.ModelSpec) -> list[SummaryRow]:
    """Rows in Blimp's order: each equation (with its conditional effects), generated
    parameters, predictor models. ``posterior``: the ``posterior`` group of the InferenceData."""
    d = Draws(posterior)
    out: list[SummaryRow] = []
    simple = simple_rows(d, spec)
    rng = np.random.default_rng(spec.sampling.seed or 0)
    for eq in spec.equations:
        out += equation_rows(d, eq, rng)
        out += [r for r in simple if r.table == eq.display]
    out += generated_rows(d, spec)
    out += predictor_rows(d, spec)
    return out


def predictor_rows(d: Draws, spec: M.ModelSpec) -> list[SummaryRow]:
    """Blimp's PREDICTOR MODEL ESTIMATES tables (grand means, each predictor regressed on the
    others level by level, thresholds), converted from our sequential predictor model."""
    from .predictor_tables import predictor_rows as converted

    return converted(d, spec)
