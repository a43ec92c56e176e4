"""Expansion: rewrite the faithful AST into the explicit subset the spec stage reads.

After ``expand``: no Loop, Range, SumRange, TemplateName, Index or Arrow is left; every MODEL
Regression has one outcome (and ``braces`` False); ``term@variable`` is written in Blimp's normal
form ``term*variable@1``; regressions of the same outcome are merged into the first one. The
result is a valid Script again (``expand(expand(s)) == expand(s)``).
"""

from __future__ import annotations

from dataclasses import replace

from . import ast as A
from .grammar import OUTCOME, TARGET, not_a_variable
from .loops import check_no_templates, expand_loops
from .ranges import range_names
from .source import SourceText
from .tree import key, rebuild


class _Names:
    """Names the script declares, lower-cased: for checking ranges and resolving ``@name``."""

    def __init__(self, commands):
        self.have_variables = any(c.name == "VARIABLES" for c in commands)
        self.data: set[str] = set()      # VARIABLES and TRANSFORM targets
        self.latent: set[str] = set()    # LATENT
        self.known: set[str] = set()     # anything a range may refer to
        for command in commands:
            for stmt in command.statements:
                self._collect(command.name, stmt)
        self.known |= self.data | self.latent

    def _collect(self, command: str, stmt) -> None:
        if command == "VARIABLES" and isinstance(stmt, A.NameList):
            self.data.update(_lower_names(stmt.items))
        elif command == "LATENT" and isinstance(stmt, A.LatentSpec):
            self.latent.update(_lower_names(stmt.names))
        elif command == "RANDOMEFFECT" and isinstance(stmt, A.RandomEffectSpec):
            self.known.add(stmt.name.lower())
        elif isinstance(stmt, (A.Assignment, A.SimDraw)) and command in (
                "TRANSFORM", "DROPOUT", "MODEL", "SIMULATE"):
            names = _lower_names([stmt.target])
            (self.data if command == "TRANSFORM" else self.known).update(names)
        elif isinstance(stmt, A.SimLevel):
            self.known.add(stmt.name.lower())


def _lower_names(items) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, A.Range):
            out.extend(n.lower() for n in range_names(item.first, item.last))
        elif isinstance(item, A.Name):
            out.append(item.name.lower())
    return out


