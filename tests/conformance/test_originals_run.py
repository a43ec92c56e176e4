"""The original User Guide scripts (not only the `.matched.imp` variants that reproduce the
outputs) must run: translate, build and sample briefly. Slow: run with `pytest -m slow`."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from blimp2pymc import load

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "blimp-examples"

ORIGINALS = ["Ex6.1/Ex6.1.imp", "Ex6.3/Ex6.3a.imp", "Ex6.5/Ex6.5a.prior2.imp",
             "Ex6.5/Ex6.5b.prior1.imp", "Ex6.5/Ex6.5c.prior3.imp", "Ex6.10/Ex6.10.imp",
             "Ex6.11/Ex6.11a.imp", "Ex6.15/Ex6.15.imp", "Ex6.16/Ex6.16a.imp",
             "Ex6.16/Ex6.16b.imp", "Ex6.21/Ex6.21a.imp", "Ex6.21/Ex6.21b.imp"]


@pytest.mark.slow
@pytest.mark.parametrize("script", ORIGINALS)
def test_original_script_runs(script):
    if not EXAMPLES.is_dir():
        pytest.skip("../shared/blimp-examples is absent")
    job = load(EXAMPLES / script)
    job.fit(draws=100, tune=100, chains=2, progressbar=False)
    rows = [r for r in job.summary_rows() if r.part == "outcome"]
    assert rows and all(np.isfinite(r.estimate) for r in rows)
