"""What every name in a script refers to: data variables and their declared measurement types,
FIXED and CENTER lists, LATENT variables. Also the helper that turns an AST node into a located
``BlimpSpecError``.

Look-ups are case-insensitive (Blimp's rule); results carry the data file's spelling.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data import Dataset
from ..errors import BlimpSpecError, NotSupportedError
from ..syntax import ast as A


def _line_of(script: A.Script, line: int) -> str | None:
    if not script.source or not line:
        return None
    lines = script.source.split("\n")
    return lines[line - 1] if 0 < line <= len(lines) else None


def error(script: A.Script, node, message: str) -> BlimpSpecError:
    """A BlimpSpecError located at ``node`` (an AST node or None)."""
    line = getattr(node, "line", 0) or None
    col = getattr(node, "col", 0) or None
    return BlimpSpecError(message, file=script.path, line=line, col=col,
                          source_line=_line_of(script, line or 0))


def unsupported(script: A.Script, node, feature: str) -> NotSupportedError:
    """A NotSupportedError ("not supported yet: …") located at ``node``."""
    line = getattr(node, "line", 0) or None
    col = getattr(node, "col", 0) or None
    return NotSupportedError(feature, file=script.path, line=line, col=col,
                             source_line=_line_of(script, line or 0))


def _names(items) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, A.Name):
            out.append(item.name)
        elif isinstance(item, A.NominalItem):
            out.append(item.name)
    return out


@dataclass(frozen=True)
class Symbols:
    """Name tables of one script + data set."""

    script: A.Script
    data: Dataset
    ordinal: frozenset[str] = field(default_factory=frozenset)
    nominal: dict[str, float | None] = field(default_factory=dict)   # name → reference code
    count: frozenset[str] = field(default_factory=frozenset)
    fixed: frozenset[str] = field(default_factory=frozenset)
    latent: dict[str, str | None] = field(default_factory=dict)      # latent → cluster id or None

    @classmethod
    def build(cls, script: A.Script, data: Dataset) -> "Symbols":
        def canon(names, node):
            out = []
            for n in names:
                resolved = data.resolve(n)
                out.append(resolved if resolved is not None else n)
            return out

        ordinal, count, fixed = set(), set(), set()
        nominal: dict[str, float | None] = {}
        for st in script.statements("ORDINAL"):
            ordinal.update(canon(_names(st.items), st))
        for st in script.statements("COUNT"):
            count.update(canon(_names(st.items), st))
        for st in script.statements("FIXED"):
            fixed.update(canon(_names(st.items), st))
        for st in script.statements("NOMINAL"):
            for item in st.items:
                if isinstance(item, A.NominalItem):
                    nominal[data.resolve(item.name) or item.name] = item.reference
        latent: dict[str, str | None] = {}
        for st in script.statements("LATENT"):
            for n in _names(st.names):
                latent[n.lower()] = st.cluster
        return cls(script, data, frozenset(ordinal), nominal, frozenset(count),
                   frozenset(fixed), latent)

    def declaration(self, command: str, name: str):
        """The Name node of ``name`` in a list command (FIXED, ORDINAL …), for error locations."""
        for st in self.script.statements(command):
            for item in getattr(st, "items", ()):
                if isinstance(item, A.Name) and item.name.lower() == name.lower():
                    return item
        return None

    def variable(self, name: str) -> str | None:
        """The data spelling of a variable name, or None."""
        return self.data.resolve(name)

    def is_latent(self, name: str) -> bool:
        return name.lower() in self.latent

    def kind(self, name: str) -> str:
        """Measurement type of a data variable: ordinal, nominal, count or continuous."""
        if name in self.nominal:
            return "nominal"
        if name in self.ordinal:
            return "ordinal"
        if name in self.count:
            return "count"
        return "continuous"

    def categories(self, name: str) -> tuple[float, ...]:
        """Observed codes of a categorical variable, sorted."""
        import numpy as np

        values = self.data.column(name)
        return tuple(float(v) for v in np.unique(values[~np.isnan(values)]))

    def reference(self, name: str) -> float:
        """Reference code of a NOMINAL variable (lowest observed code unless ``n(code)``)."""
        ref = self.nominal.get(name)
        return float(ref) if ref is not None else self.categories(name)[0]
