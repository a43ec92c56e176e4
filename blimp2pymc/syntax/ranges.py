"""Variable ranges ``first:last`` (``x1:x7``, ``v2_i:v10_i``, ``y1_1:y1_5``, ``x1m:x2m``; §1.7).

Both ends must read ``<prefix><integer><suffix>`` with the same prefix and suffix; the range is the
list of names with every integer in between. Zero padding (``x01:x10``) is kept.
"""

from __future__ import annotations

import re


def split_range(first: str, last: str) -> tuple[str, int, int, str, int]:
    """``(prefix, low, high, suffix, width)`` for a valid range, else ValueError with a message
    naming the problem. ``width`` > 0 means zero-padded numbers of that width."""
    candidates = []
    for run in re.finditer(r"\d+", first):
        prefix, suffix = first[: run.start()], first[run.end():]
        match = re.fullmatch(re.escape(prefix) + r"(\d+)" + re.escape(suffix), last)
        if match:
            candidates.append((prefix, run.group(), match.group(1), suffix))
    if not candidates:
        raise ValueError(
            f"range {first}:{last} does not match: both ends must be the same name around a "
            "number (e.g. x1:x7 or y1_1:y1_5)")
    # Several digit runs can match (`y1_1:y1_5`); the one that differs decides.
    varying = [c for c in candidates if c[1] != c[2]] or candidates
    prefix, low_text, high_text, suffix = varying[-1]
    low, high = int(low_text), int(high_text)
    if high < low:
        raise ValueError(f"range {first}:{last} runs backwards (write {last}:{first})")
    width = len(low_text) if low_text.startswith("0") and len(low_text) > 1 else 0
    return prefix, low, high, suffix, width


def range_names(first: str, last: str) -> list[str]:
    """All names of the range ``first:last`` in order (``x1:x3`` -> ``['x1', 'x2', 'x3']``)."""
    prefix, low, high, suffix, width = split_range(first, last)
    return [f"{prefix}{i:0{width}d}{suffix}" if width else f"{prefix}{i}{suffix}"
            for i in range(low, high + 1)]
