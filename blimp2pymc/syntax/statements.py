"""Parse the statements of one command: pick the grammar rule for each statement and turn
pyparsing failures into ``BlimpSyntaxError``s that say what is wrong in Blimp terms.

A MODEL statement's kind is decided by its first top-level operator (BLIMP_SYNTAX §3.1):
``->`` arrow, ``~~`` covariance, ``~`` regression, ``=`` definition, else ``name@value`` variance.
"""

from __future__ import annotations

import re

import pyparsing as pp

from . import ast as A
from . import commands as cmd
from .grammar import grammar
from .preprocess import RawCommand
from .source import Located, SourceText

_LOOP_START = re.compile(r"\s*\{\s*[A-Za-z_]\w*\s+in\b", re.IGNORECASE)
_SIM_LEVEL = re.compile(r"\s*[A-Za-z_][A-Za-z0-9_.]*\s*\(\s*\d+\s*\)\s*=(?!=)")
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*|\d*\.?\d+|->|~~|==|<=|>=|!=|:=|\*\*|\S")
_PAIRS = {"(": ")", "[": "]", "{": "}"}
# Commands that hold exactly one value, with an example for the error message.
_ONE_VALUE = {cmd.SETTING: "10000", cmd.PATH: "data8.dat", cmd.MISSING: "999"}
# pyparsing's own descriptions of unnamed rules ("Re:(...)", "{a | b}", "end of text") are not
# shown to users.
_INTERNAL = re.compile(r"Re:|[{}|\\]|^end of text")


def parse_command(raw: RawCommand, source: SourceText) -> A.Command:
    """The Command node of a preprocessed command."""
    kind = raw.kind
    statements: list = []
    in_block = False              # SIMULATE: inside a `define:` / level block yet?
    for stmt in raw.statements:
        text = stmt.text
        if stmt.label is not None:
            node_type = A.SimBlock if kind == cmd.SIMULATE else A.BlockLabel
            statements.append(node_type(stmt.label, **text.where(0)))
            in_block = True
            continue
        check_balanced(text)
        statements.extend(_parse_one(raw.name, kind, text, in_block))
    line, col = source.line_col(raw.offset)
    if kind in _ONE_VALUE and len(statements) != 1:
        problem = "needs a value" if not statements else "takes a single value"
        raise source.error_at(f"{raw.name} {problem}, e.g. '{raw.name}: {_ONE_VALUE[kind]};'",
                              line, col)
    return A.Command(raw.name, tuple(statements), line=line, col=col)


def _parse_one(name: str, kind: str, text: Located, in_block: bool) -> list:
    """The node(s) of one statement of a command of the given kind."""
    if kind == cmd.SIMULATE:
        return [simulate_statement(text, in_block)]
    return _BY_KIND[kind](name, text)


def _path(name, text):
    return [A.Path(text.rstrip(), **text.where(0))]


def _names(name, text):
    return [A.NameList(tuple(run(grammar().name_list, text, f"{name} list")), **text.where(0))]


def _nominal(name, text):
    items = run(grammar().nominal, text, "NOMINAL list")
    return [A.NominalList(tuple(_nominal_item(item) for item in items), **text.where(0))]


def _missing(name, text):
    value = run(grammar().missing, text, "MISSING code")[0]
    return [A.MissingCode(None if isinstance(value, str) else value.value, **text.where(0))]


def _center(name, text):
    toks = run(grammar().center, text, "CENTER statement")
    kind = toks.kind if "kind" in toks else "grandmean"     # a bare list is grand mean (Ex4.3)
    kind = {"cgm": "grandmean", "cwc": "groupmean"}.get(kind, kind)   # rblimp's names
    return [A.CenterSpec(kind, tuple(toks.names), **text.where(0))]


def _random_effect(name, text):
    toks = run(grammar().random_effect, text, "RANDOMEFFECT statement")
    return [A.RandomEffectSpec(toks[0].name, toks[1].name, toks[2], **text.where(0))]


def _assign(name, text):
    return [run(grammar().assignment, text, f"{name} statement (name = expression)")[0]]


def _simple(name, text):
    toks = run(grammar().simple, text, "SIMPLE statement")
    at = toks.at[0].lower() if "at" in toks else None
    return [A.Simple(toks.focal, tuple(toks.moderators), at, **text.where(0))]


def _words(name, text):
    words = run(grammar().words, text, f"{name} statement")
    return [A.Options(tuple(w.lower() for w in words), **text.where(0))]


def _save(name, text):
    toks = run(grammar().save, text, "SAVE statement (target = file)")
    return [A.SaveTarget(toks[0].lower(), toks[1], **text.where(0))]


def _filter(name, text):
    return [A.FilterSpec(run(grammar().expression, text, "FILTER condition")[0],
                         **text.where(0))]


# ---------------------------------------------------------------------------------------------
# MODEL, PARAMETERS, SIMULATE
# ---------------------------------------------------------------------------------------------

