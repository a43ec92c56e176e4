"""The Pólya-Gamma draws behind Blimp's logit variance decomposition: known moments of PG(1, c)."""

from __future__ import annotations

import numpy as np
import pytest

from blimp2pymc.results.polya_gamma import RESIDUAL, explained_share, polya_gamma


@pytest.mark.parametrize("c", [0.0, 0.5, 2.0, 5.0])
def test_moments_of_pg_1_c(c):
    # E[ω] = tanh(c/2) / (2c) (1/4 at c = 0); Var[ω] = (sinh c − c) / (4 c³ cosh²(c/2)) (1/24 at 0)
    draws = polya_gamma(np.full(200_000, c), np.random.default_rng(1))
    mean = 0.25 if c == 0 else np.tanh(c / 2) / (2 * c)
    var = 1 / 24 if c == 0 else (np.sinh(c) - c) / (4 * c ** 3 * np.cosh(c / 2) ** 2)
    assert draws.mean() == pytest.approx(mean, rel=0.01)
    assert draws.var() == pytest.approx(var, rel=0.05)


def test_share_is_zero_without_predictors_and_grows_with_them():
    rng = np.random.default_rng(2)
    flat = np.full((1, 3, 500), -0.7)
    np.testing.assert_allclose(explained_share(flat, -0.7, rng), 0.0, atol=1e-12)
    x = rng.normal(size=500)
    small = explained_share((-0.7 + 0.2 * x)[None, None, :], -0.7, rng)
    large = explained_share((-0.7 + 2.0 * x)[None, None, :], -0.7, rng)
    assert 0 < small[0, 0] < large[0, 0] < 1
    # near ψ = 0, E[ω] ≈ 1/4: the share is about that of a quarter of Var(ψ) against π²/3
    expected = 0.25 * 0.04 / (0.25 * 0.04 + RESIDUAL)
    assert small[0, 0] == pytest.approx(expected, rel=0.25)


def test_same_seed_same_numbers():
    psi = np.random.default_rng(3).normal(size=(2, 4, 100))
    a = explained_share(psi, 0.0, np.random.default_rng(9))
    b = explained_share(psi, 0.0, np.random.default_rng(9))
    np.testing.assert_array_equal(a, b)
