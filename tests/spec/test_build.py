"""Spec stage: Blimp's defaults made explicit. Each test shows a script and the spec it means."""

from __future__ import annotations

import numpy as np
import pytest

from blimp2pymc.data import load_data
from blimp2pymc.errors import BlimpSpecError, NotSupportedError
from blimp2pymc.spec import build_spec
from blimp2pymc.spec import model as M
from blimp2pymc.syntax import expand, parse_text

# cluster, y, x (level 1, one missing), z (level 2), d (binary level 1), n (nominal, level 2)
ROWS = [
    (1, 1.0, 0.5, 2.0, 0, 1), (1, 2.0, 999, 2.0, 1, 1), (1, 1.5, 1.5, 2.0, 1, 1),
    (2, 3.0, 2.0, 1.0, 0, 2), (2, 2.5, 2.5, 1.0, 1, 2), (2, 999, 1.0, 1.0, 0, 2),
    (3, 0.5, 0.0, 0.5, 1, 3), (3, 1.0, 1.0, 0.5, 0, 3), (3, 2.0, 3.0, 0.5, 1, 3),
]
HEADER = "DATA: d.dat;\nVARIABLES: cl y x z d n;\nMISSING: 999;\nCLUSTERID: cl;\n"


def spec_of(tmp_path, body: str, rows=ROWS, header=HEADER):
    (tmp_path / "d.dat").write_text("\n".join(" ".join(str(v) for v in r) for r in rows))
    path = tmp_path / "s.imp"
    text = header + body
    path.write_text(text)
    script = expand(parse_text(text, str(path)))
    return build_spec(script, load_data(script, str(path)))


def test_random_intercept_and_slope_by_default(tmp_path):
    # y ~ x z | x  →  y ~ Intercept x z | Intercept x  (random effects at level 2)
    spec = spec_of(tmp_path, "CENTER: groupmean = x;\nMODEL: y ~ x z | x;\n")
    (eq,) = spec.equations
    assert eq.intercept == M.Estimated()
    assert [t.label for t in eq.terms] == ["x", "z"]
    assert eq.terms[0] == M.Term("x", M.Data("x"), M.Estimated())
    assert eq.random == (M.RandomEffects(2, "cl", ("Intercept", "x"), (None, M.Data("x"))),)
    assert eq.residual == M.Estimated()
    assert eq.line == 6


def test_removing_intercepts(tmp_path):
    # 1@0 removes the fixed intercept, | 1@0 the random one
    spec = spec_of(tmp_path, "MODEL: y ~ 1@0 x | 1@0;\n")
    (eq,) = spec.equations
    assert eq.intercept is None
    assert eq.random == ()


def test_labels_and_fixed_values(tmp_path):
    spec = spec_of(tmp_path, "MODEL: y ~ x@b1 z@1;\ny@resvar;\n")
    (eq,) = spec.equations
    assert [t.coef for t in eq.terms] == [M.Estimated("b1"), M.FixedAt(1.0)]
    assert eq.residual == M.Estimated("resvar")
    assert spec.labels() == ("b1", "resvar")


def test_nominal_predictor_expands_to_dummies(tmp_path):
    # n has codes 1 2 3: reference 1 → n.2 n.3; products per dummy (Ex6.15: time_i*d_j.1)
    spec = spec_of(tmp_path, "NOMINAL: n;\nFIXED: x;\nMODEL: y ~ z n z*n | 1@0;\n",
                   rows=[r[:2] + (1.0,) + r[3:] for r in ROWS])
    (eq,) = spec.equations
    assert [t.label for t in eq.terms] == ["z", "n.2", "n.3", "z*n.2", "z*n.3"]
    assert eq.terms[1].value == M.Dummy("n", 2.0)
    assert eq.terms[3].value == M.Op("*", (M.Data("z"), M.Dummy("n", 2.0)))


def test_expression_predictors(tmp_path):
    # label: the expression without spaces; values centered as CENTER says (Ex4.10 (x1^2))
    spec = spec_of(tmp_path, "CENTER: z;\nMODEL: y ~ (z == 2)@a1 (z^2) | 1@0;\n")
    (eq,) = spec.equations
    assert eq.terms == (M.Term("(z==2)", M.Op("==", (M.Data("z"), M.Const(2.0))),
                               M.Estimated("a1")),
                        M.Term("(z^2)", M.Op("^", (M.Data("z"), M.Const(2.0))), M.Estimated()))


