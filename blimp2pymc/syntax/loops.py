"""Loop expansion: ``{ i in 1:6, v in x y } : statement`` becomes one statement per combination
of values (earlier bindings vary slowest, Ex5.19a.loop), with ``[expr]`` replaced by its value:
``y[i]`` -> ``y3``, ``@[i-1]`` -> ``@2``, ``(study==[i])`` -> ``(study==3)`` (§3.16)."""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import replace

from . import ast as A
from .grammar import NAME
from .source import SourceText
from .tree import rebuild, walk


def expand_loops(statements, source: SourceText) -> list:
    """The statements with every Loop replaced by its expanded body statements."""
    out = []
    for stmt in statements:
        if isinstance(stmt, A.Loop):
            out.extend(_expand_loop(stmt, {}, source))
        else:
            out.append(stmt)
    return out


def check_no_templates(statements, source: SourceText) -> None:
    """``[i]`` outside a loop has no value: report it."""
    for node in walk(tuple(statements)):
        if isinstance(node, (A.Index, A.TemplateName)):
            raise source.error_at("'[...]' is only allowed inside a loop such as "
                                  "'{ i in 1:5 } : y[i] ~ x;'", node.line, node.col)


def _expand_loop(loop: A.Loop, outer: dict, source: SourceText) -> list:
    names = [b.var for b in loop.bindings]
    out = []
    for values in itertools.product(*(b.values for b in loop.bindings)):
        env = {**outer, **dict(zip(names, values))}
        if isinstance(loop.body, A.Loop):
            out.extend(_expand_loop(loop.body, env, source))
        else:
            out.append(substitute(loop.body, env, source))
    return out


def substitute(node, env: dict, source: SourceText):
    """Replace loop brackets in ``node`` using the loop variable values in ``env``."""

    def fill(n):
        if isinstance(n, A.Index):
            return _value_node(evaluate(n.expr, env, source), n, source)
        if isinstance(n, A.TemplateName):
            text = "".join(_piece_text(p, env, source) for p in n.parts)
            return _name_node(text, n, source)
        if isinstance(n, A.RandomTerm) and n.cluster in env:
            # `| x[i]` was read as x with cluster i (statements cannot tell); it is a loop name.
            if not isinstance(n.expr, A.Name):
                raise source.error_at(
                    f"'[{n.cluster}]' after a random effect names a cluster id, but "
                    f"'{n.cluster}' is a loop variable here: write a name such as 'x[{n.cluster}]'",
                    n.line, n.col)
            n = replace(n, expr=_name_node(n.expr.name + _format(env[n.cluster]), n, source),
                        cluster=None)
        return _as_written(n, source)

    return rebuild(node, fill)


#: Statements whose field must be a name: ``[v] = ...`` is fine for ``v in x y``, not ``i in 1:3``.
_NAMED = {A.Assignment: "target", A.VarianceStatement: "target", A.SimDraw: "target",
          A.Prior: "label"}


def _as_written(n, source: SourceText):
    """A node with loop values filled in, made equal to what parsing the written-out statement
    gives: a term ``[i]`` that is 1 is the intercept (``y ~ 1``), and a negative value is
    ``-(value)`` in an expression but a signed number after ``@`` (``x@-1``). A number where
    a statement needs a name (``[i] = y[i] - f``) is an error."""
    field_name = _NAMED.get(type(n))
    if field_name is not None:
        target = getattr(n, field_name)
        if isinstance(target, (A.Number, A.Unary)):
            raise source.error_at(
                "the loop puts a number where this statement needs a variable name: write "
                "the loop value inside a name, e.g. 'r[i]'", target.line, target.col)
    if isinstance(n, (A.Term, A.RandomTerm)) and isinstance(n.expr, A.Number) \
            and n.expr.value == 1:
        n = replace(n, expr=A.Intercept(line=n.expr.line, col=n.expr.col))
    if isinstance(n, (A.Term, A.RandomTerm)) and isinstance(n.expr, A.Name) \
            and n.expr.name.lower() == "intercept":     # `[v]` with v in intercept x
        n = replace(n, expr=A.Intercept(line=n.expr.line, col=n.expr.col))
    if isinstance(n, (A.Term, A.VarianceStatement)) and _negative(n.at):
        n = replace(n, at=A.Number(-n.at.operand.value, line=n.at.line, col=n.at.col))
    return n


