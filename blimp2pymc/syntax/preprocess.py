"""First pass over a script: remove comments and cut the text into commands, block labels and
``;``-terminated statements, each remembering where it starts.

A command keyword (``MODEL:``) is recognised at the start of any statement, not only at the start
of a line (rblimp writes ``MODEL: ;FCS: y x1;``, BLIMP_SYNTAX §1.1). Block labels (``focal.model:``,
``1:``, SIMULATE's ``level_2:``) are recognised the same way inside MODEL and SIMULATE and may be
followed by a statement on the same line (``1: y ~ x1m:x2m;``, Ex8.8).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import commands as cmd
from .source import Located, SourceText

# `#` to end of line, anywhere (also inside multi-line statements, UG6 6.25; `#! nightly`, BK).
_COMMENT = re.compile(r"#[^\n]*")
# A word followed by ':' at the start of a statement: a command keyword if the word is known.
_KEYWORD = re.compile(r"\s*([A-Za-z][A-Za-z_]*):")
# A block label: a name or an integer, then ':' and whitespace (so `x1:x7` is not a label).
_LABEL = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_.]*|\d+):(?=\s|$)")


@dataclass
class RawStatement:
    """One statement (text without its ';') or, when ``label`` is set, a block label."""

    text: Located
    label: str | None = None


@dataclass
class RawCommand:
    """A command keyword with the statements of its body."""

    name: str                 # canonical upper-case name
    written: str              # as written in the script
    offset: int               # where the keyword starts
    statements: list[RawStatement] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return cmd.kind_of(self.name)


def strip_comments(text: str) -> str:
    """Replace every comment by spaces of the same length, keeping all offsets valid."""
    return _COMMENT.sub(lambda m: " " * len(m.group()), text)


def split_commands(source: SourceText) -> list[RawCommand]:
    """Cut the (normalised) script into commands and statements; raise on text before the first
    command, unknown commands, and a last statement without ';'."""
    text = strip_comments(source.text)
    commands: list[RawCommand] = []
    start = 0
    while start <= len(text):
        end = text.find(";", start)
        terminated = end >= 0
        if not terminated:
            end = len(text)
        _split_segment(source, text, start, end, terminated, commands)
        start = end + 1
    if not commands:
        raise source.error("the script is empty: a Blimp script is a list of commands such as "
                           "'DATA: file.dat;' and 'MODEL: y ~ x;'", 0)
    return commands


def _split_segment(source: SourceText, text: str, start: int, end: int, terminated: bool,
                   commands: list[RawCommand]) -> None:
    """Handle the text between two ';': peel command keywords and labels, keep the statement."""
    pos = start
    while True:
        segment = text[pos:end]
        keyword = _KEYWORD.match(segment)
        if keyword and cmd.canonical(keyword.group(1)):
            word = keyword.group(1)
            commands.append(RawCommand(cmd.canonical(word), word, pos + keyword.start(1)))
            pos += keyword.end()
            continue
        current = commands[-1] if commands else None
        in_labelled = current is not None and current.kind in cmd.LABELLED_KINDS
        label = _LABEL.match(segment)
        if label and in_labelled and not _looks_like_command(label.group(1)):
            name_at = pos + label.start(1)
            current.statements.append(
                RawStatement(Located(label.group(1), source, name_at), label=label.group(1)))
            pos += label.end()
            continue
        if label and not label.group(1).isdigit() and (current is None or not in_labelled
                                                       or _looks_like_command(label.group(1))):
            # `MODLE: y ~ x;`, or `grandmean: x;` inside CENTER: a misspelt command keyword.
            raise source.error(cmd.unknown_command_message(label.group(1)), pos + label.start(1))
        break
    body = text[pos:end]
    if not body.strip():
        return                                  # empty statement: `;;`, `MODEL: ;`
    first = pos + (len(body) - len(body.lstrip()))
    if current is None:
        raise source.error("text before the first command: a Blimp script starts with a command "
                           "such as 'DATA: file.dat;'", first)
    if not terminated:
        last = pos + len(body.rstrip())
        raise source.error("missing ';' at the end of the last statement (Blimp requires every "
                           "statement to end with ';')", last)
    current.statements.append(RawStatement(Located(text[first:end], source, first)))


def _looks_like_command(word: str) -> bool:
    """An upper-case word close to a command name (``MODLE``) is a misspelt command, not a label."""
    return word.isupper() and not word.isdigit() and cmd.suggest_command(word, 0.75) is not None
