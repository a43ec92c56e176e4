"""Blimp's predictor tables from our sequential predictor model (results/predictor_tables.py).

(1) the algebra on hand-built matrices against numpy least squares (population regressions, no
sampling); (2) rows, sections and labels from synthetic draws named as the backend names them;
(3) one small real fit of Ex6.3a against Blimp's printed tables (slow; informational agreement,
asserting only that the conversion is sane).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import xarray as xr

from blimp2pymc.results.outcome_tables import Draws
from blimp2pymc.results.predictor_tables import (conditional_regressions, joint_from_sequential,
                                                 level_joints, predictor_rows)
from blimp2pymc.spec import model as M

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "blimp-examples"


# ---------------------------------------------------------------------------------------------
# (1) the conversion
# ---------------------------------------------------------------------------------------------

# Three components u = (u0, u1, u2) built with known regressions of each on the earlier ones.
C_TRUE = np.array([[0.0, 0.0, 0.0],
                   [0.5, 0.0, 0.0],
                   [-0.3, 0.8, 0.0]])
S_TRUE = np.array([2.0, 1.0, 0.5])
D_TRUE = np.array([[1.0, 0.0],          # coefficients on two fixed predictors f
                   [0.0, -0.4],
                   [0.2, 0.3]])
COV_F = np.array([[1.5, 0.4],           # the fixed predictors' own covariance (any)
                  [0.4, 0.8]])


def population_regression(full_cov: np.ndarray, k: int):
    """Least-squares regression of variable k on all the others, from a population covariance."""
    others = [i for i in range(full_cov.shape[0]) if i != k]
    sxx = full_cov[np.ix_(others, others)]
    sxy = full_cov[others, k]
    beta = np.linalg.lstsq(sxx, sxy, rcond=None)[0]
    return dict(zip(others, beta)), full_cov[k, k] - sxy @ beta


def test_joint_from_sequential_rebuilds_the_covariance():
    inv = np.linalg.inv(np.eye(3) - C_TRUE)
    b, cov = joint_from_sequential(C_TRUE, D_TRUE, S_TRUE)
    np.testing.assert_allclose(cov, inv @ np.diag(S_TRUE) @ inv.T)
    np.testing.assert_allclose(b, inv @ D_TRUE)
    # The sequential regressions are recovered from Σ: regress u_j on u_0..u_{j-1} (given f).
    for j in range(1, 3):
        beta = np.linalg.solve(cov[:j, :j], cov[:j, j])
        np.testing.assert_allclose(beta, C_TRUE[j, :j])
        np.testing.assert_allclose(cov[j, j] - cov[:j, j] @ beta, S_TRUE[j])


def test_conditional_regressions_match_least_squares_without_fixed():
    _, cov = joint_from_sequential(C_TRUE, np.zeros((3, 0)), S_TRUE)
    b, resvar, g = conditional_regressions(cov)
    assert g.shape == (3, 0)
    for k in range(3):
        coefs, res = population_regression(cov, k)
        for l_, beta in coefs.items():
            assert b[k, l_] == pytest.approx(beta)
        assert b[k, k] == 0.0
        assert resvar[k] == pytest.approx(res)
    # The last component's regression on everything before it is the one we built.
    np.testing.assert_allclose(b[2, :2], C_TRUE[2, :2])
    assert resvar[2] == pytest.approx(S_TRUE[2])


def test_conditional_regressions_match_least_squares_with_fixed():
    """u = B f + ε: the regression of u_k on (u_{-k}, f) over the joint population of (u, f)."""
    b_f, cov = joint_from_sequential(C_TRUE, D_TRUE, S_TRUE)
    full = np.zeros((5, 5))                              # order: u0 u1 u2 f0 f1
    full[:3, :3] = b_f @ COV_F @ b_f.T + cov
    full[:3, 3:] = b_f @ COV_F
    full[3:, :3] = full[:3, 3:].T
    full[3:, 3:] = COV_F
    b, resvar, g = conditional_regressions(cov, b_f)
    for k in range(3):
        coefs, res = population_regression(full, k)
        for l_ in range(3):
            if l_ != k:
                assert b[k, l_] == pytest.approx(coefs[l_])
        assert g[k] == pytest.approx([coefs[3], coefs[4]])
        assert resvar[k] == pytest.approx(res)
    np.testing.assert_allclose(g[2], D_TRUE[2])          # last: its own regression
    np.testing.assert_allclose(b[2, :2], C_TRUE[2, :2])


def test_conversion_is_batched_over_draws():
    rng = np.random.default_rng(1)
    coef = np.tril(rng.normal(size=(2, 4, 3, 3)), -1)
    fixed = rng.normal(size=(2, 4, 3, 2))
    resvar = rng.uniform(0.5, 2.0, size=(2, 4, 3))
    b_f, cov = joint_from_sequential(coef, fixed, resvar)
    b, resvar_c, g = conditional_regressions(cov, b_f)
    one_b_f, one_cov = joint_from_sequential(coef[1, 2], fixed[1, 2], resvar[1, 2])
    one = conditional_regressions(one_cov, one_b_f)
    np.testing.assert_allclose(b[1, 2], one[0])
    np.testing.assert_allclose(resvar_c[1, 2], one[1])
    np.testing.assert_allclose(g[1, 2], one[2])


# ---------------------------------------------------------------------------------------------
# (2) rows from synthetic draws
# ---------------------------------------------------------------------------------------------


def ex61_like_spec() -> M.ModelSpec:
    """Ex6.1's predictor model: x1_i, d1_i (ordinal) at level 1, x3_j at level 2; FIXED x2_i
    (level 1) and d2_j (level 2)."""
    predictors = (M.ModeledPredictor("x1_i", 1, "continuous", False),
                  M.ModeledPredictor("d1_i", 1, "ordinal", False, (0.0, 1.0)),
                  M.ModeledPredictor("x3_j", 2, "continuous", False))
    variables = {"y_i": 1, "x1_i": 1, "x2_i": 1, "d1_i": 1, "x3_j": 2, "d2_j": 2}
    kinds = {v: "continuous" for v in variables} | {"d1_i": "ordinal", "d2_j": "ordinal"}
    return M.ModelSpec(
        script_path=None, data_path="data7.dat",
        levels=(M.Level(1, None, 100), M.Level(2, "level2id", 10)),
        variables=variables, kinds=kinds,
        categories={"d1_i": (0.0, 1.0), "d2_j": (0.0, 1.0)},
        incomplete=frozenset({"x1_i", "d1_i", "x3_j"}), equations=(),
        predictor_model=M.PredictorModel(predictors, ("x2_i", "d2_j")), centering={})


# Parameter names as gen_predictors writes them for that spec (regression order at level 2:
# x1_i.mean, d1_i.mean, x3_j; at level 1: x1_i, then the ordinal d1_i last with variance 1).
EX61_PARAMETERS = {
    "x1_i: Grand Mean": 50.0, "d1_i: Grand Mean": 1.0, "x3_j: Grand Mean": 10.0,
    "x1_i.mean: L2 on d2_j": -1.5, "x1_i.mean: L2 Residual Var.": 5.0,
    "d1_i.mean: L2 on x1_i.mean": -0.02, "d1_i.mean: L2 on d2_j": -0.3,
    "d1_i.mean: L2 Residual Var.": 0.25,
    "x3_j: L2 on x1_i.mean": 0.1, "x3_j: L2 on d1_i.mean": -2.0, "x3_j: L2 on d2_j": 0.3,
    "x3_j: L2 Residual Var.": 16.0,
    "x1_i: L1 on x2_i": 1.0, "x1_i: L1 Residual Var.": 61.0,
    "d1_i: L1 on x1_i": -0.02, "d1_i: L1 on x2_i": 0.05,
}

# Blimp's rows for Ex6.1 (section, label), per table, in Blimp's order.
EX61_ROWS = {
    "d1_i": [("Grand Mean", "Grand Mean"), ("Level 1", "x1_i"), ("Level 1", "x2_i"),
             ("Level 1", "Residual Var."), ("Level 2", "x1_i"), ("Level 2", "d2_j"),
             ("Level 2", "x3_j"), ("Level 2", "Residual Var."), ("Thresholds", "Tau 1")],
    "x1_i": [("Grand Mean", "Grand Mean"), ("Level 1", "d1_i"), ("Level 1", "x2_i"),
             ("Level 1", "Residual Var."), ("Level 2", "d1_i"), ("Level 2", "d2_j"),
             ("Level 2", "x3_j"), ("Level 2", "Residual Var.")],
    "x3_j": [("Grand Mean", "Grand Mean"), ("Level 2", "d1_i"), ("Level 2", "x1_i"),
             ("Level 2", "d2_j"), ("Level 2", "Residual Var.")],
}


def synthetic_draws(parameters: dict[str, float], chains: int = 2, draws: int = 50,
                    seed: int = 0, noise: float = 0.01) -> Draws:
    rng = np.random.default_rng(seed)
    data = {}
    for name, value in parameters.items():
        values = value * (1 + noise * rng.standard_normal((chains, draws)))
        data[name] = (("chain", "draw"), values)
    coords = {"chain": np.arange(chains), "draw": np.arange(draws)}
    return Draws(xr.Dataset(data, coords=coords))


def test_rows_have_blimps_tables_sections_and_labels():
    spec = ex61_like_spec()
    rows = predictor_rows(synthetic_draws(EX61_PARAMETERS), spec)
    assert {r.part for r in rows} == {"predictor"}
    tables = {t: [(r.section, r.label) for r in rows if r.table == t] for t in EX61_ROWS}
    for table, expected in EX61_ROWS.items():
        got = tables[table]
        assert sorted(got) == sorted(expected), table
        # Blimp's section order; labels within a section in the spec's variable order.
        sections = [s for s, _ in got]
        assert sections == sorted(sections, key=["Grand Mean", "Level 1", "Level 2",
                                                  "Thresholds"].index)
        assert [s for s, lab in got if lab == "Residual Var."] == \
            [s for s in dict.fromkeys(sections) if s.startswith("Level")]
    assert len(rows) == sum(len(v) for v in EX61_ROWS.values())


def test_row_columns_follow_blimps_conventions():
    spec = ex61_like_spec()
    rows = {(r.table, r.section, r.label): r
            for r in predictor_rows(synthetic_draws(EX61_PARAMETERS), spec)}
    coef = rows[("x1_i", "Level 2", "x3_j")]
    var = rows[("x1_i", "Level 2", "Residual Var.")]
    assert math.isfinite(coef.chisq) and math.isfinite(coef.n_eff) and not coef.fixed
    assert math.isnan(var.chisq) and var.estimate > 0
    gm = rows[("d1_i", "Grand Mean", "Grand Mean")]
    assert gm.estimate == pytest.approx(1.0, rel=0.01) and math.isfinite(gm.chisq)
    # Fixed values as Blimp prints them (Ex6.1): value, sd 0, quantiles = value, N_Eff nan.
    for key, value in (((("d1_i", "Level 1", "Residual Var.")), 1.0),
                       ((("d1_i", "Thresholds", "Tau 1")), 0.0)):
        r = rows[key]
        assert (r.estimate, r.sd, r.lower, r.upper) == (value, 0.0, value, value)
        assert math.isnan(r.chisq) and math.isnan(r.n_eff)


def test_rows_match_the_algebra_per_draw():
    """The x1_i table's level-2 rows are the conditional regression of x1_i.mean on the others."""
    spec = ex61_like_spec()
    d = synthetic_draws(EX61_PARAMETERS, noise=0.0)
    p = EX61_PARAMETERS
    coef = np.array([[0, 0, 0],
                     [p["d1_i.mean: L2 on x1_i.mean"], 0, 0],
                     [p["x3_j: L2 on x1_i.mean"], p["x3_j: L2 on d1_i.mean"], 0]])
    fixed = np.array([[p["x1_i.mean: L2 on d2_j"]], [p["d1_i.mean: L2 on d2_j"]],
                      [p["x3_j: L2 on d2_j"]]])
    s = np.array([p["x1_i.mean: L2 Residual Var."], p["d1_i.mean: L2 Residual Var."],
                  p["x3_j: L2 Residual Var."]])
    b_f, cov = joint_from_sequential(coef, fixed, s)
    b, resvar, g = conditional_regressions(cov, b_f)
    rows = {(r.table, r.section, r.label): r.estimate for r in predictor_rows(d, spec)}
    assert rows[("x1_i", "Level 2", "d1_i")] == pytest.approx(b[0, 1])
    assert rows[("x1_i", "Level 2", "x3_j")] == pytest.approx(b[0, 2])
    assert rows[("x1_i", "Level 2", "d2_j")] == pytest.approx(g[0, 0])
    assert rows[("x1_i", "Level 2", "Residual Var.")] == pytest.approx(resvar[0])
    # Last in the chain: its regression is the sequential one.
    assert rows[("x3_j", "Level 2", "d1_i")] == pytest.approx(p["x3_j: L2 on d1_i.mean"])
    assert rows[("x3_j", "Level 2", "Residual Var.")] == pytest.approx(16.0)
    # Level 1, two components: x1_i on d1_i = cov / var(d1_i latent).
    c = p["d1_i: L1 on x1_i"]
    var_x1 = p["x1_i: L1 Residual Var."]
    k = c * var_x1 / (c * c * var_x1 + 1)
    assert rows[("x1_i", "Level 1", "d1_i")] == pytest.approx(k)
    a1, a2 = p["x1_i: L1 on x2_i"], p["d1_i: L1 on x2_i"]
    assert rows[("x1_i", "Level 1", "x2_i")] == pytest.approx(a1 - k * (c * a1 + a2))
    assert rows[("d1_i", "Level 1", "x1_i")] == pytest.approx(c)


