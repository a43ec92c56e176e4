"""Fit User Guide examples and compare with Blimp's own output (issue: two- and three-level
regression reproduces Blimp). Every Coefficients row must agree and at least 95% of all compared
rows. Skipped when ../shared/blimp-examples is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from blimp2pymc import load
from blimp2pymc.results import blimp_out
from blimp2pymc.results.compare import compare, format_text

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "blimp-examples"

CASES = [
    ("Ex6.1/Ex6.1.matched.imp", "Ex6.1/Ex6.1.blimp-out"),
    ("Ex6.3/Ex6.3a.matched.imp", "Ex6.3/Ex6.3a.blimp-out"),
    ("Ex6.16/Ex6.16b.matched.imp", "Ex6.16/Ex6.16b.blimp-out"),
]


@pytest.mark.conformance
@pytest.mark.parametrize("script,output", CASES, ids=[c[0].split("/")[1] for c in CASES])
def test_agrees_with_blimp(script, output):
    if not EXAMPLES.is_dir():
        pytest.skip("../shared/blimp-examples is absent")
    job = load(EXAMPLES / script)
    job.fit(progressbar=False)
    result = compare(job.summary_rows(), blimp_out.read(EXAMPLES / output))
    report = format_text(result)
    counted = [r for r in result.rows if r.counted]
    coefficients = [r for r in counted if r.section == "Coefficients"]
    assert coefficients, report
    assert all(r.agree for r in coefficients), report
    assert result.n >= 10, report
    assert result.agree >= 0.95 * result.n, report
