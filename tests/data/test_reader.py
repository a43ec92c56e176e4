"""Reading data files: formats, MISSING codes, header handling and the errors of malformed files."""

from __future__ import annotations

import numpy as np
import pytest

from blimp2pymc.data import Dataset, load_data
from blimp2pymc.errors import BlimpDataError, NotSupportedError

SCRIPT = "DATA: d.dat;\nVARIABLES: a b c;\nMISSING: 999;\n"


def values(ds: Dataset) -> np.ndarray:
    return ds.frame.to_numpy()


def same(a, b) -> bool:
    return np.array_equal(np.asarray(a, dtype=float), np.asarray(b, dtype=float), equal_nan=True)


EXPECTED = [[1, 2.5, np.nan], [4, -5, 0.2]]


@pytest.mark.parametrize("content", [
    "1 2.5 999\n4 -5 .2\n",                       # spaces
    "1\t2.5\t999\n4\t-5\t.2\n",                   # tabs
    "  1 \t 2.5   999  \n\t4 -5 0.2",            # mixed, leading blanks, no final newline
    "1 2.5 999\r\n4 -5 .2\r\n",                   # CRLF
    "\ufeff  1 2.5 999\n4 -5 .2\n",               # UTF-8 BOM (as in data26.dat)
    "1 2.5 999\n4 -5 .2\n\n  \n\n",               # trailing blank lines
    "1 2.5 999.0\n4 -5 2e-1\n",                   # 999.0 matches MISSING: 999
])
def test_whitespace_formats(run, content):
    ds = run(SCRIPT, {"d.dat": content})
    assert same(values(ds), EXPECTED)
    assert ds.names == ("a", "b", "c")
    assert ds.frame.dtypes.map(str).tolist() == ["float64"] * 3
    assert ds.missing_code == 999.0


def test_missing_code_decimal_in_script_matches_integer_in_file(run):
    ds = run("DATA: d.dat; VARIABLES: a b; MISSING: 999.0;", {"d.dat": "999 1\n2 -999\n"})
    assert same(values(ds), [[np.nan, 1], [2, -999]])


def test_negative_missing_code(run):
    ds = run("DATA: d.dat; VARIABLES: a b; MISSING: -99;", {"d.dat": "-99 1\n2 -99.00\n"})
    assert same(values(ds), [[np.nan, 1], [2, np.nan]])


def test_no_missing_command_keeps_values(run):
    ds = run("DATA: d.dat; VARIABLES: a b;", {"d.dat": "999 1\n2 3\n"})
    assert same(values(ds), [[999, 1], [2, 3]])
    assert ds.missing_code is None


def test_input_file_is_not_modified(run, tmp_path):
    content = b"\xef\xbb\xbf1 2 999\r\n4 5 6\r\n"
    run(SCRIPT, {"d.dat": content})
    assert (tmp_path / "d.dat").read_bytes() == content


def test_data_path_relative_to_script_directory(tmp_path, blimp, monkeypatch):
    sub = tmp_path / "scripts"
    (tmp_path / "data").mkdir()
    sub.mkdir()
    (tmp_path / "data" / "d.dat").write_text("1 2\n")
    script = blimp("DATA: ../data/d.dat; VARIABLES: a b;")
    monkeypatch.chdir(tmp_path)  # a different working directory must not matter
    ds = load_data(script, str(sub / "s.imp"))
    assert ds.path == str((tmp_path / "data" / "d.dat").resolve())
    assert same(values(ds), [[1, 2]])


def test_variable_names_keep_spelling_and_resolve_case_insensitively(run):
    ds = run("DATA: d.dat; VARIABLES: Y_i X1; MISSING: 999;", {"d.dat": "1 2\n999 4\n"})
    assert ds.names == ("Y_i", "X1")
    assert same(ds.column("y_I"), [1, np.nan])
    assert ds.resolve("x1") == "X1"
    assert ds.has("Y_I") and not ds.has("z")
    assert ds.missing_mask("y_i").tolist() == [False, True]
    assert not ds.is_complete("Y_i") and ds.is_complete("x1")
    with pytest.raises(KeyError, match="did you mean 'X1'"):
        ds.column("X2")


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------