def model_statement(text: Located):
    """One MODEL statement (a loop's body is parsed by this function too)."""
    if _LOOP_START.match(text):
        return loop(text, model_statement)
    g = grammar()
    op = top_level_operator(text)
    if op == "->":
        return run(g.arrow, text, "'->' statement")[0]
    if op == "~~":
        return run(g.covariance, text, "covariance ('~~') statement")[0]
    if op == "~":
        return run(g.regression, text, "regression")[0]
    if op in ("=", ":="):
        return run(g.assignment, text, "definition (name = expression)")[0]
    if "@" in text:
        return run(g.variance, text, "variance statement (name@value)")[0]
    raise text.error(f"not a MODEL statement: {_first_token(text)!r} — expected a regression "
                     "'y ~ x', 'f -> y1 y2', 'a ~~ b', a definition 'name = expression' or a "
                     "variance 'y@1'", 0)


def parameters_statement(text: Located):
    """``name = expression``, ``label ~ truncate(lo, hi)`` or a loop of those (Ex5.8a.loop)."""
    if _LOOP_START.match(text):
        return loop(text, parameters_statement)
    g = grammar()
    op = top_level_operator(text)
    if op == "~":
        return run(g.prior, text, "prior (label ~ truncate(lo, hi))")[0]
    if op in ("=", ":="):
        return run(g.assignment, text, "PARAMETERS statement (name = expression)")[0]
    raise text.error("not a PARAMETERS statement: expected 'name = expression' or "
                     "'label ~ truncate(lo, hi)'", 0)


def simulate_statement(text: Located, in_block: bool):
    """SIMULATE statements (Ex8.*): level sizes before the first block, then draws."""
    g = grammar()
    if _SIM_LEVEL.match(text):
        return run(g.sim_level, text, "SIMULATE level size (name(level) = size)")[0]
    op = top_level_operator(text)
    if op == "~~":
        return run(g.sim_correlation, text, "SIMULATE correlation (a ~~ b := r)")[0]
    if op == "~":
        return run(g.sim_draw, text, "SIMULATE draw (x ~ normal(m, v))")[0]
    if op in ("=", ":="):
        node = run(g.assignment, text, "SIMULATE statement (name = expression)")[0]
        if not in_block and op == "=" and isinstance(node.target, A.Name):
            return A.SimLevel(node.target.name, None, node.expr, line=node.line, col=node.col)
        return node
    raise text.error("not a SIMULATE statement: expected 'n = size', 'x = normal(0, 1)', "
                     "'x ~ normal(0, 1)' or 'a ~~ b := r'", 0)


def loop(text: Located, body_parser):
    """``{ i in 1:6, v in x y } : statement`` (§3.16)."""
    start = text.index("{")
    close = _matching(text, start)
    header = text.piece(start + 1, close)
    after = re.match(r"\s*:", text[close + 1:])
    if not after:
        raise text.error("a loop header '{ i in 1:5 }' must be followed by ':' and a statement",
                         close + 1)
    body_start = close + 1 + after.end()
    body_start += len(text[body_start:]) - len(text[body_start:].lstrip())
    if body_start >= len(text):
        raise text.error("the loop has no statement after ':'", close + 1 + after.end() - 1)
    bindings = run(grammar().loop_header, header, "loop header (e.g. { i in 1:6 })")
    body = body_parser(text.piece(body_start, len(text)))
    return A.Loop(tuple(bindings), body, **text.where(start))


# ---------------------------------------------------------------------------------------------
# other commands
# ---------------------------------------------------------------------------------------------

def setting(name: str, text: Located) -> A.Setting:
    """SEED/BURN/ITER/CHAINS/NIMPS/THIN: one non-negative integer."""
    value = text.strip()
    if not re.fullmatch(r"\d+", value):
        raise text.error(f"{name} must be a non-negative whole number, found {value!r}", 0)
    return A.Setting(int(value), **text.where(0))


def latent_statement(text: Located) -> list:
    """``eta1 eta2`` (level 1), ``level2id = b0 b1``, or both in one statement (``ACH_w schid =
    ACH_b``, as written in the MSEM tutorial: the name before '=' is the cluster id)."""
    toks = run(grammar().latent, text, "LATENT statement")
    first = list(toks.first)
    if "second" not in toks:
        return [A.LatentSpec(None, tuple(first), **text.where(0))]
    cluster = first.pop()
    if not isinstance(cluster, A.Name):
        raise text.source.error_at("the name before '=' in LATENT must be a cluster id, not a "
                                   "range", cluster.line, cluster.col)
    out = []
    if first:
        out.append(A.LatentSpec(None, tuple(first), **text.where(0)))
    out.append(A.LatentSpec(cluster.name, tuple(toks.second), line=cluster.line, col=cluster.col))
    return out


def wald_statement(text: Located) -> A.WaldTest:
    """``b1:b3 = 0``, ``b1 = b2``, ``ac1 = ac2:ac5`` or the nested-model form ``y ~ x1 x2``."""
    g = grammar()
    if top_level_operator(text) == "~":
        reg = run(g.regression, text, "WALDTEST model")[0]
        return A.WaldTest(regression=reg, **text.where(0))
    toks = run(g.wald, text, "WALDTEST restriction (labels = value)")
    return A.WaldTest(tuple(toks.left), tuple(toks.right), **text.where(0))


