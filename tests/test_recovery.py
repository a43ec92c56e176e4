"""Parameter recovery on data the project simulates itself: a random intercept and slope model
with 30% of the predictor missing (examples/simulate_random_slopes.py). Every true value must lie
inside its 95% posterior interval (data seed and sampler seed fixed, so the test is repeatable)."""

from __future__ import annotations

import importlib.util
from pathlib import Path


from blimp2pymc import load

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _simulator():
    spec = importlib.util.spec_from_file_location("simulate", EXAMPLES / "simulate_random_slopes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_true_values_inside_95_percent_intervals(tmp_path):
    sim = _simulator()
    rows = sim.simulate()
    assert 0.25 < (rows[:, 2] != rows[:, 2]).mean() < 0.35          # ~30% of x missing
    sim.write(tmp_path / "random_slopes.dat", rows)
    script = (EXAMPLES / "random_slopes.imp").read_text()
    (tmp_path / "random_slopes.imp").write_text(script)
    job = load(tmp_path / "random_slopes.imp")
    job.fit(progressbar=False)
    found = {(r.section, r.label): r for r in job.summary_rows() if r.part == "outcome"}
    where = {"Intercept": "Coefficients", "x": "Coefficients", "z": "Coefficients"}
    for label, true in sim.TRUE.items():
        r = found[(where.get(label, "Variances"), label)]
        assert r.lower <= true <= r.upper, (label, true, r)


def test_bundled_data_is_what_the_simulator_writes(tmp_path):
    sim = _simulator()
    sim.write(tmp_path / "d.dat", sim.simulate())
    assert (tmp_path / "d.dat").read_text() == (EXAMPLES / "random_slopes.dat").read_text()