def test_csv_with_header_and_no_variables(run):
    ds = run("DATA: d.csv; MISSING: NA;", {"d.csv": "x,Y\n1,NA\n,2.5\nNaN,3\n"})
    assert ds.names == ("x", "Y")
    assert same(values(ds), [[1, np.nan], [np.nan, 2.5], [np.nan, 3]])
    assert ds.missing_code == "NA"


def test_csv_with_header_variables_win(run):
    ds = run("DATA: d.csv; VARIABLES: a b; MISSING: NA;", {"d.csv": "x,y\r\n1,2\r\n3,NA\r\n"})
    assert ds.names == ("a", "b")
    assert same(values(ds), [[1, 2], [3, np.nan]])


def test_csv_quoted_header_and_spaces(run):
    ds = run("DATA: d.csv; MISSING: NA;", {"d.csv": '"x", "y"\n1, 2\n'})
    assert ds.names == ("x", "y")
    assert same(values(ds), [[1, 2]])


def test_csv_without_header(run):
    ds = run("DATA: d.csv; VARIABLES: a b; MISSING: 999;", {"d.csv": "1,999\n3,4\n"})
    assert same(values(ds), [[1, np.nan], [3, 4]])


def test_csv_first_row_with_na_is_data_not_header(run):
    ds = run("DATA: d.csv; VARIABLES: a b; MISSING: NA;", {"d.csv": "NA,1\n2,NA\n"})
    assert same(values(ds), [[np.nan, 1], [2, np.nan]])


def test_csv_header_count_mismatch(run):
    with pytest.raises(BlimpDataError) as err:
        run("DATA: d.csv;\nVARIABLES: a b c;", {"d.csv": "x,y\n1,2\n"})
    assert err.value.line == 2 and err.value.col == 12
    assert "VARIABLES names 3 columns but the header of d.csv has 2" in err.value.message


def test_csv_header_only(run):
    with pytest.raises(BlimpDataError, match="header but no data rows"):
        run("DATA: d.csv;", {"d.csv": "x,y\n"})


def test_csv_duplicate_header_name(run):
    with pytest.raises(BlimpDataError, match="'X' appears twice") as err:
        run("DATA: d.csv;", {"d.csv": "x,X\n1,2\n"})
    assert (err.value.line, err.value.col) == (1, 2)


def test_no_variables_and_no_header(run):
    with pytest.raises(BlimpDataError, match="no VARIABLES command and d.dat has no header") as err:
        run("MISSING: 999;\nDATA: d.dat;", {"d.dat": "1 2\n"})
    assert (err.value.line, err.value.col) == (2, 7)


def test_na_text_with_numeric_code_is_an_error(run):
    with pytest.raises(BlimpDataError, match="non-numeric value 'NA' in row 2, column 1") as err:
        run("DATA: d.csv; VARIABLES: a b; MISSING: 999;", {"d.csv": "1,2\nNA,3\n"})
    assert "MISSING: NA" in err.value.message
    assert (err.value.line, err.value.col) == (2, 1)


# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------

def test_missing_file(run, tmp_path):
    with pytest.raises(BlimpDataError) as err:
        run("VARIABLES: a;\n  DATA: nothere.dat;")
    e = err.value
    assert "nothere.dat" in e.message and "not found" in e.message
    assert str(tmp_path / "nothere.dat") in e.message
    assert (e.line, e.col) == (2, 9)
    assert e.file.endswith("script.imp")


def test_no_data_command(run):
    with pytest.raises(BlimpDataError, match="no DATA command"):
        run("VARIABLES: a;")


def test_row_with_too_few_fields(run):
    with pytest.raises(BlimpDataError) as err:
        run(SCRIPT, {"d.dat": "1 2 3\n4 5 6\n7 8\n"})
    e = err.value
    assert e.line == 3 and e.file.endswith("d.dat")
    assert "row 3" in e.message and "has 2 fields but 3 variables are expected" in e.message


def test_row_with_too_many_fields_counts_skipped_blank_lines(run):
    with pytest.raises(BlimpDataError) as err:
        run(SCRIPT, {"d.dat": "1 2 3\n\n4 5 6 7\n"})
    assert err.value.line == 3
    assert "has 4 fields but 3" in err.value.message


