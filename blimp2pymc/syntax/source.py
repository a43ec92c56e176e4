"""Script text handling: decoding bytes, normalising line ends, and turning offsets into
line/column positions and ``BlimpSyntaxError``s that show the offending line with a caret.
"""

from __future__ import annotations

import bisect
import re

from ..errors import BlimpSyntaxError

# Control characters that never occur in a text script (tab, newline, CR, FF, VT are allowed).
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes, path: str | None = None) -> str:
    """Decode a script file: UTF-8 (a BOM is stripped). Undecodable bytes or control bytes
    (a binary file) are a syntax error located at the first offending byte."""
    if data.startswith(b"\xef\xbb\xbf"):  # data26.dat-style BOM, seen in the examples' data files
        data = data[3:]
    control = _BINARY_BYTES.search(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        if control is None or control.start() > err.start:
            raise _byte_error(data, err.start, f"byte 0x{data[err.start]:02x} cannot be read as "
                              "UTF-8 (binary file or wrong encoding?)", path) from None
        text = None
    if control is not None:
        raise _byte_error(data, control.start(), f"it contains the control character "
                          f"0x{data[control.start()]:02x} (binary data?)", path)
    return text


def _byte_error(data: bytes, offset: int, what: str, path: str | None) -> BlimpSyntaxError:
    before = data[:offset].decode("utf-8", errors="replace")
    line = before.count("\n") + 1
    start = before.rfind("\n") + 1
    shown = before[start:]
    return BlimpSyntaxError(f"the file is not a text script: {what}", file=path, line=line,
                            col=len(shown) + 1, source_line=shown)


def normalise(text: str) -> str:
    """CRLF / CR line ends become LF; a leading BOM, form feeds, vertical tabs and non-breaking
    spaces (pasted from PDFs) become plain whitespace. Columns are preserved."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\f", " ").replace("\v", " ").replace("\u00a0", " ")


class SourceText:
    """The normalised text of one script plus its file name; knows line starts for positions."""

    def __init__(self, text: str, path: str | None = None):
        self.text = text
        self.path = path
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        if not 1 <= line <= len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]

    def error(self, message: str, offset: int) -> BlimpSyntaxError:
        """A syntax error located at a character offset."""
        line, col = self.line_col(offset)
        return self.error_at(message, line, col)

    def error_at(self, message: str, line: int, col: int) -> BlimpSyntaxError:
        return BlimpSyntaxError(message, file=self.path, line=line, col=col,
                                source_line=self.line_text(line))

    def check_binary(self) -> None:
        """Reject text with control characters: a binary file renamed to .imp, not a script."""
        match = _BINARY.search(self.text)
        if match:
            raise self.error(
                f"the file is not a text script: it contains the control character "
                f"0x{ord(match.group()):02x} (binary data?)", match.start())


class Located(str):
    """A piece of the script (one statement, or the inside of ``[...]``) that remembers where it
    starts, so that pyparsing parse actions can give every node its line and column.

    pyparsing passes the string it parses unchanged to parse actions (we call
    ``parse_with_tabs()`` so it is not tab-expanded), hence ``s.where(loc)`` works inside them.
    """

    source: SourceText
    start: int

    def __new__(cls, text: str, source: SourceText, start: int):
        obj = super().__new__(cls, text)
        obj.source = source
        obj.start = start
        return obj

    def offset(self, loc: int) -> int:
        """Offset in the whole script of position ``loc`` in this piece."""
        return self.start + loc

    def where(self, loc: int) -> dict:
        """``line=`` / ``col=`` keyword arguments for a node starting at ``loc``."""
        line, col = self.source.line_col(self.start + loc)
        return {"line": line, "col": col}

    def error(self, message: str, loc: int) -> BlimpSyntaxError:
        return self.source.error(message, self.start + loc)

    def piece(self, begin: int, end: int) -> "Located":
        """The sub-piece ``self[begin:end]``, still located in the script."""
        return Located(str.__getitem__(self, slice(begin, end)), self.source, self.start + begin)


def where(s: str, loc: int) -> dict:
    """Position keywords for a node parsed at ``loc`` of ``s`` (a Located, or a plain string in
    which case the position is taken to be line 1)."""
    if isinstance(s, Located):
        return s.where(loc)
    return {"line": 1, "col": loc + 1}
