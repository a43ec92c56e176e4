"""Cluster coding and level detection for multilevel data (CLUSTERID, BLIMP_SYNTAX §2.11, §5.2).

Blimp never asks for the level of a variable: it is read off the data. A variable whose observed
values are constant within every level-2 cluster is a level-2 variable; with a level-3 identifier,
one constant within every level-3 cluster is a level-3 variable; everything else is level 1.

Cluster identifiers may be any numbers, unsorted and non-contiguous. They are replaced by 0-based
integer codes in order of first appearance; the model stage indexes random effects with them.
With two identifiers (written in either order) the level-2 one is the identifier nested in the
other, and ``parent`` maps each level-2 cluster to its level-3 cluster.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from blimp2pymc.errors import BlimpDataError


@dataclass(frozen=True, eq=False)
class Clustering:
    """Result of coding the CLUSTERID columns."""

    ids: tuple[str, ...]                 # identifier names, level 2 first, then level 3
    codes: dict[int, np.ndarray]         # level → int64 cluster code of every row
    n: dict[int, int]                    # level → number of clusters
    parent: np.ndarray | None            # level-2 code → level-3 code (three levels only)


def _factorize(values: np.ndarray) -> tuple[np.ndarray, int]:
    codes, uniques = pd.factorize(values, sort=False)
    return codes.astype(np.int64), len(uniques)


def _nested(inner: np.ndarray, outer: np.ndarray) -> bool:
    """True when every ``inner`` cluster lies in exactly one ``outer`` cluster."""
    return bool(pd.Series(outer).groupby(inner).nunique().max() <= 1)


def code_clusters(frame: pd.DataFrame, ids: list[str], lines: np.ndarray, *, data_path: str,
                  loc: dict) -> Clustering:
    """Code the cluster identifier columns ``ids`` (one or two names, as written in CLUSTERID).

    ``lines`` holds the data-file line of every row (for error positions) and ``loc`` the
    location of the CLUSTERID statement. Raises BlimpDataError for a missing identifier value
    (at its data row and column) and when neither of two identifiers is nested in the other.
    """
    for name in ids:
        values = frame[name].to_numpy()
        bad = np.flatnonzero(np.isnan(values))
        if bad.size:
            row = int(bad[0])
            col = frame.columns.get_loc(name) + 1
            raise BlimpDataError(
                f"cluster identifier '{name}' is missing in row {int(lines[row])}, column {col} "
                f"({bad.size} row{'s' if bad.size != 1 else ''} in all); every row needs a cluster id",
                file=data_path, line=int(lines[row]), col=col)
    if len(ids) == 1:
        codes, n = _factorize(frame[ids[0]].to_numpy())
        return Clustering(ids=(ids[0],), codes={2: codes}, n={2: n}, parent=None)

    a, b = ids
    ca, na = _factorize(frame[a].to_numpy())
    cb, nb = _factorize(frame[b].to_numpy())
    a_in_b, b_in_a = _nested(ca, cb), _nested(cb, ca)
    if a_in_b and (not b_in_a or na >= nb):
        (l2, c2, n2), (l3, c3, n3) = (a, ca, na), (b, cb, nb)
    elif b_in_a:
        (l2, c2, n2), (l3, c3, n3) = (b, cb, nb), (a, ca, na)
    else:
        raise BlimpDataError(
            f"CLUSTERID: neither '{a}' nor '{b}' is nested within the other: some '{a}' cluster "
            f"spans several '{b}' clusters and vice versa (level-2 ids must be unique across "
            f"level-3 clusters)", **loc)
    parent = np.empty(n2, dtype=np.int64)
    parent[c2] = c3
    return Clustering(ids=(l2, l3), codes={2: c2, 3: c3}, n={2: n2, 3: n3}, parent=parent)


def constant_within(frame: pd.DataFrame, codes: np.ndarray) -> pd.Series:
    """Per column: True when the observed values are constant within every cluster (NaN ignored)."""
    grouped = frame.groupby(codes, sort=False)
    lo, hi = grouped.min(), grouped.max()
    return ((lo == hi) | lo.isna()).all()


def detect_levels(frame: pd.DataFrame, clustering: Clustering | None) -> dict[str, int]:
    """Level (1, 2 or 3) of every column of ``frame``.

    Without clustering every variable is level 1. The identifiers themselves get their own level
    (level-2 id → 2, level-3 id → 3); they are not analysis variables, but a model may still use
    them in an expression such as ``(study == 1)``.
    """
    if clustering is None:
        return {name: 1 for name in frame.columns}
    const2 = constant_within(frame, clustering.codes[2])
    const3 = constant_within(frame, clustering.codes[3]) if 3 in clustering.codes else None
    levels: dict[str, int] = {}
    for name in frame.columns:
        if const3 is not None and const3[name]:
            levels[name] = 3
        elif const2[name]:
            levels[name] = 2
        else:
            levels[name] = 1
    for level, name in enumerate(clustering.ids, start=2):
        levels[name] = level
    return levels
