"""``load_data``: the data stage's entry point — from a script's AST to a ``Dataset``.

Order of work (each step only reads what the previous produced):

1. refuse what is not supported yet (SIMULATE, DROPOUT) rather than ignore it;
2. DATA path (relative to the script's directory), MISSING code, VARIABLES names;
3. read the file (whitespace ``.dat`` or ``.csv`` with an optional header), missing → NaN;
4. TRANSFORM statements in order;
5. check the names of CLUSTERID / TIMEID / WEIGHT / ORDINAL / NOMINAL / COUNT / FIXED / CENTER;
6. cluster codes and the level of every variable.

Errors about the script carry the script file and the statement's line/column; errors about the
data carry the data file and the data line/column.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from blimp2pymc.data import names as names_mod
from blimp2pymc.data import reader
from blimp2pymc.data.dataset import Dataset
from blimp2pymc.data.levels import code_clusters, detect_levels
from blimp2pymc.data.transform import apply_transforms
from blimp2pymc.errors import BlimpDataError, BlimpError, NotSupportedError
from blimp2pymc.syntax import ast


def _script_file(script: ast.Script, script_path: str | None) -> str | None:
    return str(script_path) if script_path is not None else script.path


def _data_path(script: ast.Script, script_file: str | None) -> tuple[Path, dict]:
    """The DATA file (resolved against the script's directory) and the DATA statement location."""
    commands = script.get("DATA")
    stmts = [(s, c) for c in commands for s in c.statements]
    if not stmts:
        raise BlimpDataError("the script has no DATA command", file=script_file)
    if len(stmts) > 1:
        loc = names_mod.where(stmts[1][0], stmts[1][1], script_file)
        raise BlimpDataError("only one DATA file can be given", **loc)
    stmt, command = stmts[0]
    loc = names_mod.where(stmt, command, script_file)
    if not isinstance(stmt, ast.Path):
        raise BlimpDataError("DATA: expected a file path", **loc)
    base = Path(script_file).resolve().parent if script_file else Path.cwd()
    written = Path(stmt.path).expanduser()
    path = written if written.is_absolute() else base / written
    if not path.is_file() and "\\" in stmt.path:  # a Windows-style path written in the script
        path = base / Path(stmt.path.replace("\\", "/"))
    if not path.is_file():
        what = "is a directory, not a file" if path.is_dir() else "not found"
        raise BlimpDataError(f"data file {path} {what} (DATA: {stmt.path})", **loc)
    return path.resolve(), loc


def _missing_code(script: ast.Script, script_file: str | None) -> float | str | None:
    """The MISSING code: a float, ``"NA"``, or None when MISSING is absent."""
    stmts = [(s, c) for c in script.get("MISSING") for s in c.statements]
    if not stmts:
        return None
    if len(stmts) > 1:
        raise BlimpDataError("only one MISSING code is supported",
                             **names_mod.where(stmts[1][0], stmts[1][1], script_file))
    stmt, command = stmts[0]
    if not isinstance(stmt, ast.MissingCode):
        raise BlimpDataError("MISSING: expected a number or NA",
                             **names_mod.where(stmt, command, script_file))
    return "NA" if stmt.value is None else float(stmt.value)


def _refuse_unsupported(script: ast.Script, script_file: str | None) -> None:
    for feature in ("SIMULATE", "DROPOUT"):
        for command in script.get(feature):
            raise NotSupportedError(feature, file=script_file, line=command.line or None,
                                    col=command.col or None)


def _read(script: ast.Script, path: Path, data_loc: dict, missing, script_file: str | None):
    """Read the file; returns (column names, RawTable)."""
    declared = names_mod.variables(script, script_file)
    rows = reader.split_rows(path)
    header = reader.header_names(rows) if reader.looks_like_header(rows) else None
    if declared is None:
        if header is None:
            raise BlimpDataError(
                f"no VARIABLES command and {path.name} has no header row: name the columns with "
                f"VARIABLES", **data_loc)
        names = list(header)
    else:
        names, var_loc = declared
        if header is not None and len(header) != len(names):
            raise BlimpDataError(
                f"VARIABLES names {len(names)} columns but the header of {path.name} has "
                f"{len(header)}", **var_loc)
    table = reader.to_matrix(rows, len(names), missing, skip=1 if header is not None else 0)
    return names, table


def load_data(script: ast.Script, script_path: str | None = None) -> Dataset:
    """Read the data a script describes and return a ``Dataset``.

    ``script_path`` is where the script lives (the DATA path is relative to its directory); when
    None, ``script.path`` is used, and failing that the current directory.

    Raises NotSupportedError for SIMULATE and DROPOUT, BlimpDataError for any problem with the
    data file or with the names the script uses for it.
    """
    script_file = _script_file(script, script_path)
    try:
        return _load(script, script_file)
    except BlimpError as err:
        _show_script_line(err, script, script_file)
        raise


def _show_script_line(err: BlimpError, script: ast.Script, script_file: str | None) -> None:
    """Errors located in the script show its line with a caret, as the other stages' errors do
    (errors located in the data file keep none: their column is a field number)."""
    if err.source_line is not None or not err.line or not script.source or err.file != script_file:
        return
    lines = script.source.split("\n")
    if err.line <= len(lines):
        err.source_line = lines[err.line - 1]


def _load(script: ast.Script, script_file: str | None) -> Dataset:
    _refuse_unsupported(script, script_file)
    path, data_loc = _data_path(script, script_file)
    missing = _missing_code(script, script_file)
    names, table = _read(script, path, data_loc, missing, script_file)

    columns = {name: table.values[:, j].copy() for j, name in enumerate(names)}
    columns = apply_transforms(columns, script.statements("TRANSFORM"), len(table.values),
                               file=script_file)
    frame = pd.DataFrame(columns)

    resolved = names_mod.check_names(script, frame.columns, str(path), script_file)
    clustering = None
    ids = resolved["CLUSTERID"]
    if ids:
        command = script.get("CLUSTERID")[0]
        loc = names_mod.where(command.statements[0] if command.statements else command, command,
                              script_file)
        if len(ids) > 2:
            raise BlimpDataError("CLUSTERID: at most two cluster identifiers (three levels) are "
                                 f"possible, got {len(ids)}", **loc)
        if len(ids) == 2 and ids[0] == ids[1]:
            raise BlimpDataError(f"CLUSTERID: '{ids[0]}' is listed twice", **loc)
        clustering = code_clusters(frame, ids, table.lines, data_path=str(path), loc=loc)

    time = resolved["TIMEID"]
    if len(time) > 1:
        command = script.get("TIMEID")[0]
        raise BlimpDataError("TIMEID: only one time variable can be given",
                             **names_mod.where(command.statements[0], command, script_file))

    return Dataset(
        frame=frame,
        path=str(path),
        names=tuple(frame.columns),
        clusters=clustering.ids if clustering else (),
        cluster_codes=dict(clustering.codes) if clustering else {},
        n_clusters=dict(clustering.n) if clustering else {},
        parent=clustering.parent if clustering else None,
        levels=detect_levels(frame, clustering),
        time=time[0] if time else None,
        missing_code=missing,
        lines=table.lines,
    )
