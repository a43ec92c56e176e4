"""Read a Blimp data file into a float matrix.

Blimp reads whitespace-separated numeric text without a header (``.dat``; spaces or tabs, LF or
CRLF, sometimes a UTF-8 BOM, often no final newline) and comma-separated files that may start with
a header row (``.csv``, what rblimp writes). UTF-16 text with a BOM (Excel's "Unicode text") is
read too; binary files (spreadsheets, SPSS files) are refused. ``split_rows`` cuts a file into
cells, ``looks_like_header``/``header_names`` handle a CSV header, and ``to_matrix`` gives a
``RawTable``: one float64 row per data line with the MISSING code already turned into NaN, and the
file line of every row so later errors can point at it.

Positions in errors: ``line`` is the 1-based line of the data file (blank lines skipped but
counted; in a CSV with a header, the header is line 1), ``col`` is the 1-based field number.
The file is only ever read, never written.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from blimp2pymc.errors import BlimpDataError

#: A plain decimal number as written in data files: ``3``, ``-2.5``, ``.20``, ``5.``, ``1e-3``.
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")

#: Cell texts that mean "missing" when the MISSING code is ``NA`` (compared lower-cased).
NA_TOKENS = frozenset({"", "na", "nan"})

#: ``MissingSpec``: a number (``MISSING: 999``), ``"NA"`` (``MISSING: NA``) or None (no MISSING).
MissingSpec = float | str | None


@dataclass(frozen=True)
class RawRows:
    """The cells of a data file before conversion: one tuple of strings per non-blank line."""

    path: str
    csv: bool
    rows: list[list[str]]
    lines: list[int]


@dataclass(frozen=True)
class RawTable:
    """A numeric data table: ``values`` has one row per data line and NaN for missing cells."""

    values: np.ndarray
    lines: np.ndarray


def _decode(raw: bytes) -> str:
    """Text of the file; ``utf-8-sig`` drops the BOM some Blimp examples start with."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _decode_utf16(raw: bytes) -> str | None:
    """Text of a UTF-16 file with a byte-order mark (Excel's "Unicode text" export), else None."""
    if raw[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        return None
    try:
        return raw.decode("utf-16")
    except UnicodeDecodeError:
        return None


def _refuse_binary(raw: bytes, path: str) -> None:
    """A NUL byte never occurs in a text data file; it does in spreadsheets and SPSS/Stata files
    someone named in DATA. Without this check they fail later as a confusing field-count error."""
    at = raw.find(b"\0")
    if at < 0:
        return
    line = raw.count(b"\n", 0, at) + 1
    raise BlimpDataError(
        f"data file {path} is not a text file (binary data in line {line}); Blimp reads "
        f"whitespace-separated numbers (.dat) or comma-separated values (.csv)",
        file=path, line=line)


def is_csv(path: str | Path) -> bool:
    """A file is comma separated when it is named ``*.csv``; anything else is whitespace separated
    (guessing from commas would misread decimal commas and make error messages confusing)."""
    return str(path).lower().endswith(".csv")


def split_rows(path: str | Path) -> RawRows:
    """Split a data file into cells, skipping blank lines (trailing ones are common).

    Raises BlimpDataError when the file cannot be read or holds no data line at all.
    """
    path = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:  # pragma: no cover - exercised through load_data's existence check
        raise BlimpDataError(f"cannot read data file {path}: {exc.strerror or exc}", file=path) from exc
    text = _decode_utf16(raw)
    if text is None:
        _refuse_binary(raw, path)
        text = _decode(raw)
    lines = text.splitlines()
    numbered = [(i + 1, line) for i, line in enumerate(lines) if line.strip()]
    if not numbered:
        raise BlimpDataError(f"data file {path} is empty", file=path)
    comma = is_csv(path)
    if comma:
        parsed = csv.reader([line for _, line in numbered], skipinitialspace=True)
        rows = [[cell.strip() for cell in cells] for cells in parsed]
    else:
        rows = [line.split() for _, line in numbered]
    return RawRows(path=path, csv=comma, rows=rows, lines=[n for n, _ in numbered])


def _is_number(cell: str) -> bool:
    return _NUMBER.fullmatch(cell) is not None


def looks_like_header(rows: RawRows) -> bool:
    """True when the first row of a CSV is a header: some cell is neither a number nor an NA mark.

    Whitespace files never have a header (Blimp's ``.dat`` format)."""
    if not rows.csv:
        return False
    return any(not _is_number(c) and c.lower() not in NA_TOKENS for c in rows.rows[0])


def header_names(rows: RawRows) -> tuple[str, ...]:
    """The names in the header row, checked to be non-empty and distinct (case-insensitively)."""
    names = tuple(rows.rows[0])
    seen: dict[str, int] = {}
    for j, name in enumerate(names, start=1):
        if not name:
            raise BlimpDataError(f"empty column name in the header of {rows.path} (column {j})",
                                 file=rows.path, line=rows.lines[0], col=j)
        key = name.lower()
        if key in seen:
            raise BlimpDataError(
                f"column name '{name}' appears twice in the header of {rows.path} "
                f"(columns {seen[key]} and {j})", file=rows.path, line=rows.lines[0], col=j)
        seen[key] = j
    return names


def to_matrix(rows: RawRows, ncols: int, missing: MissingSpec, *, skip: int = 0) -> RawTable:
    """Convert the cells (after the first ``skip`` header rows) to a float64 matrix.

    Every row must have ``ncols`` fields and every cell must be a number, or, when the MISSING
    code is ``NA`` (or no MISSING command was given), one of ``NA``/``NaN``/empty. Cells equal to a
    numeric MISSING code (compared as numbers, so ``999.0`` matches ``999``) become NaN.
    """
    body = rows.rows[skip:]
    lines = rows.lines[skip:]
    if not body:
        raise BlimpDataError(f"data file {rows.path} has a header but no data rows",
                             file=rows.path, line=rows.lines[0])
    na_text = missing is None or (isinstance(missing, str) and missing.upper() == "NA")
    values = np.empty((len(body), ncols), dtype=np.float64)
    for i, (cells, line) in enumerate(zip(body, lines)):
        if len(cells) != ncols:
            raise BlimpDataError(
                f"row {line} of {rows.path} has {len(cells)} fields but {ncols} variables are "
                f"expected", file=rows.path, line=line)
        if all(map(_is_number, cells)):
            values[i] = [float(c) for c in cells]
        else:
            values[i] = _convert_row(cells, line, rows.path, na_text,
                                     first=(i == 0 and skip == 0 and not rows.csv))
    if np.isinf(values).any():  # 1e400 matches the number pattern but is no finite value
        i, j = (int(k) for k in np.argwhere(np.isinf(values))[0])
        raise BlimpDataError(
            f"value '{body[i][j]}' in row {lines[i]}, column {j + 1} of {rows.path} is too large "
            f"to be a number", file=rows.path, line=lines[i], col=j + 1)
    if isinstance(missing, (int, float)) and not isinstance(missing, bool):
        values[values == float(missing)] = np.nan
    return RawTable(values=values, lines=np.asarray(lines, dtype=np.int64))


_NAME = re.compile(r"[A-Za-z_][\w.]*")


def _convert_row(cells: list[str], line: int, path: str, na_text: bool, *,
                 first: bool = False) -> list[float]:
    """Slow path for a row with a non-numeric cell: NA marks become NaN, anything else is an error.

    ``first`` marks the first line of a whitespace file, where a row of names is a header that
    only a .csv file may have."""
    out = []
    for j, cell in enumerate(cells, start=1):
        if _is_number(cell):
            out.append(float(cell))
        elif na_text and cell.lower() in NA_TOKENS:
            out.append(np.nan)
        else:
            shown = cell if cell else "<empty>"
            hint = ""
            if not na_text and cell.lower() in NA_TOKENS:
                hint = " (use MISSING: NA; for NA/empty cells)"
            elif "," in cell and not path.lower().endswith(".csv"):
                hint = " (comma-separated data must be in a .csv file)"
            elif first and all(_NAME.fullmatch(c) for c in cells if not _is_number(c)):
                hint = (" (the first line looks like a header of variable names: only a .csv "
                        "file may start with a header; delete the line or name the file .csv)")
            raise BlimpDataError(
                f"non-numeric value '{shown}' in row {line}, column {j} of {path}{hint}",
                file=path, line=line, col=j)
    return out
