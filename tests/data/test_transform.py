"""TRANSFORM evaluation: operators, functions, NaN propagation, new and overwritten columns, errors."""

from __future__ import annotations

import numpy as np
import pytest

from blimp2pymc.data.transform import apply_transforms
from blimp2pymc.errors import BlimpDataError
from blimp2pymc.syntax import ast

NAN = np.nan
DATA = {"d.dat": "0 1 999\n2 999 4\n3 1 1\n"}   # x, y, z with MISSING: 999
HEAD = "DATA: d.dat; VARIABLES: x y z; MISSING: 999;\n"


def same(a, b) -> bool:
    return np.array_equal(np.asarray(a, dtype=float), np.asarray(b, dtype=float), equal_nan=True)


def evaluate(parse, text: str, **cols) -> np.ndarray:
    """Evaluate one expression on the given columns (lists of floats)."""
    columns = {k: np.asarray(v, dtype=float) for k, v in cols.items()}
    n = len(next(iter(columns.values())))
    stmt = ast.Assignment(ast.Name("out"), parse(text), line=1, col=1)
    return apply_transforms(columns, [stmt], n, file=None)["out"]


@pytest.mark.parametrize("text, expected", [
    ("a + b", [3, NAN, -3]),
    ("a - b", [-1, NAN, -1]),
    ("a * b", [2, NAN, 2]),
    ("a / b", [0.5, NAN, 2]),
    ("a ^ 2", [1, 4, 4]),
    ("-a + 1", [0, -1, 3]),
    ("a == 1", [1, 0, 0]),
    ("a != 1", [0, 1, 1]),
    ("b < 0", [0, NAN, 1]),
    ("b <= 2", [1, NAN, 1]),
    ("a > 1", [0, 1, 0]),
    ("a >= 2", [0, 1, 0]),
    ("(a > 0) and (b > 0)", [1, NAN, 0]),
    ("(a > 1) or (b < 0)", [0, NAN, 1]),
    ("abs(a)", [1, 2, 2]),
    ("sqrt(a)", [1, np.sqrt(2), NAN]),          # sqrt(-2) is not a number → missing
    ("exp(0 * a)", [1, 1, 1]),
    ("ln(a)", [0, np.log(2), NAN]),
    ("log(a)", [0, np.log(2), NAN]),
    ("ismissing(b)", [0, 1, 0]),
    ("missing(a == 2, b)", [2, NAN, -1]),
    ("missing(b == 2, a)", [NAN, NAN, -2]),      # cond NaN → NaN
    ("ifelse(a > 1, 10, b)", [2, 10, -1]),
    ("ifelse(b > 0, a, 0)", [1, NAN, 0]),        # cond NaN → NaN
    ("1 / (a - 1)", [NAN, 1, -1 / 3]),           # 1/0 → missing
])
def test_operators_and_functions(expr, text, expected):
    assert same(evaluate(expr, text, a=[1, 2, -2], b=[2, NAN, -1]), expected)


def test_function_names_are_case_insensitive():
    stmt = ast.Assignment(ast.Name("out"), ast.Call("LN", (ast.Name("A"),)))
    out = apply_transforms({"a": np.array([1.0])}, [stmt], 1, file=None)
    assert same(out["out"], [0])


def test_sum_range():
    stmt = ast.Assignment(ast.Name("s"), ast.SumRange("x1", "x3"))
    cols = {f"x{i}": np.array([float(i), NAN if i == 2 else 1.0]) for i in (1, 2, 3)}
    assert same(apply_transforms(cols, [stmt], 2, file=None)["s"], [6, NAN])


def test_inputs_are_not_modified(expr):
    cols = {"a": np.array([1.0, 2.0])}
    stmt = ast.Assignment(ast.Name("A"), expr("a * 10"))
    out = apply_transforms(cols, [stmt], 2, file=None)
    assert same(cols["a"], [1, 2]) and same(out["a"], [10, 20])


def test_transform_after_missing_codes_new_and_overwritten_columns(run):
    script = HEAD + ("TRANSFORM:\n  ymis = ismissing(y);\n  Z = missing(x == 0, z);\n"
                     "  lz = ln(z);\n  ybin = ifelse(y == 1, 1, 0);\n")
    ds = run(script, DATA)
    assert ds.names == ("x", "y", "z", "ymis", "lz", "ybin")
    assert same(ds.column("ymis"), [0, 1, 0])
    assert same(ds.column("z"), [NAN, 4, 1])       # overwritten, original spelling kept
    assert same(ds.column("lz"), [NAN, np.log(4), 0])
    assert same(ds.column("ybin"), [1, NAN, 1])
    assert ds.frame.dtypes.map(str).tolist() == ["float64"] * 6


def test_statements_see_earlier_results(run):
    ds = run(HEAD + "TRANSFORM: a = x + 1; b = a * 2; a = b - a;", DATA)
    assert ds.names == ("x", "y", "z", "a", "b")
    assert same(ds.column("a"), [1, 3, 4])


def test_transform_before_missing_command_and_dotted_names(run):
    ds = run("DATA: d.dat; VARIABLES: x y z;\nTRANSFORM: m.y = ismissing(y);\nMISSING: 999;", DATA)
    assert same(ds.column("m.y"), [0, 1, 0])


def test_transform_column_can_be_declared_before_it_is_created(run):
    ds = run("DATA: d.dat; VARIABLES: x y z;\nORDINAL: ymis;\nMISSING: 999;\n"
             "TRANSFORM: ymis = ismissing(y);", DATA)
    assert ds.has("ymis")


def test_unknown_variable(run):
    with pytest.raises(BlimpDataError) as err:
        run(HEAD + "TRANSFORM:\n  a = x + 1;\n  b = ln(zz) + a;", DATA)
    e = err.value
    assert (e.line, e.col) == (4, 3)
    assert "unknown variable 'zz'" in e.message and "did you mean 'z'" in e.message
    assert e.file.endswith("script.imp")


def test_unknown_function(run):
    with pytest.raises(BlimpDataError) as err:
        run(HEAD + "TRANSFORM: a = logit(x);", DATA)
    assert (err.value.line, err.value.col) == (2, 12)
    assert "unknown function 'logit'" in err.value.message


def test_wrong_number_of_arguments(run):
    with pytest.raises(BlimpDataError, match=r"ifelse\(\) takes 3 arguments, got 2"):
        run(HEAD + "TRANSFORM: a = ifelse(x, 1);", DATA)
