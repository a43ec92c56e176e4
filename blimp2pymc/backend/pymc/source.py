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

    def call(self, target: str | None, func: str, args: list[str], comment: str = "") -> None:
        """``target = func(args)`` on one line, or one argument per line when it is too long."""
        head = f"{target} = {func}(" if target else f"{func}("
        tail = f"   # {comment}" if comment else ""
        one_line = head + ", ".join(args) + ")"
        if len("    " * self.level + one_line) <= 99:
            self(one_line + tail)
            return
        self(head + tail)
        self.level += 1
        for arg in args:
            self(arg + ",")
        self.level -= 1
        self(")")

    def sum(self, target: str, terms: list[str]) -> None:
        """``target = a + b + …`` on one line, or one term per line inside parentheses."""
        one_line = f"{target} = " + " + ".join(terms)
        if len("    " * self.level + one_line) <= 99:
            self(one_line)
            return
        self(f"{target} = (")
        self.level += 1
        for i, term in enumerate(terms):
            self(("" if i == 0 else "+ ") + term)
        self.level -= 1
        self(")")

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