class _Expander:
    """Expansion of one script; holds the source (for error lines) and the declared names."""

    def __init__(self, script: A.Script, commands):
        self.source = SourceText(script.source or "", script.path)
        self.names = _Names(commands)

    # ---- ranges -------------------------------------------------------------------------
    def names_of(self, item, check: bool = True) -> list:
        """A list item: a Range becomes its Names (checked against declared names)."""
        if not isinstance(item, A.Range):
            return [item]
        names = range_names(item.first, item.last)
        if check and self.names.have_variables:
            for name in names:
                if name.lower() not in self.names.known:
                    raise self.source.error_at(
                        f"unknown variable '{name}' in range {item.first}:{item.last} (not in "
                        "VARIABLES, TRANSFORM, LATENT or a definition)", item.line, item.col)
        return [A.Name(n, line=item.line, col=item.col) for n in names]

    def items(self, items, check: bool = True) -> tuple:
        return tuple(x for item in items for x in self.names_of(item, check))

    def terms(self, terms, check: bool = True) -> tuple:
        """Terms (or RandomTerms) whose expr is a Range become one term per name, same ``@``."""
        return tuple(replace(t, expr=name) if isinstance(t.expr, A.Range) else t
                     for t in terms for name in self.names_of(t.expr, check))

    def expressions(self, node, check: bool = True):
        """``x1:+:x7`` -> ``x1 + x2 + ... + x7``; a list range left inside an expression is an
        error (it has no value)."""

        def fix(n):
            if isinstance(n, A.SumRange):
                names = self.names_of(A.Range(n.first, n.last, line=n.line, col=n.col), check)
                total = names[0]
                for name in names[1:]:
                    total = A.Binary("+", total, name, line=n.line, col=n.col)
                return total
            if isinstance(n, A.Range):
                raise self.source.error_at(
                    f"the range {n.first}:{n.last} cannot be used inside an expression (write "
                    f"{n.first}:+:{n.last} for their sum)", n.line, n.col)
            return n

        return rebuild(node, fix)

    # ---- commands -----------------------------------------------------------------------
    def command(self, command: A.Command) -> A.Command:
        out = []
        for stmt in command.statements:
            out.extend(self.statement(command.name, stmt))
        if command.name == "MODEL":
            out = _merge_regressions([self.at_normal_form(s) for s in out])
        return replace(command, statements=tuple(out))

    def statement(self, command: str, stmt) -> list:
        check = command not in ("VARIABLES", "LATENT", "WALDTEST", "PARAMETERS", "SIMULATE")
        if isinstance(stmt, A.NameList):
            return [replace(stmt, items=self.items(stmt.items, check))]
        if isinstance(stmt, A.NominalList):
            return [replace(stmt, items=tuple(
                A.NominalItem(n.name, line=n.line, col=n.col) if isinstance(n, A.Name) else n
                for n in self.items(stmt.items, check)))]
        if isinstance(stmt, (A.CenterSpec, A.LatentSpec)):
            return [replace(stmt, names=self.items(stmt.names, check))]
        if isinstance(stmt, A.WaldTest):
            return self.wald(stmt)
        if isinstance(stmt, A.Regression):
            return [self.expressions(r, check) for r in self.regressions(stmt, check)]
        if isinstance(stmt, A.Arrow):
            return [self.expressions(r, check) for r in self.arrow(stmt, check)]
        if isinstance(stmt, A.Covariance):
            return [self.expressions(replace(stmt, left=self.terms(stmt.left, check),
                                             right=self.terms(stmt.right, check)), check)]
        if isinstance(stmt, (A.VarianceStatement, A.Assignment, A.SimDraw)):
            # `y0:y3@resvar` (BK 6.9), `x1:x2 = normal(0, 1)` (Ex8.2): one statement per name.
            creates = isinstance(stmt, (A.Assignment, A.SimDraw))
            return [self.expressions(replace(stmt, target=name), check)
                    for name in self.names_of(stmt.target, check and not creates)]
        return [self.expressions(stmt, check)]

    def regressions(self, reg: A.Regression, check: bool) -> list[A.Regression]:
        """Ranges expanded; several outcomes become a sequential chain (Ex4.7b: ``a3 a2 a1 ~ y``
        -> ``a3 ~ a2 a1 y; a2 ~ a1 y; a1 ~ y``) or, in braces, separate regressions (Ex5.19c)."""
        outcomes = self.items(reg.outcomes, check)
        self.check_variables(outcomes, OUTCOME)    # `[i]` that a loop made a number
        terms = self.terms(reg.terms, check)
        random = None if reg.random is None else self.terms(reg.random, check)
        out = []
        for i, outcome in enumerate(outcomes):
            later = () if reg.braces else tuple(
                A.Term(o, line=o.line, col=o.col) for o in outcomes[i + 1:])
            out.append(A.Regression((outcome,), later + terms, random, False,
                                    line=outcome.line if i else reg.line,
                                    col=outcome.col if i else reg.col))
        return out

    def arrow(self, arrow: A.Arrow, check: bool) -> list[A.Regression]:
        """``sources -> targets``: each target regressed on every source; the target's ``@`` is
        the loading (§3.10). A LATENT source loads on its first target with ``@1`` unless that
        target has its own ``@`` (Ex5.11, Ex8.3)."""
        sources = self.terms(arrow.sources, check)
        targets = self.terms(arrow.targets, check)
        self.check_variables([t.expr for t in targets], TARGET)
        random = None if arrow.random is None else self.terms(arrow.random, check)
        out = []
        for i, target in enumerate(targets):
            terms = []
            for source in sources:
                at = target.at if target.at is not None else source.at
                if (i == 0 and at is None and isinstance(source.expr, A.Name)
                        and source.expr.name.lower() in self.names.latent):
                    at = A.Number(1, line=target.line, col=target.col)
                terms.append(replace(source, at=at))
            out.append(A.Regression((target.expr,), tuple(terms), random, False,
                                    line=target.line, col=target.col))
        return out

    def check_variables(self, nodes, where: str) -> None:
        """The parser rejects ``1 ~ x`` and ``f -> 1``; a loop value can still put a number
        there (``{ i in 1:2 } : y [i] ~ x;``), found here."""
        for node in nodes:
            problem = not_a_variable(node)
            if problem:
                raise self.source.error_at(f"{problem} cannot be {where}", node.line, node.col)

    def wald(self, test: A.WaldTest) -> list[A.WaldTest]:
        """Label ranges expanded and paired: ``b1:b3 = 0`` -> b1 = 0, b2 = 0, b3 = 0 (Ex4.23);
        ``ac1 = ac2:ac5`` -> ac1 = ac2, ..., ac1 = ac5 (Ex5.18a). One WALDTEST command stays one
        (joint) test."""
        if test.regression is not None:
            reg = self.regressions(test.regression, check=False)
            return [replace(test, regression=self.expressions(reg[0], check=False))]
        left = [self.expressions(x, False) for x in self.items(test.left, check=False)]
        right = [self.expressions(x, False) for x in self.items(test.right, check=False)]
        if len(left) == len(right):
            pairs = list(zip(left, right))
        elif len(right) == 1:
            pairs = [(x, right[0]) for x in left]
        elif len(left) == 1:
            pairs = [(left[0], x) for x in right]
        else:
            raise self.source.error_at(
                f"WALDTEST cannot pair {len(left)} labels with {len(right)}: give one value or "
                "lists of the same length", test.line, test.col)
        return [A.WaldTest((a,), (b,), line=test.line, col=test.col) for a, b in pairs]

    def at_normal_form(self, stmt):
        """``x@v`` with ``v`` a data or LATENT variable -> ``x*v@1`` (OUT Ex6.4: ``x1_i@beta1_j``
        -> ``x1_i*beta1_j@1``; Ex6.25b ``(study==[i])@log_varj``). ``1@latent`` stays."""
        if not isinstance(stmt, A.Regression):
            return stmt
        variables = self.names.data | self.names.latent
        terms = []
        for term in stmt.terms:
            at = term.at
            if (isinstance(at, A.Name) and not isinstance(term.expr, A.Intercept)
                    and at.name.lower() in variables):
                product = A.Binary("*", term.expr, at, line=term.line, col=term.col)
                term = A.Term(product, A.Number(1, line=at.line, col=at.col),
                              line=term.line, col=term.col)
            terms.append(term)
        return replace(stmt, terms=tuple(terms))


def _merge_regressions(statements: list) -> list:
    """Regressions of the same outcome are merged into the first one: terms and random parts
    concatenated (``var(es_j) ~ ...`` written 19 times by the loop of Ex6.25b)."""
    out: list = []
    first: dict = {}
    for stmt in statements:
        if not isinstance(stmt, A.Regression):
            out.append(stmt)
            continue
        k = key(stmt.outcomes)
        if k not in first:
            first[k] = len(out)
            out.append(stmt)
            continue
        old = out[first[k]]
        random = old.random
        if stmt.random is not None:
            random = (random or ()) + stmt.random
        out[first[k]] = replace(old, terms=old.terms + stmt.terms, random=random)
    return out


def expand(script: A.Script) -> A.Script:
    """The explicit form of ``script`` (see the module docstring). Raises BlimpSyntaxError for
    unknown names in ranges, ``[i]`` outside loops and unpairable WALDTEST lists."""
    source = SourceText(script.source or "", script.path)
    commands = []
    for command in script.commands:
        statements = expand_loops(command.statements, source)
        check_no_templates(statements, source)
        commands.append(replace(command, statements=tuple(statements)))
    expander = _Expander(script, commands)
    return replace(script, commands=tuple(expander.command(c) for c in commands))
