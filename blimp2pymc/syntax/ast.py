"""Frozen AST of a Blimp script.

One node type per construct of the language (see ../shared/BLIMP_SYNTAX.md). Every node carries the
1-based ``line`` and ``col`` where it starts; positions are kept for error messages but excluded from
equality, so the expanded AST of a loop script equals the AST of the same script written out
(Ex6.25b vs Ex6.25a).

The parser produces these nodes faithfully (loops, ranges and ``->`` shorthands as written); the
expansion pass (``expand.py``) rewrites them into the smaller, explicit subset the spec stage reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Node:
    """Base class: source position, not part of equality."""

    line: int = field(default=0, compare=False, repr=False, kw_only=True)
    col: int = field(default=0, compare=False, repr=False, kw_only=True)


# ---------------------------------------------------------------------------------------------
# Expressions (MODEL terms, definition variables, PARAMETERS, TRANSFORM, SIMULATE)
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Number(Node):
    """A numeric constant: ``999``, ``.20``, ``-3`` (after ``@``), ``Inf``."""

    value: float


@dataclass(frozen=True)
class Name(Node):
    """A variable, latent variable, label or definition name, possibly dotted (``x_i.mean``,
    ``hazard.1``, ``m.y``). The spelling is kept; resolution is case-insensitive (spec stage)."""

    name: str


@dataclass(frozen=True)
class LabelRef(Node):
    """``&name``: legacy explicit reference to a parameter label."""

    name: str


@dataclass(frozen=True)
class Range(Node):
    """``x1:x7`` — inclusive list of names that differ only in an integer part."""

    first: str
    last: str


@dataclass(frozen=True)
class SumRange(Node):
    """``x1:+:x7`` — the sum x1 + x2 + ... + x7 inside an expression (scale scores, Ex4.17a)."""

    first: str
    last: str


@dataclass(frozen=True)
class Call(Node):
    """A function applied to arguments: ``exp(a)``, ``ifelse(c, a, b)``, ``logit(y)``.
    ``func`` is lower-cased."""

    func: str
    args: tuple["Expr", ...]


@dataclass(frozen=True)
class Unary(Node):
    """Unary minus (``- icept1``) or plus."""

    op: str
    operand: "Expr"


@dataclass(frozen=True)
class Binary(Node):
    """Binary operation. ``op`` is one of ``+ - * / ^ == != < <= > >= and or``
    (``**`` is normalised to ``^``). A product of model terms (``x*m``) is ``Binary('*', ...)``."""

    op: str
    left: "Expr"
    right: "Expr"


@dataclass(frozen=True)
class Index(Node):
    """``[expr]`` inside a loop body: the value of a loop expression, e.g. ``@[i-1]`` or
    ``(study==[i])``. Replaced by a Number or Name during expansion."""

    expr: "Expr"


@dataclass(frozen=True)
class TemplateName(Node):
    """A name built from loop variables: ``y[i]``, ``r[v][i]``, ``[v][i]``, ``anxdep[t]w``.
    ``parts`` alternate literal text (str) and ``Index`` nodes. Expansion turns it into a ``Name``."""

    parts: tuple[Union[str, Index], ...]


Expr = Union[Number, Name, LabelRef, Range, SumRange, Call, Unary, Binary, Index, TemplateName]


# ---------------------------------------------------------------------------------------------
# MODEL terms
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Intercept(Node):
    """The intercept term, written ``1``, ``intercept`` or ``Intercept``."""


@dataclass(frozen=True)
class Term(Node):
    """One term of a regression / arrow / covariance list, with an optional ``@`` modifier.

    ``at`` is a Number (fixed value: ``x@1``, ``1@0``, ``1@-3``), a Name (label, latent variable or
    data variable — the spec stage decides which), or, inside a loop, an Index / TemplateName.
    """

    expr: Union[Intercept, Expr]
    at: Union[Number, Name, Index, TemplateName, None] = None


@dataclass(frozen=True)
class RandomTerm(Node):
    """A term after ``|``: ``x1_i``, ``1``, ``1[level3id]``, ``time_i[level2id]``, ``1@0``.

    ``cluster`` names the level the effect varies at (None = every higher level);
    ``at`` is a fixed value (only ``@0``, which removes the effect, is meaningful)."""

    expr: Union[Intercept, Expr]
    cluster: str | None = None
    at: Union[Number, None] = None


# ---------------------------------------------------------------------------------------------
# MODEL / PARAMETERS statements
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BlockLabel(Node):
    """``focal.model:`` — groups the following statements (organisational only)."""

    name: str


@dataclass(frozen=True)
class Regression(Node):
    """``lhs ~ terms [| random]``.

    ``outcomes`` holds the left-hand items: Names, Ranges, TemplateNames, or a Call for
    ``logit(y)``, ``yjt(y - 15)``, ``var(y)``, ``ln(y + 1)``, or a parenthesised expression.
    ``braces`` is True for ``{ a b } ~ ...`` (separate regressions, no sequential chain).
    ``random`` is None when no ``|`` was written (an empty tuple for ``|`` followed by nothing).
    """

    outcomes: tuple[Union[Expr, Call], ...]
    terms: tuple[Term, ...]
    random: tuple[RandomTerm, ...] | None = None
    braces: bool = False


@dataclass(frozen=True)
class Arrow(Node):
    """``sources -> targets [| 0]``: regress every target on every source (loadings, means).

    ``1 -> a b`` has ``sources == (Term(Intercept()),)``. Targets may carry ``@`` (fixed or labelled
    loadings / intercepts). ``random`` holds the terms after ``|`` (``| 0``), else None."""

    sources: tuple[Term, ...]
    targets: tuple[Term, ...]
    random: tuple[RandomTerm, ...] | None = None


@dataclass(frozen=True)
class Covariance(Node):
    """``left ~~ right`` — (residual) covariances; ``a b c ~~ a b c`` is a full block.
    Items are Terms so that ``a ~~ b@lab`` (labelled correlation) and ``a ~~ a@1`` keep their ``@``."""

    left: tuple[Term, ...]
    right: tuple[Term, ...]


@dataclass(frozen=True)
class VarianceStatement(Node):
    """``y@1;`` / ``y@resvar;`` / ``y0:y3@resvar;`` — fix or label a (residual) variance."""

    target: Union[Name, Range, TemplateName]
    at: Union[Number, Name, Index, TemplateName]


@dataclass(frozen=True)
class Assignment(Node):
    """``name = expr`` — a MODEL definition variable, a PARAMETERS generated parameter or
    constraint, a TRANSFORM column, a DROPOUT indicator, or a SIMULATE deterministic draw.
    ``op`` is ``=`` or ``:=`` (SIMULATE)."""

    target: Union[Name, TemplateName, Range]
    expr: Expr
    op: str = "="


@dataclass(frozen=True)
class Prior(Node):
    """``label ~ truncate(0, Inf)`` in PARAMETERS."""

    label: Union[Name, TemplateName]
    dist: Call


@dataclass(frozen=True)
class LoopBinding(Node):
    """``i in 1:19`` (``values`` is a tuple of ints) or ``v in x y`` (a tuple of strings)."""

    var: str
    values: tuple[Union[int, str], ...]


@dataclass(frozen=True)
class Loop(Node):
    """``{ i in 1:6, v in x y } : statement`` — the body is repeated for every combination
    (earlier bindings vary slowest). Removed by expansion."""

    bindings: tuple[LoopBinding, ...]
    body: "Statement"


# ---------------------------------------------------------------------------------------------
# Statements of the other commands
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Path(Node):
    """``DATA: data8.dat;`` — the path as written (relative to the script)."""

    path: str


@dataclass(frozen=True)
class NameList(Node):
    """A list of names and ranges: VARIABLES, ORDINAL, FIXED, COUNT, CLUSTERID, TIMEID, WEIGHT,
    BYGROUP, FCS. Items are Name, Range or TemplateName (Range is removed by expansion)."""

    items: tuple[Union[Name, Range, TemplateName], ...]


@dataclass(frozen=True)
class NominalItem(Node):
    """``n`` or ``n(3)`` in NOMINAL: a nominal variable with an optional reference category."""

    name: str
    reference: float | None = None


@dataclass(frozen=True)
class NominalList(Node):
    items: tuple[Union[NominalItem, Range], ...]


@dataclass(frozen=True)
class MissingCode(Node):
    """``MISSING: 999;`` (value) or ``MISSING: NA;`` (value None)."""

    value: float | None


@dataclass(frozen=True)
class CenterSpec(Node):
    """``grandmean = x1 x2`` / ``groupmean = x_i`` / a bare list (grand mean).
    ``kind`` is ``grandmean`` or ``groupmean`` (``cgm``/``cwc`` are normalised)."""

    kind: str
    names: tuple[Union[Name, Range], ...]


@dataclass(frozen=True)
class LatentSpec(Node):
    """``LATENT: a b;`` (cluster None: level-1) or ``level2id = beta0_j beta1_j;``."""

    cluster: str | None
    names: tuple[Union[Name, Range], ...]


@dataclass(frozen=True)
class RandomEffectSpec(Node):
    """``beta1_j = y_i | x1_i [level2id];`` in RANDOMEFFECT."""

    name: str
    outcome: str
    term: RandomTerm


@dataclass(frozen=True)
class FilterSpec(Node):
    """``FILTER: expr;`` — a row condition (rblimp's ``filter`` argument; no example script uses it,
    so only the expression is kept)."""

    expr: "Expr"


@dataclass(frozen=True)
class Setting(Node):
    """An integer setting: SEED, BURN, ITER, CHAINS, NIMPS, THIN."""

    value: int


@dataclass(frozen=True)
class Options(Node):
    """``OPTIONS: prior1 savelatent;`` — keywords lower-cased, in order. Also holds the words of an
    ``OUTPUT:`` command (syntax undocumented, so its words are not checked)."""

    keywords: tuple[str, ...]


@dataclass(frozen=True)
class SaveTarget(Node):
    """``stacked = imps.dat`` in SAVE; ``target`` lower-cased."""

    target: str
    path: str


@dataclass(frozen=True)
class Simple(Node):
    """``focal | moderator [and moderator2] [@ quartile]`` in SIMPLE."""

    focal: Expr
    moderators: tuple[Expr, ...]
    at: str | None = None


@dataclass(frozen=True)
class WaldTest(Node):
    """One WALDTEST restriction: ``b1:b3 = 0`` / ``b1 = b2`` (left/right are expressions or
    ranges of labels), or the nested-model form ``y ~ x1 x2`` (``regression`` set)."""

    left: tuple[Expr, ...] = ()
    right: tuple[Expr, ...] = ()
    regression: Regression | None = None


@dataclass(frozen=True)
class SimLevel(Node):
    """``n = 1000;`` or ``level_1(1) = 50 * 100;`` in SIMULATE: size of a level."""

    name: str
    level: int | None
    size: Expr


@dataclass(frozen=True)
class SimBlock(Node):
    """``define:`` / ``n:`` / ``level_2:`` block header inside SIMULATE; the statements that
    follow (Assignments, Regressions used as draws ``x ~ normal(0, 1)``, Covariances with a value)
    belong to it until the next header."""

    name: str


@dataclass(frozen=True)
class SimCorrelation(Node):
    """``a ~~ b := .3`` / ``a ~~ b = cor`` in SIMULATE."""

    left: str
    right: str
    value: Expr


@dataclass(frozen=True)
class SimDraw(Node):
    """``x ~ normal(0, 1)`` in SIMULATE (same meaning as ``x = normal(0, 1)``)."""

    target: Union[Name, Range]
    expr: Expr


Statement = Union[
    BlockLabel, Regression, Arrow, Covariance, VarianceStatement, Assignment, Prior, Loop,
    Path, NameList, NominalList, MissingCode, CenterSpec, LatentSpec, RandomEffectSpec, FilterSpec,
    Setting,
    Options, SaveTarget, Simple, WaldTest, SimLevel, SimBlock, SimCorrelation, SimDraw,
]


# ---------------------------------------------------------------------------------------------
# Commands and the script
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Command(Node):
    """One command: its canonical upper-case name (aliases normalised: ITERATIONS → ITER,
    CHAIN → CHAINS, CENTERING → CENTER) and its statements in order."""

    name: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Script(Node):
    """A whole script. ``path`` is where it was read from and ``source`` the decoded text (used to
    show the offending line in errors raised after parsing); neither is part of equality."""

    commands: tuple[Command, ...]
    path: str | None = field(default=None, compare=False)
    source: str | None = field(default=None, compare=False, repr=False)

    def get(self, name: str) -> list[Command]:
        """All commands with this canonical name, in script order."""
        return [c for c in self.commands if c.name == name]

    def statements(self, name: str) -> list[Statement]:
        """The statements of every command with this name, concatenated in script order."""
        return [s for c in self.get(name) for s in c.statements]

    def has(self, name: str) -> bool:
        return any(c.name == name for c in self.commands)
