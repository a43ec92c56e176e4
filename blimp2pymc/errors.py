"""The error types every stage raises: one base class, one subclass per stage.

Each error knows where it comes from (script line/column or data row/column) so the CLI can print
``FILE:LINE:COL: message`` without a traceback.
"""

from __future__ import annotations


class BlimpError(Exception):
    """Base of every error blimp2pymc reports to a user (the CLI exits 2 on these)."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 col: int | None = None, source_line: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.col = col
        self.source_line = source_line

    def location(self) -> str:
        """``FILE:LINE:COL`` (or as much of it as is known)."""
        parts = [self.file or "<script>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    def format(self) -> str:
        """The message a user sees: location, message and, when known, the line with a caret."""
        text = f"{self.location()}: {self.message}"
        if self.source_line is not None and self.col is not None:
            caret = " " * (max(self.col, 1) - 1) + "^"
            text += f"\n    {self.source_line.rstrip()}\n    {caret}"
        return text

    def __str__(self) -> str:  # pragma: no cover - exercised through format()
        return self.format()


class BlimpSyntaxError(BlimpError):
    """The script text does not follow the Blimp language (syntax stage)."""


class BlimpDataError(BlimpError):
    """The data file cannot be read as the script describes it (data stage).

    ``line`` is the 1-based row of the data file and ``col`` the 1-based column, when known.
    """


class BlimpSpecError(BlimpError):
    """The script parses but does not describe a valid model (spec stage)."""


class NotSupportedError(BlimpSpecError):
    """A valid Blimp feature that blimp2pymc cannot translate yet; never silently ignored."""

    def __init__(self, feature: str, **where):
        super().__init__(f"not supported yet: {feature}", **where)
        self.feature = feature
