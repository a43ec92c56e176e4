"""Names of model quantities in the PyMC model and its InferenceData.

The backend names variables with these functions and the results stage reads draws with them, so
the two never disagree. They follow Blimp's output: ``y_i: x1_i`` is the coefficient Blimp prints
as ``x1_i`` in the table of ``y_i``; a labelled coefficient is named by its label.
"""

from __future__ import annotations

from . import model as M


def coefficient(eq: M.Equation, label: str, coef: M.Coefficient) -> str:
    """A free coefficient: its ``@label`` if it has one, else ``<outcome>: <term>``."""
    if isinstance(coef, M.Estimated) and coef.label:
        return coef.label
    return f"{eq.display}: {label}"


def residual_variance(eq: M.Equation) -> str:
    if isinstance(eq.residual, M.Estimated) and eq.residual.label:
        return eq.residual.label
    return f"{eq.display}: Residual Var."


def random_covariance(eq: M.Equation, level: int) -> str:
    return f"{eq.display}: L{level} covariance"


def random_effects(eq: M.Equation, level: int) -> str:
    return f"{eq.display}: L{level} random effects"


def random_terms_dim(eq: M.Equation, level: int) -> str:
    return f"{eq.display}: L{level} terms"


def predictor_means(eq: M.Equation) -> str:
    return f"{eq.display}: predictor means"


def predictor_covariance(eq: M.Equation) -> str:
    return f"{eq.display}: predictor covariance"


def grand_mean(variable: str) -> str:
    return f"{variable}: Grand Mean"


def linear_predictor(eq: M.Equation) -> str:
    """The per-row linear predictor, recorded for logit models (their variance decomposition)."""
    return f"{eq.display}: linear predictor"
