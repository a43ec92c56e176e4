"""The pyparsing grammar of Blimp statements; parse actions build the AST nodes of ``ast.py``.

``statements.py`` cuts a command body into statements and decides which rule below parses each one,
so every rule here describes exactly one statement (``Grammar.regression`` parses ``y ~ x | x``).
Operator precedence in expressions, loosest first: ``or``, ``and``, comparisons, ``+ -``, ``* /``,
unary ``-``, ``^``/``**`` (right-associative), then atoms. Terms of a regression are whitespace
separated, so a term is a *product* (``x*m``, ``(x1^2)``, ``(time_i==1)``) with an optional ``@``.
"""

from __future__ import annotations

import functools
import math
import re

import pyparsing as pp

from . import ast as A
from .ranges import split_range
from .source import Located, SourceText, where

# A plain name: letters, digits, underscore and dots (`x_i.mean`, `hazard.1`, `m.y`; §1.5).
NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*"
NUMBER = r"(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?"
# A name that may contain loop brackets: `y[i]`, `r[v][i]`, `[v][i]`, `anxdep[t]w` (§3.16);
# a lone `[i-1]` is an Index. `and` / `or` are operators, never names.
_BRACKET = r"\[[^\[\]\n]*\]"
NAME_LIKE = (r"(?!(?i:and|or)(?![A-Za-z0-9_.\[]))"
             rf"(?:[A-Za-z_][A-Za-z0-9_]*|{_BRACKET})(?:(?:\.?[A-Za-z0-9_]+)|{_BRACKET})*")
_PIECES = re.compile(r"\[([^\[\]]*)\]|[^\[\]]+")


def _named(element: pp.ParserElement, name: str) -> pp.ParserElement:
    """``element`` reported as ``name`` in "expected ..." messages (a one-choice MatchFirst, because
    pyparsing only renames the failures of alternatives)."""
    return pp.MatchFirst([element]).set_name(name)


def _pos(s, loc):
    return where(s, loc)


def _node_pos(node) -> dict:
    return {"line": node.line, "col": node.col}


def _sub(s: str, begin: int, end: int) -> Located:
    """``s[begin:end]`` as a Located piece (plain strings are wrapped for tests / direct use)."""
    if not isinstance(s, Located):
        s = Located(s, SourceText(s), 0)
    return s.piece(begin, end)


def _fold(s, loc, toks):
    """[a, op, b, op, c] -> Binary(op, Binary(op, a, b), c): left-associative operators."""
    result = toks[0]
    for i in range(1, len(toks), 2):
        op = toks[i].lower() if toks[i].isalpha() else toks[i]
        result = A.Binary(op, result, toks[i + 1], **_node_pos(result))
    return result


def not_a_variable(node) -> str | None:
    """Why ``node`` cannot stand where a variable is needed (a regression outcome, an arrow
    target): ``'1'`` / ``'intercept'`` is the intercept and a number is a constant. None if fine."""
    if isinstance(node, A.Intercept) or (isinstance(node, A.Name)
                                         and node.name.lower() == "intercept"):
        return "the intercept ('1' or 'intercept')"
    if isinstance(node, A.Number):
        value = node.value
        shown = ("Inf" if value > 0 else "-Inf") if math.isinf(value) else f"{value:g}"
        return f"the number {shown}"
    return None


def _check_variables(s, nodes, where_: str) -> None:
    """Raise at the first of ``nodes`` that is not a variable (see ``not_a_variable``)."""
    for node in nodes:
        problem = not_a_variable(node)
        if problem:
            source = s.source if isinstance(s, Located) else SourceText(s)
            raise source.error_at(f"{problem} cannot be {where_}", node.line, node.col)


OUTCOME = "an outcome: the left-hand side of '~' names the variables to predict"
TARGET = ("the target of '->': the right-hand side names variables (indicators), e.g. "
          "'f -> y1 y2'")


def _check_range(s, loc, first: str, last: str) -> None:
    """Both ends must be prefix<int>suffix with the same prefix and suffix (``v2_i:v10_i``)."""
    try:
        split_range(first, last)
    except ValueError as err:
        raise _sub(s, loc, loc).error(str(err), 0) from None


