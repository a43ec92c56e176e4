"""Every Blimp example script parses and expands; loop scripts equal their written-out twins;
format_script / to_dict round-trip. Skipped when ../shared/blimp-examples is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blimp2pymc.syntax import ast as A
from blimp2pymc.syntax import expand, format_script, parse_file, parse_text, to_dict

# ../shared/blimp-examples next to the repository (present in CI, absent on users' machines).
EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "blimp-examples"
SCRIPTS = sorted(EXAMPLES.glob("*/*.imp")) if EXAMPLES.is_dir() else []
needs_examples = pytest.mark.skipif(not SCRIPTS, reason=f"Blimp examples not found at {EXAMPLES}")


@needs_examples
@pytest.mark.parametrize("path", SCRIPTS, ids=[f"{p.parent.name}/{p.name}" for p in SCRIPTS])
def test_example_parses_expands_and_round_trips(path):
    raw = parse_file(path)
    assert raw.path == str(path)
    assert parse_text(format_script(raw)) == raw
    full = expand(raw)
    assert parse_text(format_script(full)) == full
    assert expand(full) == full
    json.dumps(to_dict(full))


def _expanded(name: str) -> A.Script:
    if not EXAMPLES.is_dir():
        pytest.skip(f"Blimp examples not found at {EXAMPLES}")
    return expand(parse_file(EXAMPLES / name))


def _model_without_labels(script: A.Script) -> list:
    return [s for s in script.statements("MODEL") if not isinstance(s, A.BlockLabel)]


@pytest.mark.parametrize("loop,written", [
    ("Ex6.25/Ex6.25b.imp", "Ex6.25/Ex6.25a.imp"),
    ("Ex5.8/Ex5.8a.loop.imp", "Ex5.8/Ex5.8a.imp"),
    ("Ex5.8/Ex5.8b.loop.imp", "Ex5.8/Ex5.8b.imp"),
    ("Ex5.18/Ex5.18b.loop.matched.imp", "Ex5.18/Ex5.18b.matched.imp"),
])
def test_loop_script_equals_written_out_script(loop, written):
    assert _expanded(loop) == _expanded(written)


@pytest.mark.parametrize("loop,written", [
    # same model; only the block label differs (random.intercept vs random.intercepts), and
    # Ex5.19c.loop lists LATENT before ORDINAL.
    ("Ex5.19/Ex5.19a.loop.imp", "Ex5.19/Ex5.19a.imp"),
    ("Ex5.19/Ex5.19c.loop.imp", "Ex5.19/Ex5.19c.imp"),
    ("Ex5.19/Ex5.19d.loop.imp", "Ex5.19/Ex5.19d.imp"),
    ("Ex5.19/Ex5.19e.loop.imp", "Ex5.19/Ex5.19e.imp"),
])
def test_loop_script_has_the_same_model_statements(loop, written):
    assert _model_without_labels(_expanded(loop)) == _model_without_labels(_expanded(written))


@pytest.mark.parametrize("loop,written", [
    # Ex5.18a/b: the loop version writes `1@eta_icept` where the long version writes
    # `eta_icept -> y@1` plus `1 -> y@0` (same model, different syntax); Ex5.19b: the loop uses
    # labels bx1.. where the long version uses a1..
    ("Ex5.18/Ex5.18a.loop.imp", "Ex5.18/Ex5.18a.imp"),
    ("Ex5.18/Ex5.18b.loop.imp", "Ex5.18/Ex5.18b.imp"),
    ("Ex5.19/Ex5.19b.loop.imp", "Ex5.19/Ex5.19b.imp"),
])
def test_loop_scripts_that_are_written_differently(loop, written):
    assert _model_without_labels(_expanded(loop)) != _model_without_labels(_expanded(written))


def test_ex6_25b_var_model_is_one_regression_with_20_terms():
    (var,) = [s for s in _expanded("Ex6.25/Ex6.25b.imp").statements("MODEL")
              if isinstance(s, A.Regression) and isinstance(s.outcomes[0], A.Call)]
    assert len(var.terms) == 20
    assert var.terms[19] == A.Term(A.Binary("*", A.Binary("==", A.Name("study"), A.Number(19)),
                                            A.Name("log_varj")), A.Number(1))


def test_ex4_7b_chain_matches_blimp_output():
    # OUT Ex4.7b: a1 ~ y x d, a2 ~ a1 y x d, a3 ~ a2 a1 y x d (Intercept implicit)
    regs = {s.outcomes[0].name: [t.expr.name for t in s.terms]
            for s in _expanded("Ex4.7/Ex4.7b.imp").statements("MODEL")
            if isinstance(s, A.Regression)}
    assert regs["a3"] == ["a2", "a1", "y", "x", "d"]
    assert regs["a2"] == ["a1", "y", "x", "d"]
    assert regs["a1"] == ["y", "x", "d"]