def test_parameters_use_labels_not_data(tmp_path):
    with pytest.raises(BlimpSpecError, match="'x' is a data variable"):
        spec_of(tmp_path, "MODEL: y ~ x@b1;\nPARAMETERS: q = b1 * x;\n")


def test_simple_needs_the_product_term(tmp_path):
    with pytest.raises(BlimpSpecError, match="no product term x\\*z"):
        spec_of(tmp_path, "MODEL: y ~ x z;\nSIMPLE: x | z;\n")


def test_latent_group_mean_predictor(tmp_path):
    spec = spec_of(tmp_path, "CENTER: groupmean = x; grandmean = x.mean;\n"
                             "MODEL: y ~ x@bw x.mean@bb | x;\nPARAMETERS: ctx = bb - bw;\n")
    (eq,) = spec.equations
    assert eq.terms[1] == M.Term("x.mean[cl]", M.LatentMean("x", 2), M.Estimated("bb"))
    assert spec.centering["x.mean"] == M.Centering("x.mean", "grandmean", "model")
    assert spec.centering["x"] == M.Centering("x", "groupmean", "model")
    assert spec.derived == (M.DerivedParameter(
        "ctx", M.Op("-", (M.LabelValue("bb"), M.LabelValue("bw"))), line=7),)


def test_incomplete_predictor_makes_every_unfixed_predictor_modelled(tmp_path):
    spec = spec_of(tmp_path, "ORDINAL: d;\nFIXED: z;\nMODEL: y ~ x z d;\n")
    pm_ = spec.predictor_model
    assert [(p.name, p.kind, p.complete) for p in pm_.predictors] == [
        ("x", "continuous", False), ("d", "ordinal", True)]
    assert pm_.fixed == ("z",)
    assert spec.incomplete == frozenset({"x", "y"})


def test_complete_predictors_are_conditioned_on_without_a_reason_to_model_them(tmp_path):
    # Ex4.22 / Ex6.20: complete predictors print as "Fixed variables" without FIXED
    rows = [r[:2] + (1.0 + i,) + r[3:] for i, r in enumerate(ROWS)]
    spec = spec_of(tmp_path, "MODEL: y ~ x z;\n", rows=rows)
    assert spec.predictor_model.predictors == ()
    assert spec.predictor_model.fixed == ("x", "z")


def test_centering_a_complete_predictor_gives_it_a_model(tmp_path):
    # Ex6.21b: x_j centered → "Complete predictor" models for x_j and d_j
    rows = [r[:2] + (1.0 + i,) + r[3:] for i, r in enumerate(ROWS)]
    spec = spec_of(tmp_path, "CENTER: grandmean = z;\nMODEL: y ~ x z;\n", rows=rows)
    assert [p.name for p in spec.predictor_model.predictors] == ["x", "z"]
    assert spec.centering["z"].source == "model"


def test_fixed_and_centered_uses_observed_mean_with_warning(tmp_path):
    spec = spec_of(tmp_path, "FIXED: z;\nCENTER: grandmean = z;\nMODEL: y ~ x z;\n")
    assert spec.centering["z"] == M.Centering("z", "grandmean", "observed")
    assert any("fixed and centered" in w for w in spec.warnings)


def test_three_levels_with_level_specific_random_effects(tmp_path):
    rows = [(1, 1, 1.0, 0.1), (1, 1, 2.0, 0.2), (2, 1, 1.5, 0.3), (2, 1, 2.5, 0.1),
            (3, 2, 0.5, 0.4), (3, 2, 1.0, 0.2), (4, 2, 3.0, 0.5), (4, 2, 2.0, 0.9)]
    header = "DATA: d.dat;\nVARIABLES: l2 l3 y t;\nCLUSTERID: l2 l3;\nFIXED: t;\n"
    spec = spec_of(tmp_path, "MODEL: y ~ t | 1[l2] 1[l3] t[l2];\n", rows=rows, header=header)
    (eq,) = spec.equations
    assert eq.random == (
        M.RandomEffects(2, "l2", ("Intercept[l2]", "t[l2]"), (None, M.Data("t"))),
        M.RandomEffects(3, "l3", ("Intercept[l3]",), (None,)),
    )
    assert [lv.units for lv in spec.levels] == [8, 4, 2]