def test_two_ordinal_predictors_are_put_on_blimps_scale():
    """With two ordinal predictors in one block only the last has conditional variance 1 in our
    chain; the conversion rescales the other's latent response so that both have."""
    spec = M.ModelSpec(
        script_path=None, data_path="d.dat", levels=(M.Level(1, None, 100),),
        variables={"y": 1, "x": 1, "a": 1, "b": 1},
        kinds={"y": "continuous", "x": "continuous", "a": "ordinal", "b": "ordinal"},
        categories={"a": (0.0, 1.0), "b": (0.0, 1.0)},
        incomplete=frozenset({"x", "a", "b"}), equations=(),
        predictor_model=M.PredictorModel((M.ModeledPredictor("x", 1, "continuous", False),
                                          M.ModeledPredictor("a", 1, "ordinal", False),
                                          M.ModeledPredictor("b", 1, "ordinal", False)), ()),
        centering={})
    params = {"x: Grand Mean": 2.0, "a: Grand Mean": 0.5, "b: Grand Mean": -0.2,
              "x: L1 Residual Var.": 4.0, "a: L1 on x": 0.3, "b: L1 on x": 0.1, "b: L1 on a": 0.8}
    d = synthetic_draws(params, noise=0.0)
    joint = level_joints(d, spec)[1]
    b, resvar, _ = conditional_regressions(joint.cov)
    np.testing.assert_allclose(resvar[..., 1:], 1.0)
    # The scale factor of a: √P_aa of the unscaled block.
    _, cov = joint_from_sequential(np.array([[0, 0, 0], [0.3, 0, 0], [0.1, 0.8, 0]]),
                                   np.zeros((3, 0)), np.array([4.0, 1.0, 1.0]))
    r = math.sqrt(np.linalg.inv(cov)[1, 1])
    assert r > 1.2
    rows = {(r_.table, r_.section, r_.label): r_.estimate for r_ in predictor_rows(d, spec)}
    assert rows[("a", "Grand Mean", "Grand Mean")] == pytest.approx(0.5 * r)
    assert rows[("b", "Grand Mean", "Grand Mean")] == pytest.approx(-0.2)
    assert rows[("b", "Level 1", "a")] == pytest.approx(b[0, 0, 2, 1])
    assert rows[("a", "Level 1", "Residual Var.")] == 1.0


