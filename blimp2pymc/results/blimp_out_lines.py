"""Line-level lexing of a ``.blimp-out`` file: top-level sections, row cells and line kinds.

Kept apart from the table parser so that the rules for "what is this line" (a section header, a
``GROUP g SAMPLER`` banner, a numeric row read from the right, a rule line) live in one place.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..errors import BlimpError

SECTION_RE = re.compile(r"^[A-Z][A-Z0-9 ()/-]+:\s*$")
GROUP_RE = re.compile(r"^(GROUP\s+\S+)\s+SAMPLER\s*$")
ERROR_RE = re.compile(r"^ERROR:\s*(.*?)\s*$")
_GLUED_AT_RE = re.compile(r"(\s)@(?=[-+]?\d)")
_NUMBER_RE = re.compile(r"---|[-+]?inf|nan|[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


class BlimpOutputError(BlimpError):
    """A ``.blimp-out`` file has a line the reader cannot place (reported as FILE:LINE)."""


@dataclass(frozen=True)
class Section:
    """One top-level section: its upper-case name (no colon), BYGROUP group and body lines.

    ``start`` is the 1-based line number of the section header; body line ``k`` (0-based) is file
    line ``start + 1 + k``.
    """

    name: str
    group: str | None
    start: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Split:
    """A file cut into the banner (lines before the first section) and its sections."""

    banner: tuple[str, ...]
    sections: tuple[Section, ...]
    error: str | None


@dataclass(frozen=True)
class Cells:
    """A numeric table row: the label, the cell values (left to right) and the ``@`` marker."""

    label: str
    values: tuple[float, ...]
    fixed: bool
    indent: int


def split_sections(lines: list[str]) -> Split:
    """Cut the file at column-0 section headers, ``GROUP g SAMPLER`` banners and ``ERROR:`` lines.

    A BYGROUP banner does not start a section; it tags every following section with its group.
    An ``ERROR:`` line (Blimp stops right after it) is kept, with any indented continuation.
    """
    banner: list[str] = []
    sections: list[Section] = []
    current: tuple[str, int] | None = None
    body: list[str] = []
    group: str | None = None
    current_group: str | None = None
    error_lines: list[str] | None = None

    def close():
        if current is not None:
            sections.append(Section(current[0], current_group, current[1], tuple(body)))

    for number, line in enumerate(lines, start=1):
        if error_lines is not None:
            if line.strip():
                error_lines.append(line.strip())
            continue
        match = ERROR_RE.match(line)
        if match:
            error_lines = [match.group(1)]
            continue
        match = GROUP_RE.match(line)
        if match:
            group = re.sub(r"\s+", " ", match.group(1))
            continue
        if SECTION_RE.match(line):
            close()
            current, body, current_group = (line.strip()[:-1].strip(), number), [], group
            continue
        (body if current is not None else banner).append(line)
    close()
    error = " ".join(error_lines) if error_lines is not None else None
    return Split(tuple(banner), tuple(sections), error)


def to_float(token: str) -> float:
    """A cell value: ``---`` and ``nan`` are NaN, ``inf`` is infinity, else a decimal number."""
    if token == "---":
        return math.nan
    return float(token)


def is_rule(line: str) -> bool:
    """A dashed rule line (table top/bottom, banner)."""
    text = line.strip()
    return bool(text) and set(text) == {"-"}


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def read_cells(line: str, ncols: int) -> Cells | None:
    """Read ``ncols`` cells from the right of ``line``; None when the line is not such a row.

    Labels may contain spaces and digits (``L2 : Var(Intercept)``, ``Tau 2``), so cells are
    taken from the right. ``@ 1.000`` (or ``@1.000``) in the first cell marks a fixed value.
    """
    rest = _GLUED_AT_RE.sub(r"\1@ ", line.rstrip())
    values: list[str] = []
    for _ in range(ncols):
        cut = max(rest.rfind(" "), rest.rfind("\t"))
        token = rest[cut + 1:]
        if not _NUMBER_RE.fullmatch(token):
            return None
        values.append(token)
        rest = rest[:cut + 1].rstrip() if cut >= 0 else ""
    if len(values) != ncols:
        return None
    fixed = False
    stripped = rest.rstrip()
    if stripped == "@" or stripped.endswith((" @", "\t@")):
        fixed = True
        stripped = stripped[:-1]
    label = stripped.strip()
    if not label:
        return None
    values.reverse()
    return Cells(label, tuple(to_float(v) for v in values), fixed, indent_of(line))
