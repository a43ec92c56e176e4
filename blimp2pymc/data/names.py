"""Variable names of a script checked against the data columns.

Blimp resolves names case-insensitively but keeps the spelling of VARIABLES (BLIMP_SYNTAX §1.3).
This module reads the name lists of VARIABLES and of the commands that refer to data columns, and
reports a name that is not a column where it is written, with a "did you mean" hint,
so a typo in ``ORDINAL: d_jj;`` is caught before any model is built.
"""

from __future__ import annotations

import difflib
import re
from typing import Iterable

from blimp2pymc.errors import BlimpDataError
from blimp2pymc.syntax import ast

#: Commands whose names must be data columns (no latent variables, no suffixes).
COLUMN_COMMANDS = ("CLUSTERID", "TIMEID", "WEIGHT")
#: Commands whose names may also be latent variables or suffixed names such as ``x_i.mean``.
MODEL_COMMANDS = ("ORDINAL", "NOMINAL", "COUNT", "FIXED", "CENTER")

#: Suffix operators that make a name refer to something derived from a column (§3.9):
#: ``.mean``, ``.lag``/``.lag1``, ``.latent``, ``.missing`` and nominal dummy codes ``.2``.
_SUFFIX = re.compile(r"^(?P<base>.+)\.(?:mean|lag\d*|latent|missing|\d+)$", re.IGNORECASE)
_RANGE_END = re.compile(r"^(.*?)(\d+)(\D*)$")


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """``"; did you mean 'x1_i'?"`` when a candidate is close to ``name`` (else ``""``)."""
    spelled = {c.lower(): c for c in candidates}
    close = difflib.get_close_matches(name.lower(), list(spelled), n=1, cutoff=0.5)
    return f"; did you mean '{spelled[close[0]]}'?" if close else ""


def expand_range(first: str, last: str) -> list[str] | None:
    """``x1``, ``x3`` → ``[x1, x2, x3]`` (same prefix and suffix, integer part counts up or down);
    None when the ends do not form a range. Used for leftover Range / SumRange nodes."""
    a, b = _RANGE_END.match(first), _RANGE_END.match(last)
    if not a or not b or a.group(1).lower() != b.group(1).lower() \
            or a.group(3).lower() != b.group(3).lower():
        return None
    lo, hi = int(a.group(2)), int(b.group(2))
    step = 1 if hi >= lo else -1
    return [f"{a.group(1)}{k}{a.group(3)}" for k in range(lo, hi + step, step)]


def where(stmt, command=None, file: str | None = None) -> dict:
    """Error location of a statement (falling back to its command when it has no position)."""
    node = stmt if getattr(stmt, "line", 0) else command
    line = getattr(node, "line", 0) or None
    col = getattr(node, "col", 0) or None
    return {"file": file, "line": line, "col": col}


def item_names(items, loc: dict, command: str) -> list[tuple[str, dict]]:
    """Plain names of a list of Name / Range / NominalItem items (ranges expanded), each with the
    location of the item that wrote it (``loc``, the statement's, when the item has none)."""
    names: list[tuple[str, dict]] = []
    for item in items:
        item_loc = {**loc, "line": item.line, "col": item.col} if item.line else loc
        if isinstance(item, (ast.Name, ast.NominalItem)):
            names.append((item.name, item_loc))
        elif isinstance(item, ast.Range):
            expanded = expand_range(item.first, item.last)
            if expanded is None:
                raise BlimpDataError(f"{command}: '{item.first}:{item.last}' is not a variable range",
                                     **item_loc)
            names.extend((name, item_loc) for name in expanded)
        else:
            raise BlimpDataError(f"{command}: unexpected item {type(item).__name__}", **item_loc)
    return names


def statement_names(stmt, command: str, loc: dict) -> list[tuple[str, dict]]:
    """The names one statement of a name-list command refers to, with their locations."""
    if isinstance(stmt, (ast.NameList, ast.NominalList)):
        return item_names(stmt.items, loc, command)
    if isinstance(stmt, ast.CenterSpec):
        return item_names(stmt.names, loc, command)
    raise BlimpDataError(f"{command}: unexpected statement {type(stmt).__name__}", **loc)


def variables(script: ast.Script, file: str | None) -> tuple[list[str], dict] | None:
    """The VARIABLES names in order (None without VARIABLES) and the location of the command.

    Raises BlimpDataError when a name is listed twice (case-insensitively)."""
    commands = script.get("VARIABLES")
    if not commands:
        return None
    names: list[str] = []
    seen: dict[str, str] = {}
    first = commands[0]
    first_loc = where(first.statements[0] if first.statements else first, first, file)
    for command in commands:
        for stmt in command.statements:
            for name, loc in statement_names(stmt, "VARIABLES", where(stmt, command, file)):
                if name.lower() in seen:
                    raise BlimpDataError(f"VARIABLES: '{name}' is listed twice", **loc)
                seen[name.lower()] = name
                names.append(name)
    return names, first_loc


def declared_non_columns(script: ast.Script) -> set[str]:
    """Lower-cased names that are not data columns but may be listed in CENTER etc.:
    LATENT variables, named random effects and MODEL definition variables."""
    out: set[str] = set()
    for stmt in script.statements("LATENT"):
        if isinstance(stmt, ast.LatentSpec):
            for item in stmt.names:
                if isinstance(item, ast.Name):
                    out.add(item.name.lower())
                elif isinstance(item, ast.Range):
                    out.update(n.lower() for n in expand_range(item.first, item.last) or ())
    for stmt in script.statements("RANDOMEFFECT"):
        if isinstance(stmt, ast.RandomEffectSpec):
            out.add(stmt.name.lower())
    for stmt in script.statements("MODEL"):
        if isinstance(stmt, ast.Assignment) and isinstance(stmt.target, ast.Name):
            out.add(stmt.target.name.lower())
    return out


def check_names(script: ast.Script, columns: Iterable[str], data_path: str,
                file: str | None) -> dict[str, list[str]]:
    """Check that every name in CLUSTERID / TIMEID / WEIGHT (data columns only) and ORDINAL /
    NOMINAL / COUNT / FIXED / CENTER (columns, latent names or suffixed column names) exists.

    Returns the resolved column spellings of CLUSTERID, TIMEID and WEIGHT by command name."""
    columns = list(columns)
    lookup = {c.lower(): c for c in columns}
    others = declared_non_columns(script)
    data_name = data_path.replace("\\", "/").rsplit("/", 1)[-1]
    resolved: dict[str, list[str]] = {name: [] for name in COLUMN_COMMANDS}
    for command_name in COLUMN_COMMANDS + MODEL_COMMANDS:
        for command in script.get(command_name):
            for stmt in command.statements:
                for name, loc in statement_names(stmt, command_name, where(stmt, command, file)):
                    key = name.lower()
                    if key in lookup:
                        if command_name in resolved:
                            resolved[command_name].append(lookup[key])
                        continue
                    if command_name in MODEL_COMMANDS:
                        if key in others:
                            continue
                        m = _SUFFIX.match(name)
                        if m and (m.group("base").lower() in lookup or m.group("base").lower() in others):
                            continue
                    raise BlimpDataError(
                        f"{command_name}: '{name}' is not a variable in {data_name}"
                        + did_you_mean(name, columns), **loc)
    return resolved