def options_statement(text: Located) -> A.Options:
    """OPTIONS keywords, checked against the known list (unknown ones get a did-you-mean)."""
    words = run(grammar().words, text, "OPTIONS list")
    for match in re.finditer(r"\S+", text):
        word = match.group()
        if word.lower() not in cmd.OPTION_KEYWORDS:
            hint = cmd.suggest(word, cmd.OPTION_KEYWORDS)
            extra = f" — did you mean {hint}?" if hint else (
                " (known: " + " ".join(cmd.OPTION_KEYWORDS) + ")")
            raise text.error(f"unknown OPTIONS keyword '{word}'{extra}", match.start())
    return A.Options(tuple(w.lower() for w in words), **text.where(0))


def _nominal_item(group):
    item = group[0]
    if isinstance(item, A.Range):
        return item
    reference = group[1].value if len(group) > 1 else None
    return A.NominalItem(item.name, reference, line=item.line, col=item.col)


# ---------------------------------------------------------------------------------------------
# helpers: running a rule, operators, brackets, error messages
# ---------------------------------------------------------------------------------------------

def run(rule: pp.ParserElement, text: Located, what: str) -> pp.ParseResults:
    """Parse the whole statement with ``rule``; a failure becomes 'bad <what>: ...'."""
    try:
        return rule.parse_string(text, parse_all=True)
    except pp.ParseBaseException as err:
        loc = err.loc
        while loc < len(text) and text[loc].isspace():
            loc += 1
        found = _first_token(text[loc:])
        found = f"'{found}'" if found else "the end of the statement"
        expected = err.msg[len("Expected "):] if err.msg.startswith("Expected ") else ""
        if expected and not _INTERNAL.search(expected):   # a name we gave, not pyparsing's
            message = f"bad {what}: expected {expected}, found {found}"
        elif found == "the end of the statement":
            message = f"bad {what}: the statement ends too early"
        else:
            message = f"bad {what}: unexpected {found}"
        raise text.error(message, loc) from None


def top_level_operator(text: str) -> str | None:
    """The first of ``-> ~~ ~ := =`` outside brackets (``==``, ``<=`` etc. are skipped)."""
    depth, i = 0, 0
    while i < len(text):
        ch = text[i]
        two = text[i:i + 2]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and two in ("->", "~~", ":="):
            return two
        elif two in ("==", "<=", ">=", "!="):
            i += 2
            continue
        elif depth == 0 and ch in "~=":
            return ch
        i += 1
    return None


def check_balanced(text: Located) -> None:
    """Every ``( [ {`` is closed within the statement, in the right order."""
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in _PAIRS:
            stack.append(i)
        elif ch in ")]}":
            if not stack:
                raise text.error(f"unbalanced {_word(ch)}: '{ch}' has no matching opening "
                                 f"'{_opening(ch)}'", i)
            opener = text[stack.pop()]
            if _PAIRS[opener] != ch:
                raise text.error(f"unbalanced {_word(opener)}: '{ch}' found where "
                                 f"'{_PAIRS[opener]}' should close '{opener}'", i)
    if stack:
        i = stack[-1]
        raise text.error(f"unbalanced {_word(text[i])}: '{text[i]}' is never closed (missing "
                         f"'{_PAIRS[text[i]]}' before ';')", i)


def _word(ch: str) -> str:
    opener = ch if ch in _PAIRS else _opening(ch)
    return {"(": "parentheses", "[": "brackets", "{": "braces"}[opener]


def _opening(ch: str) -> str:
    return {v: k for k, v in _PAIRS.items()}[ch]


def _matching(text: str, start: int) -> int:
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(text) - 1  # pragma: no cover - check_balanced ran first


def _first_token(text: str) -> str:
    match = _TOKEN.search(text)
    return match.group() if match else ""


#: statement kind (commands.py) -> parser of one statement, returning a list of nodes.
_BY_KIND = {
    cmd.PATH: _path,
    cmd.NAMES: _names,
    cmd.NOMINAL: _nominal,
    cmd.MISSING: _missing,
    cmd.SETTING: lambda name, text: [setting(name, text)],
    cmd.CENTER: _center,
    cmd.LATENT: lambda name, text: latent_statement(text),
    cmd.RANDOMEFFECT: _random_effect,
    cmd.ASSIGN: _assign,
    cmd.MODEL: lambda name, text: [model_statement(text)],
    cmd.PARAMETERS: lambda name, text: [parameters_statement(text)],
    cmd.SIMPLE: _simple,
    cmd.WALDTEST: lambda name, text: [wald_statement(text)],
    cmd.OPTIONS: lambda name, text: [options_statement(text)],
    cmd.WORDS: _words,
    cmd.SAVE: _save,
    cmd.FILTER: _filter,
}
