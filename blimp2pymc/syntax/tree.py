"""Generic walks over the frozen AST: rebuild a tree bottom-up, list every node, and a
case-insensitive structural key (Blimp names are case-insensitive)."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Callable, Iterator


def _children(node):
    for f in fields(node):
        if f.compare:                       # skips line / col / path / source
            yield f.name, getattr(node, f.name)


def rebuild(node, fn: Callable):
    """Apply ``fn`` to every node, children first; ``fn`` returns the node (or a replacement).
    Tuples are rebuilt element-wise; strings and numbers are left alone."""
    if isinstance(node, tuple):
        items = tuple(rebuild(x, fn) for x in node)
        return items if any(a is not b for a, b in zip(items, node)) else node
    if not is_dataclass(node):
        return node
    changes = {}
    for name, value in _children(node):
        new = rebuild(value, fn)
        if new is not value:
            changes[name] = new
    if changes:
        node = replace(node, **changes)
    return fn(node)


def walk(node) -> Iterator:
    """Every node of the tree (pre-order), including ``node`` itself."""
    if isinstance(node, tuple):
        for x in node:
            yield from walk(x)
    elif is_dataclass(node):
        yield node
        for _, value in _children(node):
            yield from walk(value)


def key(node):
    """A hashable value equal for nodes that are equal up to the case of names."""
    if isinstance(node, tuple):
        return tuple(key(x) for x in node)
    if is_dataclass(node):
        if type(node).__name__ == "Name":
            return ("Name", node.name.lower())
        return (type(node).__name__,) + tuple(key(v) for _, v in _children(node))
    return node
