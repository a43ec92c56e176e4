"""The data stage on Blimp's own example data (../shared/blimp-examples; skipped when absent).

The scripts are read with the real parser and expanded (conftest.py), as ``blimp2pymc.load`` does.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from blimp2pymc.data import load_data
from blimp2pymc.errors import NotSupportedError

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "blimp-examples"
pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(),
                                reason=f"Blimp examples not available at {EXAMPLES}")


@pytest.fixture
def load(blimp):
    """``load("Ex6.3/Ex6.3a.imp")`` → Dataset of that example script."""
    return lambda rel: _load(blimp, rel)


def _load(parse_script, rel: str):
    path = EXAMPLES / rel
    if not path.is_file():
        pytest.skip(f"{path} not available")
    script = parse_script(path.read_text(encoding="utf-8-sig"), str(path))
    return load_data(script, str(path))


def data_information(rel: str) -> dict[str, int]:
    """Sample Size / Level-2 Clusters / Level-3 Clusters from a .blimp-out DATA INFORMATION."""
    text = (EXAMPLES / rel).read_text(encoding="utf-8", errors="replace")
    start = text.find("DATA INFORMATION")
    if start < 0:  # some outputs (e.g. FCS runs, Blimp 3 formats) have no such section
        return {}
    block = text[start:]
    return {key: int(value) for key, value in
            re.findall(r"^\s+(Sample Size|Level-2 Clusters|Level-3 Clusters):\s+(\d+)", block, re.M)}


def test_ex6_3a_two_levels(load):
    ds = load("Ex6.3/Ex6.3a.imp")
    assert ds.n_rows == 2680 and ds.n_clusters == {2: 132}
    assert ds.clusters == ("level2id",)
    assert ds.names[:5] == ("level1id", "level2id", "x1_i", "x2_i", "y_i")
    assert ds.missing_code == 999.0
    for name in ("x1_i", "x2_i", "y_i"):
        assert ds.level_of(name) == 1
    for name in ("d_j", "x3_j"):
        assert ds.level_of(name) == 2
    # Blimp's DATA INFORMATION: y_i 13.4 %, x1_i 3.9 %, x2_i 8.9 %, d_j 0 % missing
    # (the file writes the code as 999.0 in places: compared numerically)
    for name, pct in (("y_i", 13.4), ("x1_i", 3.9), ("x2_i", 8.9), ("d_j", 0.0)):
        assert round(100 * ds.missing_mask(name).mean(), 1) == pct
    assert ds.is_complete("d_j")
    assert not np.any(ds.frame.to_numpy() == 999.0)
    d = ds.cluster_values("d_j", 2)
    assert d.shape == (132,) and set(np.unique(d)) <= {0.0, 1.0}


def test_ex6_16a_three_levels_match_blimp_output(load):
    ds = load("Ex6.16/Ex6.16a.imp")
    info = data_information("Ex6.16/Ex6.16a.blimp-out")
    assert ds.n_rows == info["Sample Size"] == 6874           # last line has no newline
    assert ds.n_clusters == {2: info["Level-2 Clusters"], 3: info["Level-3 Clusters"]}
    assert ds.clusters == ("level2id", "level3id")
    assert ds.parent.shape == (982,)
    # the parent map agrees with the rows
    assert np.array_equal(ds.parent[ds.cluster_codes[2]], ds.cluster_codes[3])
    assert ds.level_of("y_i") == 1 and ds.level_of("time_i") == 1
    assert ds.level_of("v2_j") == 2 and ds.level_of("d_k") == 3 and ds.level_of("v8_k") == 3
    assert ds.cluster_values("d_k", 3).shape == (29,)


def test_ex6_21_bom_file(load):
    ds = load("Ex6.21/Ex6.21a.imp")
    info = data_information("Ex6.21/Ex6.21a.blimp-out")
    assert ds.n_rows == info["Sample Size"] == 822
    assert ds.n_clusters == {2: info["Level-2 Clusters"]} == {2: 180}
    assert ds.frame.iloc[0].tolist()[:3] == [1.0, 1.0, 0.0]
    assert ds.levels == {"level2id": 2, "time_i": 1, "y_i": 1, "d_j": 2, "x_j": 2}


def test_ex6_25a_transform_ln(load):
    ds = load("Ex6.25/Ex6.25a.imp")
    assert ds.n_rows == 19 and ds.n_clusters == {2: 19}   # one study per cluster
    assert ds.names[-1] == "log_varj"
    assert np.allclose(ds.column("log_varj"), np.log(ds.column("var_j")))
    assert ds.column("log_varj")[0] == pytest.approx(np.log(0.0156))
    assert ds.level_of("log_varj") == 2                    # singleton clusters: all level 2


def _scripts():
    if not EXAMPLES.is_dir():
        return []
    return sorted(p.relative_to(EXAMPLES).as_posix() for p in EXAMPLES.glob("*/*.imp")
                  if not p.name.endswith(".matched.imp"))


@pytest.mark.parametrize("rel", _scripts())
def test_every_example_loads(load, rel):
    """Every example reads (or is refused as not supported); cluster counts match Blimp's."""
    try:
        ds = load(rel)
    except NotSupportedError as exc:
        assert exc.feature in ("SIMULATE", "DROPOUT")
        return
    out = Path(rel).with_suffix(".blimp-out").as_posix()
    if (EXAMPLES / out).is_file():
        info = data_information(out)
        for level in (2, 3):
            if f"Level-{level} Clusters" in info:
                assert ds.n_clusters[level] == info[f"Level-{level} Clusters"]
        # Blimp drops rows whose analysis variables are all missing (spec stage): never more rows
        assert ds.n_rows >= info.get("Sample Size", 0)
