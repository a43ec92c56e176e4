"""Writing Python source: an indenting line buffer and Python identifiers for Blimp names."""

from __future__ import annotations

import keyword
import re


class Source:
    """Lines of Python source with an indentation level."""

    def __init__(self):
        self.lines: list[str] = []
        self.level = 0

    def __call__(self, line: str = "") -> None:
        self.lines.append(("    " * self.level + line) if line else "")

    def comment(self, text: str) -> None:
        self(f"# {text}")

    def section(self, title: str) -> None:
        self()
        self(f"# ---- {title} " + "-" * max(4, 88 - len(title) - 12 - 4 * self.level))

    def indent(self):
        outer = self

        class _Indent:
            def __enter__(self):
                outer.level += 1

            def __exit__(self, *exc):
                outer.level -= 1

        return _Indent()

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


class Identifiers:
    """Python identifiers for Blimp names (``x_i.mean`` → ``x_i_mean``), unique per model."""

    def __init__(self):
        self._by_key: dict[str, str] = {}
        self._used: set[str] = set()

    def __call__(self, key: str) -> str:
        if key in self._by_key:
            return self._by_key[key]
        base = re.sub(r"\W+", "_", key).strip("_") or "v"
        if base[0].isdigit() or keyword.iskeyword(base):
            base = "v_" + base
        name, i = base, 2
        while name in self._used:
            name, i = f"{base}_{i}", i + 1
        self._used.add(name)
        self._by_key[key] = name
        return name