def test_missing_level_parameters_leave_the_grand_means():
    spec = ex61_like_spec()
    params = {k: v for k, v in EX61_PARAMETERS.items() if "L1" not in k}
    rows = predictor_rows(synthetic_draws(params), spec)
    assert not [r for r in rows if r.section == "Level 1"]
    assert len([r for r in rows if r.section == "Grand Mean"]) == 3
    assert [r for r in rows if r.section == "Level 2"]


# ---------------------------------------------------------------------------------------------
# (3) one small real fit against Blimp (informational)
# ---------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_ex63a_predictor_tables_are_sane_against_blimp():
    script = EXAMPLES / "Ex6.3" / "Ex6.3a.matched.imp"
    reference_path = EXAMPLES / "Ex6.3" / "Ex6.3a.blimp-out"
    if not (script.exists() and reference_path.exists()):
        pytest.skip("Ex6.3a is not available")
    from blimp2pymc.api import load
    from blimp2pymc.results import blimp_out
    from blimp2pymc.results.compare import compare

    job = load(script)
    job.fit(draws=300, tune=300, chains=2, cores=1, progressbar=False)
    ours = [r for r in job.summary_rows() if r.part == "predictor"]
    blimp = [r for r in blimp_out.read(reference_path).rows if r.part == "predictor"]
    mine = {(r.table, r.section, r.label): r for r in ours}
    assert set(mine) == {(r.table, r.section, r.label) for r in blimp}

    result = compare(ours, blimp_out.BlimpOutput("<predictor rows>",
                                                 blimp_out.parse("").header, blimp))
    judged = [r for r in result.rows if r.agree is not None]
    agree = sum(1 for r in judged if r.agree)
    print(f"\nEx6.3a predictor rows agreeing with Blimp: {agree}/{len(judged)}")
    for r in judged:
        print(f"  {r.table:6} {r.section:11} {r.label:14} {r.median:8.3f} {r.sd:7.3f}"
              f" | {r.blimp_median:8.3f} {r.blimp_sd:7.3f}  z={r.z:5.2f} ratio={r.sd_ratio:4.2f}")

    for b in blimp:
        r = mine[(b.table, b.section, b.label)]
        if b.label == "Residual Var.":
            assert 0.5 <= r.estimate / b.estimate <= 2.0, (b.table, b.section)
        elif b.section != "Grand Mean" and abs(b.estimate) > 3 * b.sd:
            assert np.sign(r.estimate) == np.sign(b.estimate), (b.table, b.section, b.label)
