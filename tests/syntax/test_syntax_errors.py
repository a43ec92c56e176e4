"""Malformed scripts through the CLI: exit status 2, ``FILE:LINE:COL: message`` on stderr, the
offending line with a caret, and never a traceback."""

from __future__ import annotations

import re

import pytest

from blimp2pymc.cli import main

GOOD = "DATA: d.dat;\nVARIABLES: y x1:x3 m d;\n"

# (id, script text or bytes, expected line, expected column, fragment of the message)
CASES = [
    ("truncated-no-semicolon", GOOD + "MODEL: y ~ x1", 3, 14, "missing ';'"),
    ("truncated-mid-command", GOOD + "MODEL: y ~ x1;\nSEED: 12", 4, 9, "missing ';'"),
    ("misspelled-command", GOOD + "MODLE: y ~ x1;", 3, 1, "did you mean MODEL?"),
    ("misspelled-after-model", GOOD + "MODEL: y ~ x1;\nSEDE: 12;", 4, 1, "did you mean SEED?"),
    ("misspelled-lowercase", GOOD + "varaibles: a b;\nMODEL: y ~ x1;", 3, 1,
     "unknown command 'varaibles'"),
    ("misspelled-inside-center", GOOD + "CENTER: x1;\ngrandmaen: x2;\nMODEL: y ~ x1;", 4, 1,
     "unknown command 'grandmaen'"),
    ("text-before-first-command", "y ~ x;\n" + GOOD + "MODEL: y ~ x1;", 1, 1,
     "text before the first command"),
    ("unbalanced-open-paren", GOOD + "MODEL: y ~ (x1 + x2;", 3, 12, "'(' is never closed"),
    ("unbalanced-close-paren", GOOD + "MODEL: y ~ x1 + x2);", 3, 19, "no matching opening '('"),
    ("unbalanced-brace", GOOD + "MODEL: { i in 1:3 : y ~ x[i];", 3, 8, "'{' is never closed"),
    ("mismatched-brackets", GOOD + "MODEL: y ~ (x1];", 3, 15, "should close '('"),
    ("unbalanced-call", GOOD + "MODEL: y ~ x1;\nPARAMETERS: a = exp(b;", 4, 20,
     "unbalanced parentheses"),
    ("at-nothing", GOOD + "MODEL: y ~ x1@;", 3, 15, "after '@'"),
    ("at-twice", GOOD + "MODEL: y ~ x1@@b;", 3, 15, "after '@'"),
    ("at-paren", GOOD + "MODEL: y ~ x1@(b);", 3, 15, "after '@'"),
    ("at-variance-nothing", GOOD + "MODEL: y ~ x1;\ny@;", 4, 3, "after '@'"),
    ("unknown-variable-in-range", GOOD + "MODEL: y ~ x1:x9;", 3, 12,
     "unknown variable 'x4' in range x1:x9"),
    ("unknown-variable-in-ordinal-range", GOOD + "ORDINAL: m1:m3;\nMODEL: y ~ x1;", 3, 10,
     "unknown variable 'm1' in range m1:m3"),
    ("range-endpoints-differ", GOOD + "MODEL: y ~ x1:z3;", 3, 12, "range x1:z3 does not match"),
    ("range-backwards", GOOD + "MODEL: y ~ x3:x1;", 3, 12, "runs backwards"),
    ("empty-model", GOOD + "MODEL: ;", 3, 1, "MODEL command is empty"),
    ("model-only-labels", GOOD + "MODEL:\n  focal.model:\n", 3, 1, "MODEL command is empty"),
    ("empty-file", "", 1, 1, "the script is empty"),
    ("only-comments", "# nothing here\n#! nightly\n", 1, 1, "the script is empty"),
    ("binary-garbage", b"DATA: d.dat;\n\x00\x01\x02\xff\xfe", 2, 1, "not a text script"),
    ("undecodable-bytes", b"DATA: d\xe9.dat;\nMODEL: y ~ x;", 1, 8, "cannot be read as UTF-8"),
    ("unknown-option", GOOD + "MODEL: y ~ x1;\nOPTIONS: savelatnt;", 4, 10,
     "did you mean savelatent?"),
    ("negative-seed", GOOD + "MODEL: y ~ x1;\nSEED: -5;", 4, 7, "non-negative whole number"),
    ("fractional-iter", GOOD + "MODEL: y ~ x1;\nITER: 100.5;", 4, 7, "non-negative whole number"),
    ("not-a-statement", GOOD + "MODEL: y x1;", 3, 8, "not a MODEL statement"),
    ("stray-character", GOOD + "MODEL: y ~ x1 $ x2;", 3, 15, "unexpected '$'"),
    ("no-predictor", GOOD + "MODEL: y ~ ;", 3, 12, "expected a predictor"),
    ("arrow-without-targets", GOOD + "MODEL: f -> ;", 3, 13, "bad '->' statement"),
    ("definition-without-value", GOOD + "MODEL: z = ;", 3, 12, "expected an expression"),
    ("template-outside-loop", GOOD + "MODEL: y ~ x[i];", 3, 12, "only allowed inside a loop"),
    ("unknown-loop-variable", GOOD + "MODEL: { i in 1:3 } : y ~ x[j];", 3, 29,
     "unknown loop variable 'j'"),
    ("loop-without-colon", GOOD + "MODEL: { i in 1:3 } y ~ x[i];", 3, 20, "followed by ':'"),
    ("wald-unpairable", GOOD + "MODEL: y ~ x1@b1;\nWALDTEST: b1:b3 = c1:c2;", 4, 11,
     "cannot pair 3 labels with 2"),
    ("prior-not-a-distribution", GOOD + "MODEL: y ~ x1@b;\nPARAMETERS: b ~ 3;", 4, 17,
     "expected a prior such as truncate(0, Inf)"),
    ("center-without-equals", GOOD + "CENTER: grandmean x1;\nMODEL: y ~ x1;", 3, 19,
     "expected '='"),
    ("missing-code-not-a-number", GOOD + "MISSING: abc;\nMODEL: y ~ x1;", 3, 10,
     "bad MISSING code"),
    ("simple-without-moderator", GOOD + "MODEL: y ~ x1;\nSIMPLE: x1 | ;", 4, 14,
     "bad SIMPLE statement"),
    ("randomeffect-without-equals", GOOD + "RANDOMEFFECT: b0 y | 1;\nMODEL: y ~ x1;", 3, 18,
     "expected '='"),
    ("comma-in-name-list", GOOD + "ORDINAL: x1, x2;\nMODEL: y ~ x1;", 3, 12, "unexpected ','"),
    ("garbage-after-last-statement", GOOD + "MODEL: y ~ x1;\n garbage here", 4, 14,
     "missing ';'"),
    ("setting-without-value", GOOD + "MODEL: y ~ x1;\nBURN: ;", 4, 1, "BURN needs a value"),
    ("two-missing-codes", GOOD + "MISSING: 999; -99;\nMODEL: y ~ x1;", 3, 1,
     "MISSING takes a single value"),
    ("number-too-large", GOOD + "MODEL: y ~ x1@1e999;", 3, 15, "too large"),
    ("empty-loop-bracket", GOOD + "MODEL: { i in 1:2 } : y[] ~ x1;", 3, 25, "empty '[]'"),
]


