"""The model spec: what a Blimp script means, with Blimp's defaults made explicit.

The spec stage turns the expanded AST plus the data into these frozen dataclasses; the backend turns
them into PyMC source and the results stage reads them to label summaries. Nothing here knows about
PyMC. Names follow Blimp's output (``Residual Var.``, ``L2 : Var(Intercept)``, ``x1_i.mean``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

# ---------------------------------------------------------------------------------------------
# Value expressions: how a predictor's value is computed from data, imputations and parameters
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Const:
    value: float


@dataclass(frozen=True)
class Data:
    """A data variable's value as a predictor (observed or imputed), centered as the CENTER
    command says (everywhere it enters a model, expressions included: Ex4.10 ``(x1^2)``);
    ``centered=False`` asks for the raw value."""

    name: str
    centered: bool = True


@dataclass(frozen=True)
class Dummy:
    """Dummy code of a NOMINAL variable: 1 where ``name == code`` (Blimp's ``d_k.1``)."""

    name: str
    code: float


@dataclass(frozen=True)
class LatentMean:
    """``x_i.mean``: the latent group mean of level-1 variable ``name`` at ``level`` (a random
    intercept of its predictor model), centered when CENTER lists ``x_i.mean``."""

    name: str
    level: int = 2


@dataclass(frozen=True)
class LabelValue:
    """The current value of a labelled parameter (``@beta_w``) inside an expression."""

    name: str


@dataclass(frozen=True)
class Op:
    """Arithmetic / comparison on values: ``op`` in ``+ - * / ^ == != < <= > >= and or neg``."""

    op: str
    args: tuple["Value", ...]


@dataclass(frozen=True)
class Func:
    """A function of values: ``exp``, ``ln``, ``sqrt``, ``phi``, ``ifelse``, ``abs`` …"""

    name: str
    args: tuple["Value", ...]


Value = Union[Const, Data, Dummy, LatentMean, LabelValue, Op, Func]


def value_leaves(value) -> list:
    """Every Data / Dummy / LatentMean leaf of a value expression."""
    if isinstance(value, (Data, Dummy, LatentMean)):
        return [value]
    if isinstance(value, (Op, Func)):
        return [leaf for a in value.args for leaf in value_leaves(a)]
    return []


# ---------------------------------------------------------------------------------------------
# Coefficients and terms
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Estimated:
    """A free coefficient. ``label`` is the user's ``@label`` (shared labels = one parameter)."""

    label: str | None = None


@dataclass(frozen=True)
class FixedAt:
    """A coefficient fixed at a number (``x@1``, ``1@0``)."""

    value: float


Coefficient = Union[Estimated, FixedAt]


@dataclass(frozen=True)
class Term:
    """One predictor of an equation: Blimp's row label, how its value is computed, its coefficient."""

    label: str
    value: Value
    coef: Coefficient


@dataclass(frozen=True)
class RandomEffects:
    """Random effects of one equation at one cluster level, jointly normal with an unstructured
    covariance matrix (``L2 : Var(Intercept)``, ``L2 : Cov(x1_i,Intercept)`` …).

    ``labels[0]`` is ``Intercept`` when the random intercept is present; ``values`` are the
    predictor values the random slopes multiply (None for the intercept)."""

    level: int
    cluster: str
    labels: tuple[str, ...]
    values: tuple[Value | None, ...]


@dataclass(frozen=True)
class Equation:
    """One outcome model written by the user (Blimp's OUTCOME MODEL ESTIMATES table).

    ``family``: ``normal`` (identity link, residual variance), ``probit`` (latent response with
    variance 1, ORDINAL outcome), ``logit`` (``logit(y)`` on a binary outcome).
    ``intercept`` is None when removed (``1@0``); otherwise its coefficient.
    ``residual`` is the residual variance coefficient (Estimated or FixedAt).
    """

    outcome: str
    display: str
    family: str
    level: int
    intercept: Coefficient | None
    terms: tuple[Term, ...]
    random: tuple[RandomEffects, ...]
    residual: Coefficient
    block: str | None = None
    line: int = 0
    categories: tuple[float, ...] = ()
    col: int = 0

    @property
    def has_random(self) -> bool:
        return bool(self.random)

    def leaves(self) -> list:
        """The data leaves of every term (the variables this equation uses as predictors)."""
        return [leaf for t in self.terms for leaf in value_leaves(t.value)]


# ---------------------------------------------------------------------------------------------
# Predictor models (Blimp's PREDICTOR MODEL ESTIMATES)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModeledPredictor:
    """A predictor with its own model: incomplete (``Missing predictor``) or complete but needed
    (``Complete predictor``). ``kind`` is ``continuous`` or ``ordinal`` (probit latent response).
    Level-1 predictors get a latent group mean at every higher level."""

    name: str
    level: int
    kind: str
    complete: bool
    categories: tuple[float, ...] = ()


@dataclass(frozen=True)
class PredictorModel:
    """The joint model of all modelled predictors, conditional on the fixed ones.

    Written as level-specific sequences of regressions (Cholesky form of one multivariate normal):
    at each level every component is regressed on the earlier ones and on the fixed predictors of
    that level; the top level carries the grand means."""

    predictors: tuple[ModeledPredictor, ...]
    fixed: tuple[str, ...]

    def at_level(self, level: int) -> tuple[ModeledPredictor, ...]:
        """Predictors with a component at ``level`` (their own level or a latent mean above it)."""
        return tuple(p for p in self.predictors if p.level <= level)


# ---------------------------------------------------------------------------------------------
# Centering, derived parameters, simple effects, settings
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Centering:
    """CENTER for one variable: ``kind`` grandmean/groupmean; ``source`` ``model`` (estimated grand
    mean / latent group mean) or ``observed`` (FIXED variables: observed mean)."""

    name: str
    kind: str
    source: str


@dataclass(frozen=True)
class DerivedParameter:
    """A PARAMETERS line ``name = expr`` (a generated parameter, computed from draws)."""

    name: str
    value: Value
    line: int = 0


@dataclass(frozen=True)
class SimpleEffect:
    """SIMPLE ``focal | moderator``: conditional intercept and slope of ``focal`` in the equation of
    ``outcome`` at moderator values (+1 SD, 0, −1 SD, or each dummy code)."""

    outcome: str
    focal: str
    moderator: str
    line: int = 0


@dataclass(frozen=True)
class Sampling:
    """How to run the sampler. Blimp's ITER counts draws over all chains; BURN is per chain."""

    seed: int | None
    burn: int
    iterations: int
    chains: int
    nimps: int | None = None


@dataclass(frozen=True)
class Priors:
    """Blimp's prior choices. ``covariance`` is prior1/prior2/prior3 for random-effect covariance
    matrices (PRIOR2, flat on the matrix, is Blimp's default)."""

    covariance: str = "prior2"


@dataclass(frozen=True)
class Level:
    """A level of the data: 1 (rows), 2 or 3 (clusters named by ``cluster``)."""

    number: int
    cluster: str | None
    units: int


@dataclass(frozen=True)
class ModelSpec:
    """Everything the backend needs to write the PyMC model, and the results stage to label it."""

    script_path: str | None
    data_path: str
    levels: tuple[Level, ...]
    variables: dict[str, int]                 # every analysed data variable → its level
    kinds: dict[str, str]                     # variable → continuous / ordinal / nominal
    categories: dict[str, tuple[float, ...]]  # ordinal / nominal variable → observed codes
    incomplete: frozenset[str]
    equations: tuple[Equation, ...]
    predictor_model: PredictorModel
    centering: dict[str, Centering]
    derived: tuple[DerivedParameter, ...] = ()
    simple: tuple[SimpleEffect, ...] = ()
    priors: Priors = field(default_factory=Priors)
    sampling: Sampling = field(default_factory=lambda: Sampling(None, 1000, 1000, 4))
    rows: tuple[int, ...] | None = None       # analysed data rows (None: all)
    warnings: tuple[str, ...] = ()

    def level(self, number: int) -> Level:
        return next(lv for lv in self.levels if lv.number == number)

    @property
    def top_level(self) -> int:
        return max(lv.number for lv in self.levels)

    def equation(self, outcome: str) -> Equation:
        return next(e for e in self.equations if e.outcome == outcome)

    def labels(self) -> tuple[str, ...]:
        """Every user label of a coefficient, in first-use order."""
        seen: list[str] = []
        for eq in self.equations:
            coefs = [t.coef for t in eq.terms] + [eq.intercept, eq.residual]
            for c in coefs:
                if isinstance(c, Estimated) and c.label and c.label not in seen:
                    seen.append(c.label)
        return tuple(seen)
