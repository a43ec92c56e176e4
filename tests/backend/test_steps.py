"""LatentResponseGibbs draws from known conditional distributions (checked against closed forms)."""

from __future__ import annotations

import numpy as np
import pymc as pm
import pytest
from scipy import stats

from blimp2pymc.backend.pymc import runtime as rt
from blimp2pymc.backend.pymc.steps import LatentResponseGibbs

N_DRAWS = 4000


def _draws(step, point, name, n=N_DRAWS):
    out = []
    for _ in range(n):
        point, st = step.step(point)
        out.append(np.asarray(point[name]).copy())
    return np.array(out), st


def test_observed_categories_give_truncated_normal_draws():
    # z ~ N(0.5, 1); observed categories 0, 1 → z | d=0 ~ TN(-inf, 0], z | d=1 ~ TN(0, inf)
    with pm.Model() as model:
        pm.Normal("z", mu=0.5, sigma=1.0, shape=2)
    step = LatentResponseGibbs([model["z"]], observed=[0, 1], model=model, rng=1)
    draws, stats_ = _draws(step, model.initial_point(), "z")
    expected = [stats.truncnorm.mean(-np.inf, -0.5, loc=0.5), stats.truncnorm.mean(-0.5, np.inf,
                                                                                   loc=0.5)]
    se = draws.std(axis=0) / np.sqrt(N_DRAWS)
    assert np.all(np.abs(draws.mean(axis=0) - expected) < 4 * se)
    assert (draws[:, 0] <= 0).all() and (draws[:, 1] > 0).all()
    assert stats_ == [{"changed": 0}]


def test_missing_category_uses_the_likelihood_of_its_children():
    # z ~ N(0.3, 1), category d missing; y ~ N(2 d, 1) observed at 1.5:
    # P(d = 1 | y) ∝ Φ(0.3) N(1.5; 2, 1)  vs  (1 - Φ(0.3)) N(1.5; 0, 1)
    with pm.Model() as model:
        z = pm.Normal("z", mu=0.3, sigma=1.0, shape=1)
        d = rt.category(z, [np.nan], codes=[0.0, 1.0])
        pm.Normal("y", mu=2.0 * d, sigma=1.0, observed=[1.5])
    step = LatentResponseGibbs([model["z"]], observed=[-1], children={"y": [0]}, model=model,
                               rng=2)
    draws, _ = _draws(step, model.initial_point(), "z")
    w1 = stats.norm.cdf(0.3) * stats.norm.pdf(1.5, 2.0, 1.0)
    w0 = stats.norm.cdf(-0.3) * stats.norm.pdf(1.5, 0.0, 1.0)
    p1 = w1 / (w0 + w1)
    share = (draws[:, 0] > 0).mean()
    assert abs(share - p1) < 4 * np.sqrt(p1 * (1 - p1) / N_DRAWS)
    # given the category, z is truncated normal around its prior mean
    positive = draws[draws[:, 0] > 0, 0]
    assert abs(positive.mean() - stats.truncnorm.mean(-0.3, np.inf, loc=0.3)) < \
        4 * positive.std() / np.sqrt(positive.size)


def test_conditional_includes_coupled_normal_terms():
    # z ~ N(0, 1) and w ~ N(z, 1) with w = 2: z | w ~ N(1, 1/2); observed category 1 → z > 0
    with pm.Model() as model:
        z = pm.Normal("z", mu=0.0, sigma=1.0, shape=1)
        pm.Normal("w", mu=z, sigma=1.0, shape=1)
    point = model.initial_point()
    point["w"] = np.array([2.0])
    step = LatentResponseGibbs([model["z"]], observed=[1], coupled=["w"], model=model, rng=3)
    draws, _ = _draws(step, point, "z")
    sd = np.sqrt(0.5)
    expected = stats.truncnorm.mean(-1.0 / sd, np.inf, loc=1.0, scale=sd)
    assert abs(draws.mean() - expected) < 4 * draws.std() / np.sqrt(N_DRAWS)
    assert abs(draws.std() - stats.truncnorm.std(-1.0 / sd, np.inf, loc=1.0, scale=sd)) < 0.03


def test_same_seed_same_draws():
    with pm.Model() as model:
        pm.Normal("z", mu=0.0, sigma=1.0, shape=3)
    runs = []
    for _ in range(2):
        step = LatentResponseGibbs([model["z"]], observed=[0, 1, -1], model=model, rng=7)
        runs.append(_draws(step, model.initial_point(), "z", n=20)[0])
    np.testing.assert_array_equal(runs[0], runs[1])


def test_inside_pm_sample_with_nuts():
    # the step runs in a CompoundStep next to NUTS; the latent mean is recovered
    rng = np.random.default_rng(0)
    d = (rng.normal(0.7, 1.0, 400) > 0).astype(float)
    with pm.Model() as model:
        mu = pm.Flat("mu")
        pm.Normal("z", mu=mu, sigma=1.0, shape=d.size)
    with model:
        step = LatentResponseGibbs([model["z"]], observed=d.astype(int), model=model)
        idata = pm.sample(draws=300, tune=300, chains=2, cores=1, step=[step], random_seed=4,
                          progressbar=False, compute_convergence_checks=False)
    estimate = float(idata.posterior["mu"].median())
    # the probit MLE of the mean: Φ⁻¹(share of ones)
    assert estimate == pytest.approx(stats.norm.ppf(d.mean()), abs=0.12)
    assert "changed" in "".join(idata.sample_stats.data_vars)