@pytest.mark.parametrize("content,line,col,fragment", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_malformed_script_reports_position(tmp_path, capsys, content, line, col, fragment):
    path = tmp_path / "bad.imp"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    status = main(["parse", str(path)])
    out, err = capsys.readouterr()
    assert status == 2
    assert "Traceback" not in err and out == ""
    first = err.splitlines()[0]
    assert first.startswith(f"{path}:{line}:{col}: "), first
    assert fragment in first
    if content:                      # the offending line and a caret under the column
        shown, caret = err.splitlines()[1:3]
        assert caret.index("^") - 4 == col - 1


def test_at_least_thirty_malformed_cases():
    assert len(CASES) >= 30


def test_error_also_with_raw_and_json(tmp_path, capsys):
    path = tmp_path / "bad.imp"
    path.write_text("MODEL: y ~ x@;")
    for flags in (["--raw"], ["--json"]):
        assert main(["parse", *flags, str(path)]) == 2
        assert re.match(rf"{re.escape(str(path))}:1:14: ", capsys.readouterr().err)


def test_missing_file_is_reported_without_traceback(tmp_path, capsys):
    assert main(["parse", str(tmp_path / "nope.imp")]) == 2
    err = capsys.readouterr().err
    assert "nope.imp" in err and "Traceback" not in err


def test_good_script_prints_formatted_text(tmp_path, capsys):
    path = tmp_path / "ok.imp"
    path.write_text(GOOD + "MODEL: { i in 1:2 } : y ~ x[i];\n")
    assert main(["parse", str(path)]) == 0
    assert "  y ~ x1 x2;" in capsys.readouterr().out
