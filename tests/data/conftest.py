"""Test helpers for the data stage: scripts are read with the real parser (``blimp2pymc.syntax``)
and expanded, exactly as ``blimp2pymc.api.load`` does before calling ``load_data``."""

from __future__ import annotations

from pathlib import Path

import pytest

from blimp2pymc.syntax import ast, expand, parse_text


def parse_script(text: str, path: str | None = None) -> ast.Script:
    """The expanded AST of a Blimp script (``path`` is only used in error messages)."""
    return expand(parse_text(text, path))


def parse_expr(text: str) -> ast.Expr:
    """The expression AST of ``text``, read as the right-hand side of a TRANSFORM statement."""
    script = parse_script(f"TRANSFORM: out = {text};")
    (stmt,) = script.statements("TRANSFORM")
    assert isinstance(stmt, ast.Assignment)
    return stmt.expr


@pytest.fixture
def blimp():
    """``blimp(text, path=None)`` → expanded Script AST."""
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
