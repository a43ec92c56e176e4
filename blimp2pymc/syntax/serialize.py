"""``to_dict``: any AST node as plain JSON-able data (``blimp2pymc parse --json``)."""

from __future__ import annotations

import math
from dataclasses import fields, is_dataclass

_SKIP = ("line", "col", "source")


def to_dict(node):
    """``{"type": "Regression", <fields>..., "line": n, "col": c}``; tuples become lists.
    Infinite numbers become the strings ``"Inf"`` / ``"-Inf"`` (JSON has no infinity)."""
    if is_dataclass(node):
        out = {"type": type(node).__name__}
        for f in fields(node):
            if f.name not in _SKIP:
                out[f.name] = to_dict(getattr(node, f.name))
        out["line"] = node.line
        out["col"] = node.col
        return out
    if isinstance(node, (tuple, list)):
        return [to_dict(x) for x in node]
    if isinstance(node, float) and not math.isfinite(node):
        return "NaN" if math.isnan(node) else ("Inf" if node > 0 else "-Inf")
    return node
