"""Test helpers for the data stage: a tiny reader of the commands the data stage consumes.

The real parser is written elsewhere; these tests must not depend on it. ``parse_script`` builds the
expanded AST (``blimp2pymc.syntax.ast``) for DATA, VARIABLES (ranges expanded), MISSING, CLUSTERID,
TIMEID, WEIGHT, ORDINAL, NOMINAL, COUNT, FIXED, CENTER, LATENT, TRANSFORM and DROPOUT, with the
line/column of every command and statement. Other commands are kept with no statements. TRANSFORM
expressions are read with Python's own expression parser (``^`` → ``**``) and converted.
"""

from __future__ import annotations

import ast as pyast
import re
from pathlib import Path

import pytest

from blimp2pymc.syntax import ast

_COMMAND = re.compile(r"\s*([A-Za-z]+)\s*:(?![+\w])")
_NAME_LISTS = {"VARIABLES", "ORDINAL", "COUNT", "FIXED", "CLUSTERID", "TIMEID", "WEIGHT"}
_KNOWN = _NAME_LISTS | {"DATA", "MISSING", "NOMINAL", "CENTER", "LATENT", "TRANSFORM", "DROPOUT",
                        "SIMULATE", "MODEL", "SEED", "BURN", "ITER", "PARAMETERS", "SIMPLE",
                        "OPTIONS", "SAVE", "NIMPS", "CHAINS", "THIN", "RANDOMEFFECT", "FCS",
                        "WALDTEST", "BYGROUP", "OUTPUT", "ITERATIONS", "CHAIN", "CENTERING",
                        "FILTER"}
_ALIAS = {"ITERATIONS": "ITER", "CHAIN": "CHAINS", "CENTERING": "CENTER"}
_RANGE = re.compile(r"^(.*?)(\d+)(\D*):(.*?)(\d+)(\D*)$")


def expand_names(text: str) -> list[str]:
    out: list[str] = []
    for word in text.split():
        m = _RANGE.match(word)
        if m and m.group(1) == m.group(4) and m.group(3) == m.group(6):
            out += [f"{m.group(1)}{k}{m.group(3)}" for k in range(int(m.group(2)), int(m.group(5)) + 1)]
        else:
            out.append(word)
    return out


def _expr(node: pyast.AST, pos: dict) -> ast.Expr:
    if isinstance(node, pyast.Constant):
        return ast.Number(float(node.value), **pos)
    if isinstance(node, pyast.Name):
        return ast.Name(node.id, **pos)
    if isinstance(node, pyast.Attribute):
        inner = _expr(node.value, pos)
        return ast.Name(f"{inner.name}.{node.attr}", **pos)
    if isinstance(node, pyast.UnaryOp):
        return ast.Unary("-" if isinstance(node.op, pyast.USub) else "+", _expr(node.operand, pos), **pos)
    if isinstance(node, pyast.BinOp):
        ops = {pyast.Add: "+", pyast.Sub: "-", pyast.Mult: "*", pyast.Div: "/", pyast.Pow: "^"}
        return ast.Binary(ops[type(node.op)], _expr(node.left, pos), _expr(node.right, pos), **pos)
    if isinstance(node, pyast.Compare):
        ops = {pyast.Eq: "==", pyast.NotEq: "!=", pyast.Lt: "<", pyast.LtE: "<=", pyast.Gt: ">",
               pyast.GtE: ">="}
        return ast.Binary(ops[type(node.ops[0])], _expr(node.left, pos),
                          _expr(node.comparators[0], pos), **pos)
    if isinstance(node, pyast.BoolOp):
        op = "and" if isinstance(node.op, pyast.And) else "or"
        result = _expr(node.values[0], pos)
        for value in node.values[1:]:
            result = ast.Binary(op, result, _expr(value, pos), **pos)
        return result
    if isinstance(node, pyast.Call):
        return ast.Call(node.func.id.lower(), tuple(_expr(a, pos) for a in node.args), **pos)
    raise ValueError(f"unsupported expression {pyast.dump(node)}")


def parse_expr(text: str, pos: dict | None = None) -> ast.Expr:
    pos = pos or {}
    return _expr(pyast.parse(text.replace("^", "**").strip(), mode="eval").body, pos)


def _statement(command: str, text: str, pos: dict):
    body = text.strip()
    if command in _NAME_LISTS:
        return ast.NameList(tuple(ast.Name(n, **pos) for n in expand_names(body)), **pos)
    if command == "DATA":
        return ast.Path(body, **pos)
    if command == "MISSING":
        return ast.MissingCode(None if body.upper() == "NA" else float(body), **pos)
    if command == "NOMINAL":
        return ast.NominalList(tuple(ast.NominalItem(n, **pos) for n in expand_names(body)), **pos)
    if command == "CENTER":
        kind, _, names = body.partition("=") if "=" in body else ("grandmean", "", body)
        return ast.CenterSpec(kind.strip().lower(), tuple(ast.Name(n, **pos) for n in names.split()),
                              **pos)
    if command == "LATENT":
        cluster, _, names = body.partition("=") if "=" in body else (None, "", body)
        return ast.LatentSpec(cluster.strip() if cluster else None,
                              tuple(ast.Name(n, **pos) for n in names.split()), **pos)
    if command in ("TRANSFORM", "DROPOUT"):
        target, _, expr = body.partition("=")
        return ast.Assignment(ast.Name(target.strip(), **pos), parse_expr(expr, pos), **pos)
    return None


def parse_script(text: str, path: str | None = None) -> ast.Script:
    """Build the expanded AST of a (small) Blimp script."""
    text = re.sub(r"#[^\n]*", lambda m: " " * len(m.group()), text)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def pos(offset: int) -> dict:
        line = max(i for i, s in enumerate(starts) if s <= offset)
        return {"line": line + 1, "col": offset - starts[line] + 1}

    commands: list[tuple[str, dict, list]] = []
    offset = 0
    for piece in text.split(";"):
        start = offset
        offset += len(piece) + 1
        m = _COMMAND.match(piece)
        if m and m.group(1).upper() in _KNOWN:
            name = m.group(1).upper()
            commands.append((_ALIAS.get(name, name), pos(start + m.start(1)), []))
            rest_offset = start + m.end()
            piece = piece[m.end():]
        else:
            rest_offset = start
        if not piece.strip() or not commands:
            continue
        lead = len(piece) - len(piece.lstrip())
        stmt = _statement(commands[-1][0], piece, pos(rest_offset + lead))
        if stmt is not None:
            commands[-1][2].append(stmt)
    return ast.Script(tuple(ast.Command(n, tuple(s), **p) for n, p, s in commands), path=path)


@pytest.fixture
def blimp():
    """``blimp(text)`` → expanded Script AST."""
    return parse_script


@pytest.fixture
def expr():
    """``expr(text)`` → expression AST (``^`` is power, ``and``/``or``, calls, dotted names)."""
    return parse_expr


@pytest.fixture
def write(tmp_path):
    """``write(name, text_or_bytes)`` → path of a new file under tmp_path."""
    def _write(name: str, content) -> Path:
        p = tmp_path / name
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_bytes(content.encode("utf-8"))
        return p
    return _write


@pytest.fixture
def run(tmp_path, write):
    """``run(script_text, {"file.dat": content, ...})`` writes the files and the script into
    tmp_path and returns ``load_data`` of the script."""
    from blimp2pymc.data import load_data

    def _run(script: str, files: dict | None = None):
        for name, content in (files or {}).items():
            write(name, content)
        script_path = write("script.imp", script)
        return load_data(parse_script(script, str(script_path)), str(script_path))
    return _run
