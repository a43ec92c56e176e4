"""What the code generator knows while writing one model: the spec, the Python names chosen for
each quantity, and how to write a spec value expression as PyTensor code at a given level."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...spec import model as M
from ...spec.model import value_leaves
from .source import Identifiers, Source

_BINARY = {"+": "+", "-": "-", "*": "*", "/": "/", "^": "**"}
_COMPARE = {"==": "pt.eq", "!=": "pt.neq", "<": "pt.lt", "<=": "pt.le", ">": "pt.gt",
            ">=": "pt.ge", "and": "pt.and_", "or": "pt.or_"}
_FUNCS = {"exp": "pt.exp", "ln": "pt.log", "log": "pt.log", "sqrt": "pt.sqrt", "abs": "pt.abs",
          "phi": "pm.math.invprobit", "normal_pdf": "rt.normal_pdf"}


@dataclass
class Context:
    """Mutable bookkeeping for one generation run (not part of any stage's output)."""

    spec: M.ModelSpec
    out: Source = field(default_factory=Source)
    ids: Identifiers = field(default_factory=Identifiers)
    values: dict[str, str] = field(default_factory=dict)      # variable → code of its value
    centered: dict[str, str] = field(default_factory=dict)    # variable → code of centered value
    params: dict[str, str] = field(default_factory=dict)      # parameter label → code
    data_arrays: dict[str, str] = field(default_factory=dict)  # variable → name of its array

    # -- levels -----------------------------------------------------------------------------

    def level_of(self, name: str) -> int:
        return self.spec.variables[name]

    def index(self, from_level: int, to_level: int) -> str:
        """Code of the integer array mapping units of ``from_level`` to units of ``to_level``."""
        if from_level == 1:
            return f"row_level{to_level}"
        return f"level{from_level}_level{to_level}"

    def at(self, code: str, native: int, level: int) -> str:
        """A value defined per unit of ``native`` level, repeated for the units of ``level``."""
        if native <= level:
            return code
        return f"{_wrap(code)}[{self.index(level, native)}]"

    def observed(self, name: str) -> str:
        """Name of an array holding a variable's observed values (NaN where missing) at its own
        level; the first request writes the line that defines it."""
        if name not in self.data_arrays:
            from .gen_data import observed_values

            ident = self.ids(f"{name}_data")
            self.out(f"{ident} = {observed_values(self, name)}   # NaN where missing")
            self.data_arrays[name] = ident
        return self.data_arrays[name]

    # -- values -----------------------------------------------------------------------------

    def value_level(self, value) -> int:
        """The lowest level a value varies at (constants vary at none: top level)."""
        levels = [self.leaf_level(leaf) for leaf in value_leaves(value)]
        return min(levels) if levels else self.spec.top_level

    def leaf_level(self, leaf) -> int:
        if isinstance(leaf, M.LatentMean):
            return leaf.level
        return self.level_of(leaf.name)

    def code(self, value, level: int) -> str:
        """PyTensor/NumPy code of a value expression for the units of ``level``."""
        if isinstance(value, M.Const):
            return repr(float(value.value))
        if isinstance(value, M.Data):
            table = self.centered if value.centered and value.name in self.centered else self.values
            return self.at(table[value.name], self.level_of(value.name), level)
        if isinstance(value, M.Dummy):
            key = f"{value.name}.{value.code:g}"
            return self.at(self.values[key], self.level_of(value.name), level)
        if isinstance(value, M.LatentMean):
            key = f"{value.name}.mean"
            table = self.centered if key in self.centered else self.values
            return self.at(table[key], value.level, level)
        if isinstance(value, M.LabelValue):
            return self.params[value.name]
        if isinstance(value, M.Op):
            args = [self.code(a, level) for a in value.args]
            if value.op == "neg":
                return f"-{_wrap(args[0])}"
            if value.op in _BINARY:
                return f"{_wrap(args[0])} {_BINARY[value.op]} {_wrap(args[1])}"
            return f"{_COMPARE[value.op]}({args[0]}, {args[1]})"
        if isinstance(value, M.Func):
            args = [self.code(a, level) for a in value.args]
            if value.name == "ifelse":
                return f"pt.switch({args[0]}, {args[1]}, {args[2]})"
            return f"{_FUNCS[value.name]}({', '.join(args)})"
        raise TypeError(f"cannot write {value!r}")


def _wrap(code: str) -> str:
    """Parenthesise code unless it is a plain name, number, call or subscript."""
    depth = 0
    for ch in code:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and ch in " +-*/<>=":
            return f"({code})"
    return code
