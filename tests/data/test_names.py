"""Names in ORDINAL / NOMINAL / COUNT / FIXED / CLUSTERID / TIMEID / WEIGHT / CENTER must be columns."""

from __future__ import annotations

import pytest

from blimp2pymc.errors import BlimpDataError

DATA = {"d.dat": "1 1 2 0 1\n1 2 3 1 1\n2 3 4 0 2\n"}
HEAD = "DATA: d.dat;\nVARIABLES: level2id x1_i y_i d_j wgt;\n"


@pytest.mark.parametrize("command", ["ORDINAL", "NOMINAL", "COUNT", "FIXED", "CLUSTERID",
                                     "TIMEID", "WEIGHT", "CENTER"])
def test_unknown_name_with_suggestion(run, command):
    with pytest.raises(BlimpDataError) as err:
        run(HEAD + f"{command}:   x1_j;", DATA)
    e = err.value
    assert (e.line, e.col) == (3, len(command) + 5)
    assert e.file.endswith("script.imp")
    assert f"{command}: 'x1_j' is not a variable in d.dat; did you mean 'x1_i'?" == e.message


def test_no_suggestion_when_nothing_is_close(run):
    with pytest.raises(BlimpDataError) as err:
        run(HEAD + "ORDINAL: d_j qqqqqq;", DATA)
    assert err.value.message == "ORDINAL: 'qqqqqq' is not a variable in d.dat"


def test_error_at_the_name_that_wrote_it(run):
    with pytest.raises(BlimpDataError) as err:
        run(HEAD + "CENTER:\n  groupmean = x1_i;\n  grandmean = y_i D_k;", DATA)
    assert (err.value.line, err.value.col) == (5, 19)
    assert "'D_k'" in err.value.message and "did you mean 'd_j'" in err.value.message
    assert err.value.source_line == "  grandmean = y_i D_k;"


@pytest.mark.parametrize("text, line, col, bad", [("ORDINAL: d_j x1_i  y_k;", 3, 20, "y_k"),
                                                  ("FIXED: x1_i;   d_j y2_i;", 3, 20, "y2_i"),
                                                  ("COUNT: y_i\n  x1_i wgtt;", 4, 8, "wgtt")])
def test_error_at_the_name_in_a_list(run, text, line, col, bad):
    with pytest.raises(BlimpDataError) as err:
        run(HEAD + text, DATA)
    e = err.value
    assert (e.line, e.col) == (line, col)
    assert e.message.startswith(f"{text.split(':')[0]}: '{bad}' is not a variable in d.dat")


def test_duplicate_variable_at_the_second_spelling(run):
    with pytest.raises(BlimpDataError) as err:
        run("DATA: d.dat;\nVARIABLES: a b\n   c A;", DATA)
    assert (err.value.line, err.value.col) == (3, 6)
    assert err.value.message == "VARIABLES: 'A' is listed twice"


def test_case_insensitive_names_suffixes_and_latents_are_accepted(run):
    ds = run(HEAD + "ORDINAL: D_J; NOMINAL: d_j; COUNT: Y_I; FIXED: X1_I;\nCLUSTERID: LEVEL2ID;\n"
             "WEIGHT: WGT;\nLATENT: level2id = beta0_j; eta;\n"
             "CENTER: groupmean = x1_i; grandmean = x1_i.mean beta0_j eta y_i.lag;", DATA)
    assert ds.clusters == ("level2id",)


def test_cluster_id_must_be_a_column_not_a_latent(run):
    with pytest.raises(BlimpDataError, match="CLUSTERID: 'eta' is not a variable"):
        run(HEAD + "LATENT: eta;\nCLUSTERID: eta;", DATA)


def test_suffix_of_unknown_variable(run):
    with pytest.raises(BlimpDataError, match="'x2_i.mean' is not a variable"):
        run(HEAD + "CENTER: grandmean = x2_i.mean;", DATA)


def test_transform_names_count_as_columns(run):
    ds = run(HEAD + "ORDINAL: m;\nTRANSFORM: m = ismissing(y_i);\nFIXED: m;", DATA)
    assert ds.has("m")