def _negative(n) -> bool:
    return isinstance(n, A.Unary) and n.op == "-" and isinstance(n.operand, A.Number)


def evaluate(expr, env: dict, source: SourceText):
    """Value of a loop expression: an int (or float) or, for ``[v]`` with ``v in x y``, a string."""
    if isinstance(expr, A.Number):
        return expr.value
    if isinstance(expr, A.Name):
        if expr.name not in env:
            known = ", ".join(sorted(env)) or "none"
            raise source.error_at(f"unknown loop variable '{expr.name}' in [...] "
                                  f"(loop variables here: {known})", expr.line, expr.col)
        return env[expr.name]
    if isinstance(expr, A.Unary):
        value = evaluate(expr.operand, env, source)
        return _arith(expr, "*", -1 if expr.op == "-" else 1, value, source)
    if isinstance(expr, A.Binary):
        return _arith(expr, expr.op, evaluate(expr.left, env, source),
                      evaluate(expr.right, env, source), source)
    raise source.error_at("only loop variables, numbers and + - * / ^ are allowed inside [...]",
                          expr.line, expr.col)


def _arith(node, op, left, right, source):
    if isinstance(left, str) or isinstance(right, str):
        raise source.error_at("cannot do arithmetic with a loop value that is a name",
                              node.line, node.col)
    if op == "+":
        value = left + right
    elif op == "-":
        value = left - right
    elif op == "*":
        value = left * right
    elif op == "/":
        if right == 0:
            raise source.error_at("division by zero inside [...]", node.line, node.col)
        value = left // right if left % right == 0 else left / right
    elif op == "^":
        problem = ("the exponent is too large" if abs(right) > 64 else
                   "0 to a negative power is undefined" if left == 0 and right < 0 else
                   "a negative number to a fractional power is undefined"
                   if left < 0 and right != int(right) else None)
        if problem:
            raise source.error_at(f"'^' inside [...]: {problem}", node.line, node.col)
        try:
            value = left ** right
        except OverflowError:
            value = math.inf
    else:
        raise source.error_at(f"operator '{op}' is not allowed inside [...]", node.line, node.col)
    if isinstance(value, float) and not math.isfinite(value):
        raise source.error_at("the value inside [...] is too large", node.line, node.col)
    return value


def _piece_text(part, env, source) -> str:
    if isinstance(part, str):
        return part
    if isinstance(part, A.Index):
        return _format(evaluate(part.expr, env, source))
    if isinstance(part, A.Number):
        return _format(part.value)
    if isinstance(part, A.Unary):          # a negative value, see _value_node
        return "-" + _piece_text(part.operand, env, source)
    return part.name  # a Name already substituted


def _name_node(text: str, where, source: SourceText) -> A.Name:
    """The name a loop builds (``y[i]`` -> ``y3``); it must read back as that name."""
    if not re.fullmatch(NAME, text) or text.lower() in ("and", "or", "inf"):
        raise source.error_at(
            f"the loop makes '{text}' here, which is not a valid name (a name starts with a "
            "letter or '_' and has letters, digits, '_' and '.')", where.line, where.col)
    return A.Name(text, line=where.line, col=where.col)


def _value_node(value, where, source: SourceText):
    if isinstance(value, str):
        return _name_node(value, where, source)
    if value < 0:           # `(x == [i])` with i = -1 reads `(x == -1)`: minus applied to 1
        return A.Unary("-", A.Number(-value, line=where.line, col=where.col),
                       line=where.line, col=where.col)
    return A.Number(value, line=where.line, col=where.col)


def _format(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)
