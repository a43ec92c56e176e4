"""Evaluate TRANSFORM statements on the data columns.

``TRANSFORM: y = missing(ycnt == 0, ycnt); ybin = ifelse(ycnt == 0, 0, 1);`` computes new columns
(or overwrites existing ones) before any modelling, in statement order, on the data after the
MISSING code has become NaN (so ``ismissing(y)`` sees the missing values, BLIMP_SYNTAX §1.8, §2.4).

Semantics chosen here (Blimp documents only examples):

* arithmetic ``+ - * / ^`` and unary minus act element-wise; NaN propagates;
* comparisons ``== != < <= > >=`` and ``and``/``or`` give 1/0, and NaN when an operand is NaN;
  any non-zero value counts as true;
* ``ln``/``log`` (natural log), ``exp``, ``sqrt``, ``abs``; ``ismissing(x)`` is 1 where x is
  missing else 0; ``missing(cond, x)`` is x with NaN where cond is true (NaN where cond is NaN);
  ``ifelse(c, a, b)`` picks a where c is true, b where false, NaN where c is NaN;
* results that are not finite (``ln(0)``, ``1/0``, ``sqrt(-1)``) are missing (NaN), because a
  data column can only hold numbers or missing values.

Errors (unknown variable, unknown function, wrong number of arguments, an expression form that
TRANSFORM cannot hold) are BlimpDataErrors at the TRANSFORM statement's line and column.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from blimp2pymc.data.names import did_you_mean, expand_range
from blimp2pymc.errors import BlimpDataError
from blimp2pymc.syntax import ast

Columns = dict[str, np.ndarray]


def _truth(x: np.ndarray) -> np.ndarray:
    """1.0 where x is non-zero, 0.0 where zero, NaN where NaN."""
    return np.where(np.isnan(x), np.nan, (x != 0).astype(np.float64))


def _ifelse(c: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(c), np.nan, np.where(c != 0, a, b))


def _missing(c: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(c) | (c != 0), np.nan, x)


#: name → (number of arguments, element-wise function)
FUNCTIONS: dict[str, tuple[int, Callable[..., np.ndarray]]] = {
    "ln": (1, np.log),
    "log": (1, np.log),
    "exp": (1, np.exp),
    "sqrt": (1, np.sqrt),
    "abs": (1, np.abs),
    "ismissing": (1, lambda x: np.isnan(x).astype(np.float64)),
    "missing": (2, _missing),
    "ifelse": (3, _ifelse),
}


def _compare(op: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Callable[..., np.ndarray]:
    def f(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.where(np.isnan(a) | np.isnan(b), np.nan, op(a, b).astype(np.float64))
    return f


def _logical(op: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Callable[..., np.ndarray]:
    def f(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        ta, tb = _truth(a), _truth(b)
        return np.where(np.isnan(ta) | np.isnan(tb), np.nan, op(ta != 0, tb != 0).astype(np.float64))
    return f


BINARY: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "+": np.add,
    "-": np.subtract,
    "*": np.multiply,
    "/": np.divide,
    "^": np.power,
    "**": np.power,
    "==": _compare(np.equal),
    "!=": _compare(np.not_equal),
    "<": _compare(np.less),
    "<=": _compare(np.less_equal),
    ">": _compare(np.greater),
    ">=": _compare(np.greater_equal),
    "and": _logical(np.logical_and),
    "or": _logical(np.logical_or),
}

class _Evaluator:
    """Evaluates one expression tree against the current columns (case-insensitive names)."""

    def __init__(self, columns: Columns, n: int, where: dict):
        self.columns = columns
        self.lookup = {name.lower(): name for name in columns}
        self.n = n
        self.where = where

    def fail(self, message: str) -> BlimpDataError:
        return BlimpDataError(message, **self.where)

    def column(self, name: str) -> np.ndarray:
        key = self.lookup.get(name.lower())
        if key is None:
            raise self.fail(f"TRANSFORM: unknown variable '{name}'" + did_you_mean(name, self.columns))
        return self.columns[key]

    def eval(self, node: ast.Expr) -> np.ndarray:
        if isinstance(node, ast.Number):
            return np.full(self.n, float(node.value))
        if isinstance(node, ast.Name):
            return self.column(node.name)
        if isinstance(node, ast.Unary):
            value = self.eval(node.operand)
            if node.op == "-":
                return -value
            if node.op == "+":
                return value
            raise self.fail(f"TRANSFORM: unknown operator '{node.op}'")
        if isinstance(node, ast.Binary):
            op = BINARY.get(node.op.lower())
            if op is None:
                raise self.fail(f"TRANSFORM: unknown operator '{node.op}'")
            return op(self.eval(node.left), self.eval(node.right))
        if isinstance(node, ast.Call):
            spec = FUNCTIONS.get(node.func.lower())
            if spec is None:
                known = ", ".join(sorted(FUNCTIONS))
                raise self.fail(f"TRANSFORM: unknown function '{node.func}' (known: {known})")
            arity, fn = spec
            if len(node.args) != arity:
                raise self.fail(f"TRANSFORM: {node.func}() takes {arity} argument"
                                f"{'s' if arity != 1 else ''}, got {len(node.args)}")
            return fn(*(self.eval(a) for a in node.args))
        if isinstance(node, ast.SumRange):
            names = expand_range(node.first, node.last)
            if names is None:
                raise self.fail(f"TRANSFORM: '{node.first}:+:{node.last}' is not a variable range")
            total = np.zeros(self.n)
            for name in names:
                total = total + self.column(name)
            return total
        raise self.fail(f"TRANSFORM: {type(node).__name__} is not allowed in a TRANSFORM expression")


def apply_transforms(columns: Columns, statements: list, n: int, *, file: str | None) -> Columns:
    """Evaluate TRANSFORM statements in order; returns the columns with new ones appended.

    ``columns`` maps the column spelling to its float64 array (file order); it is not modified.
    A target that names an existing column (case-insensitively) replaces it in place and keeps the
    original spelling; a new target is appended under the spelling written in TRANSFORM.
    """
    out = dict(columns)
    for stmt in statements:
        where = {"file": file, "line": stmt.line or None, "col": stmt.col or None}
        if not isinstance(stmt, ast.Assignment):
            raise BlimpDataError("TRANSFORM statements must have the form 'name = expression'",
                                 **where)
        if not isinstance(stmt.target, ast.Name):
            raise BlimpDataError("TRANSFORM: the left-hand side must be a single variable name",
                                 **where)
        evaluator = _Evaluator(out, n, where)
        with np.errstate(all="ignore"):
            value = np.asarray(evaluator.eval(stmt.expr), dtype=np.float64)
        if value.shape != (n,):  # pragma: no cover - every evaluator result has n rows
            value = np.broadcast_to(value, (n,)).copy()
        value = np.where(np.isfinite(value), value, np.nan)
        name = evaluator.lookup.get(stmt.target.name.lower(), stmt.target.name)
        out[name] = value
    return out