class Grammar:
    """All statement rules, built once (see ``grammar()``). Each public attribute is a complete
    rule for one kind of statement, ready for ``parse_string(text, parse_all=True)``."""

    def __init__(self):
        S, K = pp.Suppress, pp.CaselessKeyword
        expr = pp.Forward().set_name("an expression")

        # ---- atoms ------------------------------------------------------------------------
        number = pp.Regex(NUMBER).set_name("a number")
        number.set_parse_action(self._number)
        signed = pp.Regex(r"[+-]?\s*" + NUMBER).set_name("a number")
        signed.set_parse_action(self._number)
        plain_name = pp.Regex(NAME).set_name("a name")
        plain_name.set_parse_action(lambda s, l, t: A.Name(t[0], **_pos(s, l)))
        name_like = pp.Regex(NAME_LIKE).set_name("a name")
        name_like.set_parse_action(self._name_like)
        rng = pp.Regex(rf"({NAME}):({NAME})").set_name("a range such as x1:x7")
        rng.set_parse_action(self._range)
        sum_range = pp.Regex(rf"({NAME}):\+:({NAME})").set_name("a sum range such as x1:+:x7")
        sum_range.set_parse_action(self._sum_range)
        label_ref = pp.Regex("&" + NAME).set_name("a label reference")
        label_ref.set_parse_action(lambda s, l, t: A.LabelRef(t[0][1:], **_pos(s, l)))
        call = (pp.Regex(NAME + r"(?=\()") + S("(") + pp.Opt(expr + pp.ZeroOrMore(S(",") + expr))
                + S(")")).set_name("a function call")
        call.set_parse_action(self._call)
        paren = S("(") + expr + S(")")
        atom = (number | sum_range | rng | call | label_ref | paren | name_like).set_name(
            "a name, number or parenthesised expression")

        # ---- operators (loosest last) ------------------------------------------------------
        unary = pp.Forward()
        power = atom + pp.Opt(pp.Regex(r"\*\*|\^") + unary)
        power.set_parse_action(self._power)
        unary <<= ((pp.Regex(r"[-+]") + unary).set_parse_action(self._unary) | power
                   ).set_name("an expression")
        mul_op = pp.Regex(r"\*(?!\*)|/")
        product = (unary + pp.ZeroOrMore(mul_op + unary)).set_parse_action(_fold)
        total = (product + pp.ZeroOrMore(pp.Regex(r"[-+](?!>)") + product)).set_parse_action(_fold)
        comparison = (total + pp.ZeroOrMore(pp.Regex(r"==|!=|<=|>=|<(?!-)|>") + total)
                      ).set_parse_action(_fold)
        conj = (comparison + pp.ZeroOrMore(K("and") + comparison)).set_parse_action(_fold)
        expr <<= (conj + pp.ZeroOrMore(K("or") + conj)).set_parse_action(_fold)
        self.expression = expr.copy().parse_with_tabs()

        # ---- terms -------------------------------------------------------------------------
        # A term is a product whose first factor has no sign: `x*m`, `age^2`, `(x_i - m_j)`.
        term_product = (power + pp.ZeroOrMore(mul_op + unary)).set_parse_action(_fold)
        term_product.set_name("a term (variable, product or parenthesised expression)")
        at_value = (signed | name_like).set_name("a number, label or latent variable after '@'")
        intercept = K("intercept").set_parse_action(lambda s, l, t: A.Intercept(**_pos(s, l)))
        term_base = (intercept | term_product).set_name(
            "a term (variable, product or parenthesised expression)")
        term = (term_base + pp.Opt(S("@") - at_value)).set_name("a term")
        term.set_parse_action(self._term)
        cluster = (S("[") - plain_name + S("]")).set_name("a cluster id in [ ]")
        random_term = (term_base + pp.Opt(pp.Group(cluster))
                       + pp.Opt(S("@") - signed)).set_name("a random effect term")
        random_term.set_parse_action(self._random_term)
        random_part = S("|") - pp.Group(pp.ZeroOrMore(random_term))("random")
        outcome = term_product.copy().set_name("an outcome")
        terms = pp.Group(pp.OneOrMore(term)).set_name("a predictor (or 1 for the intercept)")

        # ---- MODEL statements --------------------------------------------------------------
        braces = S("{") + pp.Group(pp.OneOrMore(outcome))("braced") + S("}")
        lhs = braces | pp.Group(pp.OneOrMore(outcome))("outcomes")
        self.regression = (lhs + S("~") - terms("terms") + pp.Opt(random_part)).parse_with_tabs()
        self.regression.set_parse_action(self._regression)
        self.arrow = (pp.Group(pp.OneOrMore(term))("sources") + S("->")
                      - pp.Group(pp.OneOrMore(term))("targets") + pp.Opt(random_part))
        self.arrow.set_parse_action(self._arrow).parse_with_tabs()
        self.covariance = (pp.Group(pp.OneOrMore(term))("left") + S("~~")
                           - pp.Group(pp.OneOrMore(term))("right")).parse_with_tabs()
        self.covariance.set_parse_action(
            lambda s, l, t: A.Covariance(tuple(t.left), tuple(t.right), **_pos(s, l)))
        target = (rng | name_like).set_name("a variable name")
        self.variance = (target + S("@") - at_value).parse_with_tabs()
        self.variance.set_parse_action(
            lambda s, l, t: A.VarianceStatement(t[0], t[1], **_pos(s, l)))
        self.assignment = (target + pp.Regex(r":=|=(?!=)") - expr).parse_with_tabs()
        self.assignment.set_parse_action(
            lambda s, l, t: A.Assignment(t[0], t[2], op=t[1], **_pos(s, l)))

        # ---- PARAMETERS / SIMULATE ---------------------------------------------------------
        prior_call = _named(call, "a prior such as truncate(0, Inf)")
        self.prior = (name_like + S("~") - prior_call).parse_with_tabs()
        self.prior.set_parse_action(lambda s, l, t: A.Prior(t[0], t[1], **_pos(s, l)))
        integer = pp.Regex(r"\d+").set_name("a level number")
        self.sim_level = (plain_name + S("(") + integer + S(")") + S("=") - expr).parse_with_tabs()
        self.sim_level.set_parse_action(
            lambda s, l, t: A.SimLevel(t[0].name, int(t[1]), t[2], **_pos(s, l)))
        self.sim_draw = (target + S("~") - expr).parse_with_tabs()
        self.sim_draw.set_parse_action(lambda s, l, t: A.SimDraw(t[0], t[1], **_pos(s, l)))
        self.sim_correlation = (plain_name + S("~~") - plain_name + pp.Regex(r":=|=(?!=)")
                                + expr).parse_with_tabs()
        self.sim_correlation.set_parse_action(
            lambda s, l, t: A.SimCorrelation(t[0].name, t[1].name, t[3], **_pos(s, l)))

        # ---- other commands ----------------------------------------------------------------
        name_or_range = (rng | plain_name).set_name("a variable name or range")
        self.name_list = pp.OneOrMore(name_or_range).parse_with_tabs()
        nominal_item = (rng | (plain_name + pp.Opt(S("(") - signed + S(")")))
                        ).set_name("a variable name")
        self.nominal = pp.OneOrMore(pp.Group(nominal_item)).parse_with_tabs()
        center_kind = K("grandmean") | K("groupmean") | K("cgm") | K("cwc")
        self.center = (pp.Opt(center_kind("kind") - S("="))
                       + pp.Group(pp.OneOrMore(name_or_range))("names")).parse_with_tabs()
        self.latent = (pp.Group(pp.OneOrMore(name_or_range))("first")
                       + pp.Opt(S("=") - pp.Group(pp.OneOrMore(name_or_range))("second"))
                       ).parse_with_tabs()
        self.random_effect = (plain_name + S("=") - plain_name + S("|") - random_term
                              ).parse_with_tabs()
        self.missing = (signed | K("NA")).set_name("a missing-value code or NA").parse_with_tabs()
        moderator = (~K("and") + term_product).set_name("a moderator")
        self.simple = (term_product("focal") + S("|") - pp.Group(
            moderator + pp.ZeroOrMore(S(K("and")) - moderator))("moderators")
            + pp.Opt(S("@") - pp.Regex(r"[A-Za-z_]\w*").set_name("quantile or quartile"))("at")
        ).parse_with_tabs()
        self.wald = (pp.Group(pp.OneOrMore(expr))("left") + S(pp.Regex(r"=(?!=)"))
                     - pp.Group(pp.OneOrMore(expr))("right")).parse_with_tabs()
        self.words = pp.OneOrMore(pp.Regex(r"[A-Za-z0-9_.]+").set_name("a keyword")
                                  ).parse_with_tabs()
        self.save = (pp.Regex(NAME).set_name("a SAVE target such as stacked") + S("=")
                     - pp.Regex(r"\S(?:.*\S)?", re.S).set_name("a file name")).parse_with_tabs()

        # ---- loops -------------------------------------------------------------------------
        int_range = pp.Regex(r"(-?\d+)\s*:\s*(-?\d+)").set_name("a range such as 1:6")
        loop_value = pp.Regex(r"-?\d+(?![\w.])|" + NAME).set_name("a value")
        binding = (pp.Regex(r"[A-Za-z_]\w*").set_name("a loop variable") + K("in")
                   - (int_range | pp.Group(pp.OneOrMore(loop_value))))
        binding.set_parse_action(self._binding)
        self.loop_header = (binding + pp.ZeroOrMore(S(",") - binding)).parse_with_tabs()

    # ---- parse actions --------------------------------------------------------------------
    @staticmethod
    def _number(s, loc, toks):
        text = toks[0].replace(" ", "")
        if re.fullmatch(r"[+-]?\d+", text):
            return A.Number(int(text), **_pos(s, loc))
        value = float(text)
        if math.isinf(value):
            raise _sub(s, loc, loc).error(f"number {text} is too large", 0)
        return A.Number(value, **_pos(s, loc))

    def _name_like(self, s, loc, toks):
        text = toks[0]
        if "[" not in text:
            if text.lower() == "inf":
                return A.Number(math.inf, **_pos(s, loc))
            return A.Name(text, **_pos(s, loc))
        parts: list = []
        for piece in _PIECES.finditer(text):
            if piece.group(1) is None:
                parts.append(piece.group())
                continue
            inner = _sub(s, loc + piece.start(1), loc + piece.end(1))
            parts.append(A.Index(self._index_expr(inner), **_pos(s, loc + piece.start())))
        if len(parts) == 1:
            return parts[0]
        return A.TemplateName(tuple(parts), **_pos(s, loc))

    def _index_expr(self, inner: Located):
        """Parse the inside of ``[...]`` (a loop expression such as ``i`` or ``i-1``)."""
        if not inner.strip():
            raise inner.error("empty '[]': write a loop variable inside, e.g. y[i]", 0)
        try:
            return self.expression.parse_string(inner, parse_all=True)[0]
        except pp.ParseBaseException as err:
            raise inner.error(f"bad loop expression '[{inner}]': use a loop variable and "
                              "integer arithmetic, e.g. [i-1]", err.loc) from None

    @staticmethod
    def _range(s, loc, toks):
        first, last = toks[0].split(":")
        _check_range(s, loc, first, last)
        return A.Range(first, last, **_pos(s, loc))

    @staticmethod
    def _sum_range(s, loc, toks):
        first, last = toks[0].split(":+:")
        _check_range(s, loc, first, last)
        return A.SumRange(first, last, **_pos(s, loc))

    @staticmethod
    def _call(s, loc, toks):
        return A.Call(toks[0].lower(), tuple(toks[1:]), **_pos(s, loc))

    @staticmethod
    def _power(s, loc, toks):
        if len(toks) == 1:
            return toks[0]
        return A.Binary("^", toks[0], toks[2], **_node_pos(toks[0]))

    @staticmethod
    def _unary(s, loc, toks):
        return A.Unary(toks[0], toks[1], **_pos(s, loc))

    @staticmethod
    def _term(s, loc, toks):
        expr = toks[0]
        if isinstance(expr, A.Number) and expr.value == 1:  # `1` is the intercept (§3.4)
            expr = A.Intercept(**_node_pos(expr))
        at = toks[1] if len(toks) > 1 else None
        return A.Term(expr, at, **_node_pos(expr))

    @staticmethod
    def _random_term(s, loc, toks):
        expr, cluster, at = toks[0], None, None
        for extra in toks[1:]:
            if isinstance(extra, A.Number):
                at = extra
            else:
                cluster = extra[0].name
        if isinstance(expr, A.Number) and expr.value == 1:
            expr = A.Intercept(**_node_pos(expr))
        # `time_i[level2id]` was read as a loop name; its last [name] is the cluster (Ex6.16b).
        if cluster is None and isinstance(expr, A.TemplateName):
            last = expr.parts[-1]
            if isinstance(last, A.Index) and isinstance(last.expr, A.Name):
                cluster = last.expr.name
                rest = expr.parts[:-1]
                if len(rest) == 1 and isinstance(rest[0], str):
                    expr = A.Name(rest[0], **_node_pos(expr))
                else:
                    expr = A.TemplateName(rest, **_node_pos(expr))
        return A.RandomTerm(expr, cluster, at, **_node_pos(expr))

    @staticmethod
    def _regression(s, loc, toks):
        braced = "braced" in toks
        outcomes = tuple(toks.braced if braced else toks.outcomes)
        _check_variables(s, outcomes, OUTCOME)
        random = tuple(toks.random) if "random" in toks else None
        return A.Regression(outcomes, tuple(toks.terms), random, braced, **_pos(s, loc))

    @staticmethod
    def _arrow(s, loc, toks):
        random = tuple(toks.random) if "random" in toks else None
        _check_variables(s, [t.expr for t in toks.targets], TARGET)
        return A.Arrow(tuple(toks.sources), tuple(toks.targets), random, **_pos(s, loc))

    @staticmethod
    def _binding(s, loc, toks):
        var, domain = toks[0], toks[2]
        if isinstance(domain, str):
            low, high = (int(x) for x in re.split(r"\s*:\s*", domain))
            if high < low:
                raise _sub(s, loc, loc).error(
                    f"loop range {low}:{high} runs backwards (write {high}:{low})", 0)
            values = tuple(range(low, high + 1))
        else:
            values = tuple(int(v) if re.fullmatch(r"-?\d+", v) else v for v in domain)
        return A.LoopBinding(var, values, **_pos(s, loc))


@functools.lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The grammar, built on first use (building takes a few milliseconds; it is never changed)."""
    return Grammar()
