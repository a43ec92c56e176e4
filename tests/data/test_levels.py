"""Cluster coding (CLUSTERID with one or two ids) and level detection."""

from __future__ import annotations

import numpy as np
import pytest

from blimp2pymc.errors import BlimpDataError

NAN = np.nan


def same(a, b) -> bool:
    return np.array_equal(np.asarray(a, dtype=float), np.asarray(b, dtype=float), equal_nan=True)


def rows(*lines) -> str:
    return "\n".join(" ".join(str(v) for v in line) for line in lines) + "\n"


# id, x (level 1), w (level 2 with a missing value), c (level 2, missing in a whole cluster)
TWO = rows(
    (30, 1.0, 5, 999),
    (10, 2.0, 7, 1),
    (30, 3.0, 999, 999),
    (20, 4.0, 6, 2),
    (10, 5.0, 7, 1),
    (20, 6.0, 6, 2),
)


def test_single_level(run):
    ds = run("DATA: d.dat; VARIABLES: id x w c; MISSING: 999;", {"d.dat": TWO})
    assert ds.clusters == () and ds.cluster_codes == {} and ds.n_clusters == {}
    assert ds.parent is None and ds.n_levels == 1
    assert ds.levels == {"id": 1, "x": 1, "w": 1, "c": 1}


def test_two_levels_unsorted_noncontiguous_ids(run):
    ds = run("DATA: d.dat; VARIABLES: id x w c; MISSING: 999;\nCLUSTERID: ID;", {"d.dat": TWO})
    assert ds.clusters == ("id",) and ds.n_levels == 2
    assert ds.cluster_codes[2].tolist() == [0, 1, 0, 2, 1, 2]
    assert ds.cluster_codes[2].dtype == np.int64
    assert ds.n_clusters == {2: 3}
    assert ds.parent is None
    assert ds.levels == {"id": 2, "x": 1, "w": 2, "c": 2}
    assert ds.level_of("W") == 2 and ds.cluster_id(2) == "id"
    assert same(ds.cluster_values("w", 2), [5, 7, 6])
    assert same(ds.cluster_values("c", 2), [NAN, 1, 2])
    with pytest.raises(ValueError, match="level-1 variable"):
        ds.cluster_values("x", 2)
    with pytest.raises(ValueError, match="no level 3"):
        ds.cluster_values("w", 3)


def test_transform_columns_get_levels(run):
    ds = run("DATA: d.dat; VARIABLES: id x w c; MISSING: 999;\nCLUSTERID: id;\n"
             "TRANSFORM: lw = ln(w); xw = x * w;", {"d.dat": TWO})
    assert ds.levels["lw"] == 2 and ds.levels["xw"] == 1


def test_singleton_clusters_make_everything_level_2(run):
    ds = run("DATA: d.dat; VARIABLES: study es; CLUSTERID: study;", {"d.dat": rows((1, .3), (2, .5))})
    assert ds.n_clusters == {2: 2} and ds.levels == {"study": 2, "es": 2}


# school (level 3), class (level 2, unique across schools), y (1), t (class level), s (school level)
THREE = rows(
    (7, 21, 1.0, 0, 100),
    (5, 11, 2.0, 1, 200),
    (7, 22, 3.0, 1, 100),
    (7, 21, 4.0, 0, 100),
    (5, 11, 5.0, 1, 999),
    (5, 12, 6.0, 0, 200),
    (7, 22, 7.0, 1, 100),
)


@pytest.mark.parametrize("order", ["school class", "class school"])
def test_three_levels_either_order(run, order):
    ds = run(f"DATA: d.dat; VARIABLES: school class y t s; MISSING: 999;\nCLUSTERID: {order};",
             {"d.dat": THREE})
    assert ds.clusters == ("class", "school") and ds.n_levels == 3
    assert ds.cluster_codes[2].tolist() == [0, 1, 2, 0, 1, 3, 2]
    assert ds.cluster_codes[3].tolist() == [0, 1, 0, 0, 1, 1, 0]
    assert ds.n_clusters == {2: 4, 3: 2}
    assert ds.parent.tolist() == [0, 1, 0, 1]
    assert ds.levels == {"school": 3, "class": 2, "y": 1, "t": 2, "s": 3}
    assert same(ds.cluster_values("s", 3), [100, 200])
    assert same(ds.cluster_values("s", 2), [100, 200, 100, 200])
    assert same(ds.cluster_values("t", 2), [0, 1, 1, 0])
    with pytest.raises(ValueError):
        ds.cluster_values("t", 3)


def test_neither_id_nested(run):
    # class numbers restart in every school: class 1 lies in two schools
    data = rows((1, 1, 0.5), (1, 2, 0.1), (2, 1, 0.2), (2, 2, 0.3), (2, 2, 0.4))
    with pytest.raises(BlimpDataError) as err:
        run("DATA: d.dat; VARIABLES: school class y;\nCLUSTERID: school class;", {"d.dat": data})
    e = err.value
    assert "neither 'school' nor 'class' is nested" in e.message
    assert (e.line, e.col) == (2, 12) and e.file.endswith("script.imp")


def test_missing_cluster_id(run):
    data = rows((0.5, 1), (0.1, 1), (0.2, 999), (0.3, 2), (1.0, 999))
    with pytest.raises(BlimpDataError) as err:
        run("DATA: d.dat; VARIABLES: y id; MISSING: 999;\nCLUSTERID: id;", {"d.dat": data})
    e = err.value
    assert (e.line, e.col) == (3, 2) and e.file.endswith("d.dat")
    assert "cluster identifier 'id' is missing in row 3, column 2" in e.message
    assert "2 rows" in e.message


def test_time_id_is_recorded(run):
    ds = run("DATA: d.dat; VARIABLES: id Time y; CLUSTERID: id; TIMEID: time;",
             {"d.dat": rows((1, 0, 2), (1, 1, 3), (2, 0, 4))})
    assert ds.time == "Time"
    assert ds.levels["Time"] == 1


def test_too_many_cluster_ids(run):
    with pytest.raises(BlimpDataError, match="at most two cluster identifiers"):
        run("DATA: d.dat; VARIABLES: a b c; CLUSTERID: a b c;", {"d.dat": rows((1, 1, 1))})
