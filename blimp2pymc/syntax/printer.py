"""``format_script``: a Script as readable Blimp text, one statement per line.

The text parses back to an equal AST (tested on every example), so it doubles as a check that the
parser and the AST agree. Expressions get only the parentheses precedence requires, except that a
regression term that is not a product is parenthesised (``(x_i - xmean_j)@alpha_j``).
"""

from __future__ import annotations

import math

from . import ast as A

_PREC = {"or": 1, "and": 2, "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3,
         "+": 4, "-": 4, "*": 5, "/": 5, "^": 7}
_TIGHT = ("*", "/", "^")                  # printed without spaces: x*m, age^2
_BLOCK_COMMANDS = ("MODEL", "PARAMETERS", "SIMULATE")


def format_script(script: A.Script) -> str:
    """The script as Blimp text: ``NAME: statement;`` or a header followed by indented lines."""
    return "\n".join(_command(c) for c in script.commands) + "\n"


def _command(command: A.Command) -> str:
    lines = [statement(s) for s in command.statements]
    if len(lines) == 1 and command.name not in _BLOCK_COMMANDS:
        return f"{command.name}: {lines[0]}"
    out = [f"{command.name}:"]
    indent = "  "
    for stmt, text in zip(command.statements, lines):
        if isinstance(stmt, A.SimBlock):
            out.append("  " + text)
            indent = "    "
        else:
            out.append(indent + text)
    return "\n".join(out)


def statement(node) -> str:
    """One statement with its terminating ';' (block labels end with ':' instead)."""
    if isinstance(node, (A.BlockLabel, A.SimBlock)):
        return f"{node.name}:"
    return _body(node) + ";"


def _body(n) -> str:
    if isinstance(n, A.Regression):
        lhs = " ".join(_term_expr(o) for o in n.outcomes)
        if n.braces:
            lhs = "{ " + lhs + " }"
        return f"{lhs} ~ {_terms(n.terms)}{_random(n.random)}"
    if isinstance(n, A.Arrow):
        return f"{_terms(n.sources)} -> {_terms(n.targets)}{_random(n.random)}"
    if isinstance(n, A.Covariance):
        return f"{_terms(n.left)} ~~ {_terms(n.right)}"
    if isinstance(n, A.VarianceStatement):
        return f"{expr(n.target)}@{expr(n.at)}"
    if isinstance(n, A.Assignment):
        return f"{expr(n.target)} {n.op} {expr(n.expr)}"
    if isinstance(n, A.Prior):
        return f"{expr(n.label)} ~ {expr(n.dist)}"
    if isinstance(n, A.Loop):
        return "{ " + ", ".join(_binding(b) for b in n.bindings) + " } : " + _body(n.body)
    if isinstance(n, A.Path):
        return n.path
    if isinstance(n, A.NameList):
        return " ".join(expr(x) for x in n.items)
    if isinstance(n, A.NominalList):
        return " ".join(_nominal(x) for x in n.items)
    if isinstance(n, A.MissingCode):
        return "NA" if n.value is None else _number(n.value)
    if isinstance(n, A.CenterSpec):
        return f"{n.kind} = " + " ".join(expr(x) for x in n.names)
    if isinstance(n, A.LatentSpec):
        names = " ".join(expr(x) for x in n.names)
        return names if n.cluster is None else f"{n.cluster} = {names}"
    if isinstance(n, A.RandomEffectSpec):
        return f"{n.name} = {n.outcome} | {_random_term(n.term)}"
    if isinstance(n, A.Setting):
        return str(n.value)
    if isinstance(n, A.Options):
        return " ".join(n.keywords)
    if isinstance(n, A.SaveTarget):
        return f"{n.target} = {n.path}"
    if isinstance(n, A.Simple):
        text = f"{_term_expr(n.focal)} | " + " and ".join(_term_expr(m) for m in n.moderators)
        return text + (f" @ {n.at}" if n.at else "")
    if isinstance(n, A.WaldTest):
        if n.regression is not None:
            return _body(n.regression)
        return " ".join(expr(x) for x in n.left) + " = " + " ".join(expr(x) for x in n.right)
    if isinstance(n, A.SimLevel):
        level = "" if n.level is None else f"({n.level})"
        return f"{n.name}{level} = {expr(n.size)}"
    if isinstance(n, A.SimCorrelation):
        return f"{n.left} ~~ {n.right} := {expr(n.value)}"
    if isinstance(n, A.SimDraw):
        return f"{expr(n.target)} ~ {expr(n.expr)}"
    if isinstance(n, A.FilterSpec):
        return expr(n.expr)
    raise TypeError(f"cannot format {type(n).__name__}")


