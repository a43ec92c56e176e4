"""Loop expansion: ``{ i in 1:6, v in x y } : statement`` becomes one statement per combination
of values (earlier bindings vary slowest, Ex5.19a.loop), with ``[expr]`` replaced by its value:
``y[i]`` -> ``y3``, ``@[i-1]`` -> ``@2``, ``(study==[i])`` -> ``(study==3)`` (§3.16)."""

from __future__ import annotations

import itertools
from dataclasses import replace

from . import ast as A
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
            return _value_node(evaluate(n.expr, env, source), n)
        if isinstance(n, A.TemplateName):
            text = "".join(_piece_text(p, env, source) for p in n.parts)
            return A.Name(text, line=n.line, col=n.col)
        if isinstance(n, A.RandomTerm) and n.cluster in env:
            # `| x[i]` was read as x with cluster i (statements cannot tell); it is a loop name.
            base = n.expr.name if isinstance(n.expr, A.Name) else ""
            return replace(n, expr=A.Name(base + _format(env[n.cluster]), line=n.line,
                                          col=n.col), cluster=None)
        return n

    return rebuild(node, fill)


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
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if op == "/":
        if right == 0:
            raise source.error_at("division by zero inside [...]", node.line, node.col)
        return left // right if left % right == 0 else left / right
    if op == "^":
        return left ** right
    raise source.error_at(f"operator '{op}' is not allowed inside [...]", node.line, node.col)


def _piece_text(part, env, source) -> str:
    if isinstance(part, str):
        return part
    if isinstance(part, A.Index):
        return _format(evaluate(part.expr, env, source))
    if isinstance(part, A.Number):
        return _format(part.value)
    return part.name  # a Name already substituted


def _value_node(value, where):
    if isinstance(value, str):
        return A.Name(value, line=where.line, col=where.col)
    return A.Number(value, line=where.line, col=where.col)


def _format(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)
