"""The generated source: valid Python that builds a model whose pieces match the spec, and that
runs on its own."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from blimp2pymc import load
from blimp2pymc.backend.pymc import sampler_settings
from blimp2pymc.spec import model as M

DATA = "\n".join(f"{c} {y} {x} {z} {d}" for c, y, x, z, d in [
    (1, 1.0, 0.5, 2.0, 0), (1, 2.0, 999, 2.0, 1), (1, 1.5, 1.5, 2.0, 999),
    (2, 3.0, 2.0, 1.0, 0), (2, 2.5, 2.5, 1.0, 1), (2, 999, 1.0, 1.0, 0),
    (3, 0.5, 0.0, 0.5, 1), (3, 1.0, 1.0, 0.5, 0), (3, 2.0, 3.0, 0.5, 1),
    (4, 0.7, 1.2, 999, 1), (4, 1.9, 0.3, 999, 0), (4, 2.2, 2.1, 999, 1)])
SCRIPT = """DATA: d.dat;
VARIABLES: cl y x z d;
MISSING: 999;
CLUSTERID: cl;
ORDINAL: d;
CENTER: groupmean = x; grandmean = z d;
MODEL: y ~ x z d x*z | x;
SEED: 11;
BURN: 100;
ITER: 400;
"""


@pytest.fixture
def job(tmp_path):
    (tmp_path / "d.dat").write_text(DATA)
    path = tmp_path / "s.imp"
    path.write_text(SCRIPT)
    return load(path)


def test_generated_model_matches_the_spec(job):
    model = job.model
    names = set(model.named_vars)
    # coefficients named as Blimp prints them, random effects with named dims
    for name in ["y: Intercept", "y: x", "y: z", "y: d", "y: x*z", "y: Residual Var.",
                 "y: L2 covariance", "x: Grand Mean", "z: Grand Mean", "d.latent", "x.mean"]:
        assert name in names, name
    assert model.named_vars_to_dims["y: L2 random effects"] == ("cl", "y: L2 terms")
    assert list(model.coords["y: L2 terms"]) == ["Intercept", "x"]
    assert list(model.coords["cl"]) == [1, 2, 3, 4]
    # missing values: x (1 row) and z (1 cluster) imputed by NUTS, d by the Gibbs step
    assert model["x_unobserved"].type.shape == (1,) or model["x_unobserved"].eval().shape == (1,)
    assert "z_unobserved" in names
    point = model.initial_point()
    assert np.isfinite(model.compile_logp()(point))


def test_gibbs_step_assignment(job):
    steps = job.namespace["gibbs_steps"](job.model, job.data)
    assert len(steps) == 1
    assert [v.name for v in steps[0].vars] == ["d.latent"]
    np.testing.assert_array_equal(steps[0].observed, [0, 1, -1, 0, 1, 0, 1, 0, 1, 1, 0, 1])


def test_source_reads_like_the_model(job):
    code = job.code
    assert 'level2 = rt.Clusters(data["cl"])' in code
    assert 'pm.Flat("y: x*z")' in code
    assert 'rt.covariance(\n' in code and '"y: L2 covariance",' in code
    assert 'prior="prior2",' in code
    assert "x_c = x - x_mean[row_level2]   # centered at its latent group mean" in code
    assert "LatentResponseGibbs" in code
    compile(code, "model.py", "exec")


def test_sampler_settings_follow_burn_iter_chains():
    assert sampler_settings(M.Sampling(seed=3, burn=10000, iterations=10000, chains=4)) == \
        {"draws": 1000, "tune": 1000, "chains": 4, "seed": 3}
    assert sampler_settings(M.Sampling(seed=None, burn=100, iterations=400, chains=2)) == \
        {"draws": 200, "tune": 200, "chains": 2, "seed": None}


@pytest.mark.slow
def test_source_runs_on_its_own(job, tmp_path):
    target = tmp_path / "model.py"
    target.write_text(job.code.replace("idata = sample(model, data)",
                                       "idata = sample(model, data, draws=50, tune=50, chains=1)"))
    done = subprocess.run([sys.executable, str(target)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "y: x" in done.stdout
