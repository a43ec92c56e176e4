"""The Python API: load → code / model / fit / summary / report, and seeded reproducibility."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from blimp2pymc import load

DATA = "\n".join(f"{c} {y} {x} {d}" for c, y, x, d in [
    (1, 1.0, 0.5, 0), (1, 2.0, 999, 1), (1, 1.5, 1.5, 999), (2, 3.0, 2.0, 0), (2, 2.5, 2.5, 1),
    (2, 999, 1.0, 0), (3, 0.5, 0.0, 1), (3, 1.0, 1.0, 0), (3, 2.0, 3.0, 1), (4, 0.7, 1.2, 1),
    (4, 1.9, 0.3, 0), (4, 2.2, 2.1, 1), (5, 1.1, 0.9, 0), (5, 1.4, 1.6, 1), (5, 0.2, 0.4, 0)])
SCRIPT = """DATA: d.dat;
VARIABLES: cl y x d;
MISSING: 999;
CLUSTERID: cl;
ORDINAL: d;
CENTER: groupmean = x;
MODEL: y ~ x@bx d;
PARAMETERS: twice = 2 * bx;
SEED: 7;
BURN: 100;
ITER: 200;
"""


@pytest.fixture
def script(tmp_path):
    (tmp_path / "d.dat").write_text(DATA)
    path = tmp_path / "s.imp"
    path.write_text(SCRIPT)
    return path


def _fit(path):
    job = load(path)
    job.fit(draws=40, tune=40, chains=2, cores=1, progressbar=False)
    return job


def test_load_without_building(script):
    job = load(script, build=False)
    assert job._model is None
    assert "def build_model" in job.code
    assert job.sampler_settings() == {"draws": 200, "tune": 200, "chains": 4, "seed": 7}
    assert len(job.data) == 15


def test_fit_summary_report(script):
    job = _fit(script)
    idata = job.idata
    assert set(idata.posterior.dims) >= {"chain", "draw", "cl", "row"}
    assert idata.posterior.sizes["draw"] == 40
    tables = job.summary()
    assert isinstance(tables["y"], pd.DataFrame)
    assert ("Coefficients", "x") in tables["y"].index
    generated = tables["Generated Parameters"].loc[("Generated Parameters", "twice")]
    bx = tables["y"].loc[("Coefficients", "x")]
    assert generated["Estimate"] == pytest.approx(2 * bx["Estimate"], rel=1e-9)
    text = job.report()
    assert "Outcome Variable:  y" in text and "Missing predictor:  x" in text


def test_same_seed_same_draws(script):
    first, second = _fit(script), _fit(script)
    for name in ["bx", "y: d", "d.latent", "x_unobserved"]:
        np.testing.assert_array_equal(first.idata.posterior[name].values,
                                      second.idata.posterior[name].values)


def test_summary_needs_a_fit(script):
    with pytest.raises(RuntimeError, match="fit"):
        load(script, build=False).summary_rows()