def _terms(terms) -> str:
    return " ".join(_term(t) for t in terms)


def _term(t: A.Term) -> str:
    text = _term_expr(t.expr)
    return text if t.at is None else f"{text}@{expr(t.at)}"


def _random(random) -> str:
    if random is None:
        return ""
    return " |" + "".join(" " + _random_term(r) for r in random)


def _random_term(r: A.RandomTerm) -> str:
    text = _term_expr(r.expr)
    if r.cluster:
        text += f"[{r.cluster}]"
    return text if r.at is None else f"{text}@{expr(r.at)}"


def _term_expr(e) -> str:
    """A term must be a product: anything looser, or starting with a sign, is parenthesised."""
    text = expr(e)
    if _prec(e) < _PREC["*"] or text.startswith(("-", "+")):
        return f"({text})"
    return text


def _binding(b: A.LoopBinding) -> str:
    values = b.values
    if (len(values) > 1 and all(isinstance(v, int) for v in values)
            and list(values) == list(range(values[0], values[-1] + 1))):
        return f"{b.var} in {values[0]}:{values[-1]}"
    return f"{b.var} in " + " ".join(str(v) for v in values)


def _nominal(item) -> str:
    if isinstance(item, A.NominalItem):
        return item.name if item.reference is None else f"{item.name}({_number(item.reference)})"
    return expr(item)


def expr(e) -> str:
    """An expression in Blimp syntax with the parentheses that precedence requires."""
    if isinstance(e, A.Intercept):
        return "1"
    if isinstance(e, A.Number):
        return _number(e.value)
    if isinstance(e, A.Name):
        return e.name
    if isinstance(e, A.LabelRef):
        return "&" + e.name
    if isinstance(e, A.Range):
        return f"{e.first}:{e.last}"
    if isinstance(e, A.SumRange):
        return f"{e.first}:+:{e.last}"
    if isinstance(e, A.Call):
        return f"{e.func}(" + ", ".join(expr(a) for a in e.args) + ")"
    if isinstance(e, A.Index):
        return f"[{expr(e.expr)}]"
    if isinstance(e, A.TemplateName):
        return "".join(p if isinstance(p, str) else expr(p) for p in e.parts)
    if isinstance(e, A.Unary):
        return e.op + _wrap(e.operand, _prec(e.operand) < 6)
    if isinstance(e, A.Binary):
        p = _PREC[e.op]
        if e.op == "^":      # right-associative
            left, right = _wrap(e.left, _prec(e.left) <= p), _wrap(e.right, _prec(e.right) < 6)
        else:
            left, right = _wrap(e.left, _prec(e.left) < p), _wrap(e.right, _prec(e.right) <= p)
        op = e.op if e.op in _TIGHT else f" {e.op} "
        return f"{left}{op}{right}"
    raise TypeError(f"cannot format expression {type(e).__name__}")


def _wrap(e, needed: bool) -> str:
    return f"({expr(e)})" if needed else expr(e)


def _prec(e) -> int:
    if isinstance(e, A.Binary):
        return _PREC[e.op]
    if isinstance(e, A.Unary) or (isinstance(e, A.Number) and e.value < 0):
        return 6
    return 8


def _number(value) -> str:
    if isinstance(value, float):
        if math.isinf(value):
            return "Inf" if value > 0 else "-Inf"
        if value.is_integer() and abs(value) < 1e15:
            return f"{value:.1f}"
        return repr(value)
    return str(value)
