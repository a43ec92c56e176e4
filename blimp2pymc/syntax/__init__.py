"""Syntax stage: Blimp script text -> frozen AST (``ast.py``) -> expanded AST.

Public API::

    parse_text(text, path=None) -> Script   # faithful AST (loops, ranges, -> kept)
    parse_file(path) -> Script
    expand(script) -> Script                # explicit subset read by the spec stage
    to_dict(node) -> dict                   # JSON-able
    format_script(script) -> str            # Blimp-like text, one statement per line
"""

from .expand import expand
from .parser import parse_file, parse_text
from .printer import format_script
from .serialize import to_dict

__all__ = ["parse_text", "parse_file", "expand", "to_dict", "format_script"]
