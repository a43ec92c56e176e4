"""The data a Blimp script analyses, as the spec and backend stages see it.

``Dataset`` is what ``load_data`` returns: the numeric table (NaN for missing values, TRANSFORM
columns appended), where it came from, the cluster structure (integer codes per level, the
level-2 → level-3 map) and the level of every variable. Name look-ups are case-insensitive, as in
Blimp, while ``names`` keeps the spelling of VARIABLES / the header / TRANSFORM.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from blimp2pymc.data.names import did_you_mean


@dataclass(frozen=True, eq=False)
class Dataset:
    """A loaded data set.

    Attributes:
        frame: float64 DataFrame, one row per data row, NaN for missing; columns in file order,
            then TRANSFORM-created columns.
        path: resolved path of the data file.
        names: column names (same order as ``frame.columns``).
        clusters: cluster identifier names, level 2 first then level 3 (empty: single level).
        cluster_codes: level → int64 array with the 0-based cluster code of every row
            (codes in order of first appearance).
        n_clusters: level → number of clusters.
        parent: for three-level data, level-2 code → level-3 code; else None.
        levels: name → 1, 2 or 3 (detected from the data; the identifiers get 2 and 3).
        time: TIMEID variable name or None.
        missing_code: the MISSING code: a float, ``"NA"``, or None when no MISSING was given.
        lines: data-file line (1-based) of every row, for error messages of later stages.
    """

    frame: pd.DataFrame
    path: str
    names: tuple[str, ...]
    clusters: tuple[str, ...] = ()
    cluster_codes: dict[int, np.ndarray] = field(default_factory=dict)
    n_clusters: dict[int, int] = field(default_factory=dict)
    parent: np.ndarray | None = None
    levels: dict[str, int] = field(default_factory=dict)
    time: str | None = None
    missing_code: float | str | None = None
    lines: np.ndarray | None = None

    # -- name resolution ---------------------------------------------------------------------

    @cached_property
    def _lookup(self) -> dict[str, str]:
        return {n.lower(): n for n in self.names}

    def resolve(self, name: str) -> str | None:
        """The column spelling for ``name`` (case-insensitive), or None if there is no such column."""
        return self._lookup.get(name.lower())

    def has(self, name: str) -> bool:
        """True when ``name`` is a column (case-insensitive)."""
        return self.resolve(name) is not None

    def _name(self, name: str) -> str:
        resolved = self.resolve(name)
        if resolved is None:
            raise KeyError(f"no variable '{name}' in {self.path}" + did_you_mean(name, self.names))
        return resolved

    # -- columns -------------------------------------------------------------------------------

    @property
    def n_rows(self) -> int:
        """Number of data rows."""
        return len(self.frame)

    @property
    def n_levels(self) -> int:
        """1 (no CLUSTERID), 2 or 3."""
        return 1 + len(self.clusters)

    def column(self, name: str) -> np.ndarray:
        """The values of a column (float64, NaN for missing)."""
        return self.frame[self._name(name)].to_numpy()

    def level_of(self, name: str) -> int:
        """Level (1, 2 or 3) of a column."""
        return self.levels[self._name(name)]

    def missing_mask(self, name: str) -> np.ndarray:
        """Boolean array, True where the column is missing."""
        return np.isnan(self.column(name))

    def is_complete(self, name: str) -> bool:
        """True when the column has no missing value."""
        return not self.missing_mask(name).any()

    def cluster_id(self, level: int) -> str:
        """Name of the identifier of level 2 or 3."""
        if level not in (2, 3) or level - 2 >= len(self.clusters):
            raise ValueError(f"the data have no level {level}")
        return self.clusters[level - 2]

    def cluster_values(self, name: str, level: int) -> np.ndarray:
        """One value per cluster of ``level`` (2 or 3) for a variable constant within those
        clusters, in cluster-code order; NaN where the cluster's value is missing.

        Raises ValueError when the variable varies within a cluster of that level."""
        resolved = self._name(name)
        if level not in self.cluster_codes:
            raise ValueError(f"the data have no level {level}")
        if self.levels[resolved] < level:
            raise ValueError(f"'{resolved}' is a level-{self.levels[resolved]} variable; it varies "
                             f"within level-{level} clusters")
        codes = self.cluster_codes[level]
        values = pd.Series(self.frame[resolved].to_numpy()).groupby(codes).first()
        return values.reindex(range(self.n_clusters[level])).to_numpy(dtype=np.float64)

    def __repr__(self) -> str:
        shape = f"{self.n_rows} rows × {len(self.names)} columns"
        clusters = ", ".join(f"{c}: {self.n_clusters[lv]} clusters"
                             for lv, c in enumerate(self.clusters, start=2))
        return f"Dataset({self.path!r}, {shape}{', ' + clusters if clusters else ''})"