def test_default_random_effects_at_every_higher_level(tmp_path):
    rows = [(1, 1, 1.0, 0.1), (1, 1, 2.0, 0.2), (2, 1, 1.5, 0.3), (3, 2, 1.0, 0.2)]
    header = "DATA: d.dat;\nVARIABLES: l2 l3 y t;\nCLUSTERID: l3 l2;\nFIXED: t;\n"
    spec = spec_of(tmp_path, "MODEL: y ~ t | t;\n", rows=rows, header=header)
    assert [(r.level, r.labels) for r in spec.equations[0].random] == [
        (2, ("Intercept", "t")), (3, ("Intercept", "t"))]


def test_logit_outcome(tmp_path):
    spec = spec_of(tmp_path, "ORDINAL: d;\nMODEL: logit(d) ~ z | 1@0;\n")
    (eq,) = spec.equations
    assert (eq.display, eq.family, eq.categories) == ("logit(d)", "logit", (0.0, 1.0))
    assert eq.residual == M.FixedAt(1.0)


def test_simple_effect(tmp_path):
    spec = spec_of(tmp_path, "CENTER: groupmean = x; grandmean = z;\n"
                             "MODEL: y ~ x z x*z | x;\nSIMPLE: x | z;\n")
    assert spec.simple == (M.SimpleEffect("y", "x", "z", line=7),)


def test_rows_with_every_analysis_variable_missing_are_dropped(tmp_path):
    rows = ROWS + [(3, 999, 999, 0.5, 1, 3)]
    spec = spec_of(tmp_path, "FIXED: z;\nMODEL: y ~ x;\n", rows=rows)
    assert spec.rows == tuple(range(9))
    assert spec.levels[0].units == 9
    assert "1 observations have all variables" in spec.warnings[0]


def test_sampling_settings_and_prior_option(tmp_path):
    spec = spec_of(tmp_path, "MODEL: y ~ x;\nSEED: 5;\nBURN: 300;\nITER: 800;\nCHAINS: 2;\n"
                             "OPTIONS: prior3;\n")
    assert spec.sampling == M.Sampling(seed=5, burn=300, iterations=800, chains=2)
    assert spec.priors.covariance == "prior3"


@pytest.mark.parametrize("body,feature,line", [
    ("LATENT: cl = b0;\nMODEL: y ~ x;\n", "LATENT", 5),
    ("MODEL: var(y) ~ x;\n", "var() scale", 5),
    ("MODEL: y ~ x;\nx ~~ z;\n", "covariance", 6),
    ("MODEL: y ~ x;\nSAVE: stacked = imps.dat;\n", "SAVE", 6),
    ("MODEL: y ~ x;\nOPTIONS: hev;\n", "OPTIONS hev", 6),
    ("NOMINAL: n;\nMODEL: n ~ x;\n", "NOMINAL outcomes", 6),
    ("MODEL: y ~ x;\nPARAMETERS: a ~ truncate(0, Inf);\n", "truncate", 6),
])
def test_features_not_supported_yet_are_errors(tmp_path, body, feature, line):
    with pytest.raises(NotSupportedError) as err:
        spec_of(tmp_path, body)
    assert "not supported yet" in err.value.message and feature in err.value.message
    assert err.value.line == line and err.value.file.endswith("s.imp")


def test_unknown_variable_is_located(tmp_path):
    with pytest.raises(BlimpSpecError) as err:
        spec_of(tmp_path, "MODEL: y ~ x w;\n")
    assert "unknown variable 'w'" in err.value.message
    assert (err.value.line, err.value.col) == (5, 14)


def test_random_slope_must_be_a_predictor(tmp_path):
    with pytest.raises(BlimpSpecError, match="must also be a predictor"):
        spec_of(tmp_path, "MODEL: y ~ z | x;\n")


def test_fixed_variable_with_missing_values_is_an_error(tmp_path):
    with pytest.raises(BlimpSpecError, match="FIXED variable 'x' has missing values"):
        spec_of(tmp_path, "FIXED: x;\nMODEL: y ~ x;\n")


def test_every_variable_has_its_level(tmp_path):
    spec = spec_of(tmp_path, "MODEL: y ~ x z;\n")
    assert spec.variables == {"y": 1, "x": 1, "z": 2}
    assert np.isnan(np.nan) and spec.top_level == 2
