"""Entry points of the parser: text or file in, faithful ``Script`` AST out (loops, ranges and
``->`` kept as written; ``expand.py`` rewrites them)."""

from __future__ import annotations

import os

from ..errors import BlimpSyntaxError
from . import ast as A
from .preprocess import split_commands
from .source import SourceText, decode, normalise
from .statements import parse_command


def parse_text(text: str, path: str | None = None) -> A.Script:
    """Parse the text of a Blimp script. ``path`` is only used in error messages and kept on
    the Script. Raises BlimpSyntaxError (with file, line, column and the offending line)."""
    source = SourceText(normalise(text), path)
    source.check_binary()
    raw_commands = split_commands(source)
    commands = tuple(parse_command(raw, source) for raw in raw_commands)
    _check_model_not_empty(commands, source)
    return A.Script(commands, path=path, source=source.text, line=1, col=1)


def parse_file(path: str | os.PathLike) -> A.Script:
    """Read and parse a script file (UTF-8, optional BOM, any line ends)."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as err:
        raise BlimpSyntaxError(f"cannot read the script: {err.strerror or err}", file=name) from None
    return parse_text(decode(data, name), name)


def _check_model_not_empty(commands: tuple[A.Command, ...], source: SourceText) -> None:
    """``MODEL: ;`` with no model statement is only meaningful next to FCS (rblimp, §1.1)."""
    models = [c for c in commands if c.name == "MODEL"]
    if not models or any(c.name == "FCS" for c in commands):
        return
    if all(not any(not isinstance(s, A.BlockLabel) for s in c.statements) for c in models):
        first = models[0]
        raise source.error_at("the MODEL command is empty: write at least one model statement "
                              "such as 'y ~ x;' (an empty MODEL is only allowed together with "
                              "FCS:)", first.line, first.col)