def test_bom_is_not_a_field(run):
    ds = run("DATA: d.dat; VARIABLES: a b;", {"d.dat": "\ufeff  1   2\n3 4\n"})
    assert same(values(ds), [[1, 2], [3, 4]])


def test_non_numeric_cell(run):
    with pytest.raises(BlimpDataError) as err:
        run(SCRIPT, {"d.dat": "1 2 3\n4 five 6\n"})
    e = err.value
    assert (e.line, e.col) == (2, 2)
    assert "non-numeric value 'five' in row 2, column 2" in e.message


@pytest.mark.parametrize("cell", ["nan", "inf", "1_000", "1,5"])
def test_python_float_spellings_are_rejected(run, cell):
    with pytest.raises(BlimpDataError, match="non-numeric"):
        run(SCRIPT, {"d.dat": f"1 2 {cell}\n"})


@pytest.mark.parametrize("content", ["", "\n\n  \n", "\ufeff\r\n"])
def test_empty_file(run, content):
    with pytest.raises(BlimpDataError, match="d.dat is empty"):
        run(SCRIPT, {"d.dat": content})


def test_duplicate_variable_name(run):
    with pytest.raises(BlimpDataError, match="'A' is listed twice"):
        run("DATA: d.dat; VARIABLES: a b A;", {"d.dat": "1 2 3\n"})


def test_simulate_not_supported(run):
    with pytest.raises(NotSupportedError) as err:
        run("SIMULATE: n = 10;\nVARIABLES: x;")
    assert err.value.message == "not supported yet: SIMULATE"
    assert err.value.feature == "SIMULATE" and err.value.line == 1


def test_dropout_not_supported(run):
    with pytest.raises(NotSupportedError) as err:
        run("DATA: d.dat; VARIABLES: a b;\nDROPOUT: m = b;", {"d.dat": "1 2\n"})
    assert err.value.message == "not supported yet: DROPOUT"
    assert err.value.line == 2


@pytest.mark.parametrize("cell", ["1e400", "-1E309"])
def test_number_too_large_for_a_float(run, cell):
    with pytest.raises(BlimpDataError) as err:
        run(SCRIPT, {"d.dat": f"1 2 3\n4 5 6\n7 {cell} 9\n"})
    e = err.value
    assert (e.line, e.col) == (3, 2) and e.file.endswith("d.dat")
    assert f"value '{cell}' in row 3, column 2 of {e.file} is too large to be a number" == e.message


@pytest.mark.parametrize("content", [
    b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",              # a zipped .xlsx
    b"1 2 3\n4 5 6\n\x00\x00\x00\x01\x02",                             # NUL bytes in line 3
])
def test_binary_file_is_refused(run, content):
    with pytest.raises(BlimpDataError) as err:
        run(SCRIPT, {"d.dat": content})
    e = err.value
    assert e.file.endswith("d.dat") and e.col is None
    assert e.line == content[:content.index(b"\x00")].count(b"\n") + 1
    assert f"data file {e.file} is not a text file (binary data in line {e.line})" in e.message
    assert ".dat" in e.message and ".csv" in e.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_text_with_bom(run, encoding):
    content = ("\ufeff" if encoding.endswith("be") else "") + "1\t2.5\t999\r\n4\t-5\t.2\r\n"
    ds = run(SCRIPT, {"d.dat": content.encode(encoding)})
    assert same(values(ds), EXPECTED)


def test_header_row_in_whitespace_file_gets_a_hint(run):
    with pytest.raises(BlimpDataError) as err:
        run(SCRIPT, {"d.dat": "a b c.1\n1 2 3\n"})
    e = err.value
    assert (e.line, e.col) == (1, 1)
    assert "non-numeric value 'a' in row 1, column 1" in e.message
    assert "looks like a header" in e.message and ".csv" in e.message


def test_text_in_a_later_row_gets_no_header_hint(run):
    with pytest.raises(BlimpDataError) as err:
        run(SCRIPT, {"d.dat": "1 2 3\na b c\n"})
    assert "header" not in err.value.message
    assert (err.value.line, err.value.col) == (2, 1)
