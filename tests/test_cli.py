"""The command line: bad input gives one clear error, never a traceback.

The rule (README): an error in a script is printed as ``FILE:LINE:COL: message`` (followed by the
script line and a caret), an error in a data file as ``FILE:ROW:COL: message`` (``FILE:ROW:`` when
the whole row is wrong), on stderr with exit status 2; Blimp features that are not translated yet
say ``not supported yet: …``. ``translate`` runs syntax → data → spec → codegen without sampling,
so every case here is fast; nothing in this file fits a model.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from blimp2pymc.cli import main

# id (level 2), row, y, x (one value missing), b (binary)
DATA = ("1 1 0.5 1.2 0\n"
        "1 2 0.1 0.3 1\n"
        "2 3 0.2 999 0\n"
        "2 4 0.3 0.9 1\n"
        "3 5 0.4 1.1 0\n"
        "3 6 0.8 0.2 1\n")
HEAD = "DATA: d.dat;\nVARIABLES: id row y x b;\nMISSING: 999;\nCLUSTERID: id;\n"   # lines 1-4
GOOD = HEAD + "MODEL: y ~ x b;\nSEED: 5;\nBURN: 50;\nITER: 50;\n"


@pytest.fixture
def project(tmp_path):
    """``project(script, {name: content}, name="s.imp")`` writes the script (and ``d.dat`` unless
    ``files`` replaces it) into tmp_path; returns the script path as a string."""
    def _project(script: str, files: dict | None = None, name: str = "s.imp") -> str:
        for fname, content in ({"d.dat": DATA} if files is None else files).items():
            path = tmp_path / fname
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        script_path = tmp_path / name
        script_path.write_text(script, encoding="utf-8")
        return str(script_path)
    return _project


@pytest.fixture
def cli(capsys):
    """``cli("translate", path)`` → (exit status, stdout, stderr)."""
    def _cli(*argv: str):
        status = main(list(argv))
        captured = capsys.readouterr()
        return status, captured.out, captured.err
    return _cli


def data_file(tmp_path: Path, name: str = "d.dat") -> str:
    """How the data stage names a data file in its errors: the resolved path."""
    return str((tmp_path / name).resolve())


def expect_error(result, prefix: str, *words: str,
                 caret: tuple[str, int | None] | None = None) -> str:
    """Exit status 2, nothing on stdout, one ``prefix`` error line containing ``words`` on stderr,
    no traceback; with ``caret=(source line, col)`` the script line and a caret under ``col``
    (anywhere when ``col`` is None)."""
    status, out, err = result
    assert "Traceback" not in err
    assert status == 2, err
    assert out == ""
    lines = err.rstrip("\n").split("\n")
    assert lines[0].startswith(prefix), lines[0]
    for word in words:
        assert word in lines[0], (word, lines[0])
    if caret is None:
        assert len(lines) == 1, err
    else:
        source, col = caret
        assert lines[1] == "    " + source, err
        if col is None:     # anywhere on the line
            assert len(lines) == 3 and lines[2].strip() == "^", err
        else:
            assert lines[2:] == ["    " + " " * (col - 1) + "^"], err
    return lines[0]


# -------------------------------------------------------------------------------------------------
# Data files
# -------------------------------------------------------------------------------------------------

def test_missing_data_file(cli, project, tmp_path):
    s = project("DATA: nothere.dat;\nVARIABLES: a b;\nMODEL: a ~ b;\n", files={})
    line = expect_error(cli("translate", s), f"{s}:1:7: ", caret=("DATA: nothere.dat;", 7))
    assert line == (f"{s}:1:7: data file {data_file(tmp_path, 'nothere.dat')} not found "
                    "(DATA: nothere.dat)")


def test_data_path_is_a_directory(cli, project, tmp_path):
    (tmp_path / "sub").mkdir()
    s = project("DATA: sub;\nVARIABLES: a b;\nMODEL: a ~ b;\n", files={})
    expect_error(cli("translate", s), f"{s}:1:7: ", "is a directory, not a file",
                 caret=("DATA: sub;", 7))


@pytest.mark.parametrize("content, n", [
    ("1 1 0.5 1.2 0\n1 2 0.1 0.3 1\n2 3 0.2 0.2 0 7\n", 6),        # too many fields
    ("1 1 0.5 1.2 0\n1 2 0.1 0.3 1\n2 3 0.2 0.2\n", 4),            # too few fields
])
def test_row_with_wrong_number_of_fields(cli, project, tmp_path, content, n):
    s = project(HEAD + "MODEL: y ~ x;\n", {"d.dat": content})
    d = data_file(tmp_path)
    line = expect_error(cli("translate", s), f"{d}:3: ")
    assert line == f"{d}:3: row 3 of {d} has {n} fields but 5 variables are expected"


def test_row_numbers_count_blank_lines(cli, project, tmp_path):
    s = project(HEAD + "MODEL: y ~ x;\n", {"d.dat": "1 1 0.5 1.2 0\n\n\n1 2 0.1 0.3\n"})
    d = data_file(tmp_path)
    expect_error(cli("translate", s), f"{d}:4: ", "row 4 of", "has 4 fields but 5 variables")


def test_non_numeric_cell(cli, project, tmp_path):
    s = project(HEAD + "MODEL: y ~ x;\n", {"d.dat": "1 1 0.5 1.2 0\n1 2 0.1 abc 1\n"})
    d = data_file(tmp_path)
    line = expect_error(cli("translate", s), f"{d}:2:4: ")
    assert line == f"{d}:2:4: non-numeric value 'abc' in row 2, column 4 of {d}"


def test_comma_separated_dat_file(cli, project, tmp_path):
    s = project(HEAD + "MODEL: y ~ x;\n", {"d.dat": "1,1,0.5,1.2,0\n"})
    d = data_file(tmp_path)
    expect_error(cli("translate", s), f"{d}:1: ", "has 1 fields but 5 variables")


def test_header_row_in_a_dat_file(cli, project, tmp_path):
    s = project(HEAD + "MODEL: y ~ x;\n", {"d.dat": "id row y x b\n" + DATA})
    d = data_file(tmp_path)
    expect_error(cli("translate", s), f"{d}:1:1: ", "non-numeric value 'id' in row 1, column 1",
                 "looks like a header", ".csv")


def test_number_too_large(cli, project, tmp_path):
    s = project(HEAD + "MODEL: y ~ x;\n", {"d.dat": DATA + "4 7 0.1 1e999 0\n"})
    d = data_file(tmp_path)
    expect_error(cli("translate", s), f"{d}:7:4: ", "'1e999'", "row 7, column 4",
                 "too large to be a number")


def test_binary_data_file(cli, project, tmp_path):
    s = project("DATA: d.xlsx;\nVARIABLES: a b;\nMODEL: a ~ b;\n",
                {"d.xlsx": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"})
    d = data_file(tmp_path, "d.xlsx")
    expect_error(cli("translate", s), f"{d}:1: ", "is not a text file", ".dat", ".csv")


def test_empty_data_file(cli, project, tmp_path):
    s = project(HEAD + "MODEL: y ~ x;\n", {"d.dat": "\n  \n"})
    d = data_file(tmp_path)
    expect_error(cli("translate", s), f"{d}: ", "is empty")


def test_missing_cluster_id_value(cli, project, tmp_path):
    s = project(HEAD + "MODEL: y ~ x;\n", {"d.dat": DATA + "999 7 0.1 0.2 0\n"})
    d = data_file(tmp_path)
    expect_error(cli("translate", s), f"{d}:7:1: ", "cluster identifier 'id' is missing in row 7")


def test_two_cluster_ids_neither_nested(cli, project):
    # class numbers restart in every school: class 1 lies in two schools and vice versa
    s = project("DATA: n.dat;\nVARIABLES: school class y;\nCLUSTERID: school class;\n"
                "MODEL: y ~ 1;\n",
                {"n.dat": "1 1 0.5\n1 2 0.1\n2 1 0.2\n2 2 0.3\n2 2 0.4\n"})
    expect_error(cli("translate", s), f"{s}:3:12: ",
                 "CLUSTERID: neither 'school' nor 'class' is nested within the other",
                 caret=("CLUSTERID: school class;", 12))


# -------------------------------------------------------------------------------------------------
# Names that are not columns or not variables
# -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("statement, col, bad, hint", [
    ("ORDINAL: b bb;", 12, "bb", "; did you mean 'b'?"),
    ("FIXED: xx;", 8, "xx", "; did you mean 'x'?"),
    ("CENTER: groupmean = x z;", 23, "z", ""),
    ("CENTER: grandmean = xq.mean;", 21, "xq.mean", ""),
])
def test_name_list_names_a_missing_column(cli, project, statement, col, bad, hint):
    s = project(HEAD + statement + "\nMODEL: y ~ x;\n")
    command = statement.split(":")[0]
    line = expect_error(cli("translate", s), f"{s}:5:{col}: ", caret=(statement, col))
    assert line == f"{s}:5:{col}: {command}: '{bad}' is not a variable in d.dat{hint}"


def test_cluster_id_is_not_a_column(cli, project):
    s = project("DATA: d.dat;\nVARIABLES: id row y x b;\nCLUSTERID: idd;\nMODEL: y ~ x;\n")
    line = expect_error(cli("translate", s), f"{s}:3:12: ", caret=("CLUSTERID: idd;", 12))
    assert line.endswith("CLUSTERID: 'idd' is not a variable in d.dat; did you mean 'id'?")


@pytest.mark.parametrize("model, col, words", [
    ("MODEL: y ~ x zz;", 14, ("unknown variable 'zz'",)),
    ("MODEL: yy ~ x;", 8, ("unknown outcome variable 'yy'",)),
])
def test_model_names_an_unknown_variable(cli, project, model, col, words):
    s = project(HEAD + model + "\n")
    expect_error(cli("translate", s), f"{s}:5:{col}: ", *words, caret=(model, col))


def test_random_slope_that_is_not_a_predictor(cli, project):
    s = project(HEAD + "MODEL: y ~ x | b;\n")
    expect_error(cli("translate", s), f"{s}:5:16: ",
                 "random slope 'b' must also be a predictor", "'y'",
                 caret=("MODEL: y ~ x | b;", 16))


def test_transform_unknown_function(cli, project):
    s = project(HEAD + "TRANSFORM: c = foo(x);\nMODEL: y ~ x;\n")
    expect_error(cli("translate", s), f"{s}:5:12: ", "TRANSFORM: unknown function 'foo'",
                 caret=("TRANSFORM: c = foo(x);", 12))


# -------------------------------------------------------------------------------------------------
# Valid Blimp that is not a valid model here
# -------------------------------------------------------------------------------------------------

def test_fixed_variable_with_missing_values_is_located(cli, project):
    s = project(HEAD + "FIXED: x;\nMODEL: y ~ x;\n")
    expect_error(cli("translate", s), f"{s}:5:8: ", "FIXED variable 'x' has missing values",
                 "only complete variables can be FIXED", caret=("FIXED: x;", 8))


@pytest.mark.parametrize("declare", ["", "ORDINAL: y;\n"])
def test_logit_of_a_non_binary_variable(cli, project, declare):
    s = project(HEAD + declare + "MODEL: logit(y) ~ x;\n")
    line = 5 + declare.count("\n")
    expect_error(cli("translate", s), f"{s}:{line}:8: ", "logit()", "'y'",
                 "not a binary ORDINAL variable", caret=("MODEL: logit(y) ~ x;", 8))


@pytest.mark.parametrize("tail, line, col, feature", [
    ("LATENT: id = eta;\nMODEL: y ~ x;\n", 5, 1, "LATENT variables"),
    ("MODEL: y ~ x; var(y) ~ b;\n", 5, 15, "var()"),
    ("MODEL: y ~ x; y ~~ b;\n", 5, 15, "covariance statements ('~~')"),
    ("MODEL: y ~ x;\nSAVE: stacked = imps.dat;\n", 6, 1, "SAVE"),
    ("MODEL: y ~ x;\nOPTIONS: hev;\n", 6, 10, "OPTIONS hev"),
    ("NOMINAL: b;\nMODEL: b ~ x;\n", 6, 8, "NOMINAL outcomes ('b')"),
    ("MODEL: y ~ x@b1;\nPARAMETERS: b1 ~ truncate(0, inf);\n", 6, 13, "truncate()"),
    ("WEIGHT: x;\nMODEL: y ~ b;\n", 5, 1, "WEIGHT"),
    ("DROPOUT: m = y;\nMODEL: y ~ x;\n", 5, 1, "DROPOUT"),
])
def test_unsupported_feature(cli, project, tmp_path, tail, line, col, feature):
    s = project(HEAD + tail)
    source = (HEAD + tail).split("\n")[line - 1]
    first = expect_error(cli("translate", s), f"{s}:{line}:{col}: not supported yet: ", feature,
                         caret=(source, col))
    assert first.count("not supported yet") == 1
    assert not (tmp_path / "imps.dat").exists()


# -------------------------------------------------------------------------------------------------
# Scripts that are not Blimp
# -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("model, col, words", [
    ("MODEL: y ~ x +;", 14, ("unexpected '+'",)),
    ("MODEL: y ~ (x;", 12, ("unbalanced parentheses", "')'")),
    ("MODLE: y ~ x;", 1, ("unknown command 'MODLE'", "MODEL")),
    ("MODEL: y ~ x", 13, ("missing ';'",)),
])
def test_syntax_error(cli, project, model, col, words):
    s = project(HEAD + model + "\n")
    for command in ("translate", "parse"):
        expect_error(cli(command, s), f"{s}:5:{col}: ", *words, caret=(model, col))


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n   \n"])
def test_empty_script(cli, project, text):
    s = project(text)
    for command in ("translate", "parse"):
        status, out, err = cli(command, s)
        assert status == 2 and out == "" and "Traceback" not in err
        assert err.startswith(f"{s}:1:1: the script is empty")


def test_missing_script(cli, tmp_path):
    s = str(tmp_path / "nothere.imp")
    for command in ("translate", "parse"):
        line = expect_error(cli(command, s), f"{s}: ")
        assert line == f"{s}: cannot read the script: No such file or directory"


def test_script_that_is_binary(cli, project, tmp_path):
    (tmp_path / "b.imp").write_bytes(b"DATA: d.dat;\x00\x01\x02")
    status, out, err = cli("translate", str(tmp_path / "b.imp"))
    assert status == 2 and out == "" and "Traceback" not in err
    assert err.startswith(f"{tmp_path / 'b.imp'}:") and "not a text script" in err


def test_usage_errors_come_from_argparse(cli, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["translate"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "usage: blimp2pymc translate" in err and "Traceback" not in err


# -------------------------------------------------------------------------------------------------
# Model structures the spec stage rejects with a located error
# -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tail", [
    "MODEL: y ~ x; x ~ y;\n",                       # models that depend on each other in a cycle
    "ORDINAL: b;\nMODEL: b ~ x; y ~ b;\n",          # a binary outcome used as a predictor
    "MODEL: y ~ y;\n",                              # an outcome predicting itself
])
def test_invalid_model_structures_give_a_located_error(cli, project, tail):
    s = project(HEAD + tail)
    model_line = 4 + tail.count("\n")          # the MODEL command is the last line
    expect_error(cli("translate", s), f"{s}:{model_line}:",
                 caret=((HEAD + tail).split("\n")[model_line - 1], None))


# -------------------------------------------------------------------------------------------------
# Output files
# -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("target", ["missing-folder/model.py", "a-folder"])
def test_output_that_cannot_be_written(cli, project, tmp_path, target):
    s = project(GOOD)
    (tmp_path / "a-folder").mkdir()
    out = str(tmp_path / target)
    line = expect_error(cli("translate", s, "-o", out), f"{out}: ")
    assert "cannot write the model source" in line
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_no_output_file_on_error(cli, project, tmp_path):
    s = project(HEAD + "MODEL: y ~ zz;\n")
    out = tmp_path / "model.py"
    expect_error(cli("translate", s, "-o", str(out)), f"{s}:5:12: ", "unknown variable 'zz'",
                 caret=("MODEL: y ~ zz;", 12))
    assert not out.exists()


def test_check_against_a_missing_output_file(cli, project, tmp_path):
    # the reference is read before anything is fitted
    s = project(GOOD)
    ref = str(tmp_path / "nothere.blimp-out")
    line = expect_error(cli("check", s, "--against", ref), f"{ref}: ")
    assert line == f"{ref}: cannot read the Blimp output: No such file or directory"


# -------------------------------------------------------------------------------------------------
# Valid input
# -------------------------------------------------------------------------------------------------

def test_parse_prints_the_expanded_script(cli, project):
    s = project("DATA: d.dat;\nVARIABLES: x1:x3;\nMODEL: x1 ~ x2:x3;\n", files={})
    status, out, err = cli("parse", s)
    assert (status, err) == (0, "")
    assert "VARIABLES: x1 x2 x3;" in out and "x1 ~ x2 x3;" in out
    status, raw, err = cli("parse", "--raw", s)
    assert (status, err) == (0, "")
    assert "x1:x3" in raw


def test_parse_json(cli, project):
    s = project(GOOD, files={})     # parse does not read the data
    status, out, err = cli("parse", "--json", s)
    assert (status, err) == (0, "")
    tree = json.loads(out)
    assert tree["type"] == "Script"
    assert [c["name"] for c in tree["commands"]] == ["DATA", "VARIABLES", "MISSING", "CLUSTERID",
                                                     "MODEL", "SEED", "BURN", "ITER"]


def test_translate_to_stdout(cli, project):
    s = project(GOOD)
    status, out, err = cli("translate", s)
    assert (status, err) == (0, "")
    compile(out, "<translated>", "exec")
    assert "def build_model" in out


def test_translate_to_a_file_does_not_touch_the_inputs(cli, project, tmp_path):
    s = project(GOOD)
    inputs = [Path(s), tmp_path / "d.dat"]
    past = 1_000_000_000_000_000_000          # 2001 (in ns): a write would set today's time
    for path in inputs:
        os.utime(path, ns=(past, past))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in inputs}
    listing = sorted(p.name for p in tmp_path.iterdir())

    out = tmp_path / "out.py"
    status, stdout, err = cli("translate", s, "-o", str(out))
    assert (status, stdout, err) == (0, "", "")
    code = out.read_text(encoding="utf-8")
    compile(code, str(out), "exec")
    assert "def build_model" in code

    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in inputs} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(listing + ["out.py"])
