"""Reading every example output, and focused checks on the unusual layouts Blimp prints."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from blimp2pymc.results import blimp_out
from blimp2pymc.results.blimp_out import BlimpOutputError, ModelEquation

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "blimp-examples"
FILES = sorted(EXAMPLES.glob("*/*.blimp-out")) if EXAMPLES.is_dir() else []
PARTS = {"outcome", "generated", "simple", "predictor", "residual_correlation"}
ESTIMATES = ("OUTCOME MODEL ESTIMATES:", "PREDICTOR MODEL ESTIMATES:", "GENERATED PARAMETERS:",
             "CORRELATIONS AMONG RESIDUALS:")
_ROW = re.compile(r"(\s+(-?\d+\.\d+(e[+-]\d+)?|---|nan|-?inf)){6,7}$")


def load(relative: str):
    path = EXAMPLES / relative
    if not path.exists():
        pytest.skip(f"{relative} is not available")
    return blimp_out.read(path)


def numeric_lines(path: Path) -> int:
    """Lines that end in six or seven cells inside an estimate section (a rough, independent count)."""
    count, inside = 0, False
    for line in path.read_text().splitlines():
        if re.match(r"^[A-Z][A-Z0-9 ()/-]+:\s*$", line):
            inside = line.strip() in ESTIMATES
        elif inside and _ROW.search(line.rstrip()):
            count += 1
    return count


def test_all_examples_present():
    if not FILES:
        pytest.skip("blimp-examples not available")
    assert len(FILES) == 129


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(EXAMPLES)) for p in FILES])
def test_reads_every_example(path):
    out = blimp_out.read(path)
    assert out.header.version
    assert len(out.rows) == numeric_lines(path)
    if out.header.incomplete:
        assert out.rows == []
    else:
        assert out.rows and out.header.iterations and out.header.chains and out.header.burn_in
    for row in out.rows:
        assert row.part in PARTS
        assert row.table and row.section and row.label
        assert row.label == row.label.strip() and "  " not in row.label
        if row.fixed:
            assert not math.isnan(row.estimate) and math.isnan(row.sd)
    assert list(out.tables()) == list(dict.fromkeys((r.part, r.table) for r in out.rows))


def test_header_only_outputs():
    out = load("Ex4.18/Ex4.18.blimp-out")
    assert out.rows == [] and out.header.incomplete and out.header.error is None
    assert out.header.version == "4.0.4"
    assert out.header.outcome_prior == "PRIOR2" and out.header.multilevel_prior is None
    assert out.header.iterations is None and out.header.burn_in is None


def test_error_output():
    out = load("Ex5.17/Ex5.17.blimp-out")
    assert out.rows == []
    assert out.header.incomplete
    assert out.header.error == 'Cannot find variable "y2@resvar" in VARIABLE command.'
    assert out.header.warnings == ()


def test_blimp3_output():
    out = load("Ex4.5/Ex4.5.blimp-out")
    h = out.header
    assert (h.version, h.chains, h.iterations, h.burn_in) == ("3.2.10", 2, 10000, 2000)
    assert (h.multilevel_prior, h.outcome_prior, h.predictor_prior) == (None, "PRIOR2", "XPRIOR1")
    assert h.priors["Prior for residual variances"] == "Zero sum of squares, df = -2 (PRIOR2)"
    assert h.nominal_dummies == {"n": ("n.2", "n.3", "n.4")}
    assert h.nominal_reference == {"n": "1"}
    assert h.missing_rates == {"y": 21.2, "d": 3.6, "n": 6.0}
    assert h.predictors == {"Fixed variables": ("x",), "Incomplete ordinal": ("d",),
                            "Incomplete nominal": ("n",)}
    assert h.incomplete_predictors == ("d", "n")
    first = out.rows[0]
    assert (first.part, first.table, first.section, first.label) == (
        "outcome", "y", "Variances", "Residual Var.")
    # Blimp 3 prints Median ... PSR N_Eff: no ChiSq / PValue, a PSR column instead
    assert (first.estimate, first.sd, first.lower, first.upper, first.psr, first.n_eff) == (
        11.357, 0.409, 10.588, 12.205, 1.0, 5962.466)
    assert math.isnan(first.chisq) and math.isnan(first.pvalue)
    grand = out.rows_for("predictor", "n")[:3]
    assert [(r.section, r.label, r.estimate) for r in grand] == [
        ("Grand Mean", "Grand Mean: n.2", -0.901), ("Grand Mean", "Grand Mean: n.3", -0.521),
        ("Grand Mean", "Grand Mean: n.4", -1.088)]
    assert out.rows_for("predictor", "n")[3].label == "n.2 ~ x"
    assert out.rows_for("predictor", "n")[-2].label == "Cov(n.4, n.3)"
    tau = out.rows_for("predictor", "d")[-1]   # "Thresholds:" follows a row without a blank line
    assert (tau.section, tau.label, tau.estimate) == ("Thresholds", "Tau 1", 0.0)
    assert math.isnan(tau.psr) and math.isnan(tau.n_eff)


def test_blimp3_wording_and_conditional_effects():
    out = load("Ex4.8/Ex4.8.blimp-out")
    assert out.header.version == "3.0.53"
    assert out.header.nominal_dummies == {"d2": ("d2.1",)}
    simple = out.rows_for("simple")
    assert [(r.table, r.section, r.label, r.estimate, r.psr) for r in simple] == [
        ("y", "x1 | d2.1 @ 0", "Intercept", 22.349, 1.0),
        ("y", "x1 | d2.1 @ 0", "Slope", 0.389, 1.0),
        ("y", "x1 | d2.1 @ 1", "Intercept", 21.566, 1.0),
        ("y", "x1 | d2.1 @ 1", "Slope", 0.146, 1.0),
    ]


def test_fcs_output():
    out = load("Ex6.2/Ex6.2.blimp-out")
    h = out.header
    assert h.imputation_method == "Latent Fully conditional specification"
    assert h.mcmc_algorithm == "Gibbs sampler (GIBBS)"
    assert h.priors == {"Variances": "Unit sum of squares, df = 2 (XPRIOR1)"}
    assert h.predictor_prior == "XPRIOR1" and h.outcome_prior is None
    assert h.fixed_predictors == ("x2_i", "d2_j")
    assert h.incomplete_predictors == ("x1_i", "y_i", "x3_j", "d1_i")
    assert h.n_parameters == {"Imputation Models": 35}
    assert h.models == ()
    assert {r.part for r in out.rows} == {"predictor"}
    assert [info.kind for info in out.table_info] == ["Missing variable"] * 4
    assert list(out.tables()) == [("predictor", t) for t in ("d1_i", "x1_i", "y_i", "x3_j")]
    d1 = out.rows_for("predictor", "d1_i")
    assert [(r.section, r.label) for r in d1] == [
        ("Grand Mean", "Grand Mean"), ("Level 1", "x1_i"), ("Level 1", "x2_i"),
        ("Level 1", "y_i"), ("Level 1", "Residual Var."), ("Level 2", "x1_i"),
        ("Level 2", "y_i"), ("Level 2", "d2_j"), ("Level 2", "x3_j"),
        ("Level 2", "Residual Var."), ("Thresholds", "Tau 1")]


def test_bygroup_output():
    out = load("Ex4.9/Ex4.9.blimp-out")
    assert out.header.groups == ("GROUP 0", "GROUP 1")
    assert out.header.chains == 20 and out.header.burn_in == 1000
    tables = [table for _, table in out.tables()]
    assert tables[:6] == [f"GROUP 0 / {v}" for v in ("a1", "a2", "a3", "y", "x", "d")]
    assert tables[6:] == [f"GROUP 1 / {v}" for v in ("a1", "a2", "a3", "y", "x", "d")]
    assert [info.kind for info in out.table_info][:3] == [
        "Missing variable", "Complete variable", "Complete variable"]
    assert {info.group for info in out.table_info} == {"GROUP 0", "GROUP 1"}
    grand0 = out.rows_for("predictor", "group 0 / a1")[0]
    grand1 = out.rows_for("predictor", "GROUP 1 / a1")[0]
    assert (grand0.label, grand0.estimate, grand1.estimate) == ("Grand Mean", 11.189, 12.088)


def test_nominal_outcome():
    out = load("Ex4.14/Ex4.14.blimp-out")
    rows = out.rows_for("outcome", "logit(y)")
    sections = list(dict.fromkeys(r.section for r in rows))
    assert sections == ["y.2 / Coefficients", "y.2 / Odds Ratio",
                        "y.2 / Proportion Variance Explained", "y.3 / Coefficients",
                        "y.3 / Odds Ratio", "y.3 / Proportion Variance Explained"]
    odds = [r for r in rows if r.section == "y.3 / Odds Ratio" and r.label == "x3"][0]
    assert (odds.estimate, odds.sd, odds.n_eff) == (0.914, 0.033, 3109.678)
    assert math.isnan(odds.chisq) and math.isnan(odds.pvalue)
    assert out.header.nominal_dummies == {"y": ("y.2", "y.3")}


def test_conditional_effects_follow_their_outcome():
    out = load("Ex6.11/Ex6.11a.blimp-out")
    simple = out.rows_for("simple")
    assert [(r.table, r.section, r.label) for r in simple] == [
        ("y_i", "x_i | m_j @ +1 SD", "Intercept"), ("y_i", "x_i | m_j @ +1 SD", "Slope"),
        ("y_i", "x_i | m_j @ 0", "Intercept"), ("y_i", "x_i | m_j @ 0", "Slope"),
        ("y_i", "x_i | m_j @ -1 SD", "Intercept"), ("y_i", "x_i | m_j @ -1 SD", "Slope")]
    assert (simple[1].estimate, simple[1].sd, simple[1].chisq, simple[1].n_eff) == (
        0.865, 0.112, 59.514, 2108.005)
    # after a conditional-effects table, later tables are read normally
    assert out.rows[-1].part == "predictor"


def test_conditional_effects_with_wrapped_condition():
    out = load("Ex5.15/Ex5.15.blimp-out")
    sections = list(dict.fromkeys(r.section for r in out.rows_for("simple")))
    assert sections == ["latentx | latentm @ Mean + 1 SD", "latentx | latentm @ Mean",
                        "latentx | latentm @ Mean - 1 SD"]
    assert {r.table for r in out.rows_for("simple")} == {"latenty"}


def test_conditional_effects_per_latent_table():
    out = load("Ex5.13/Ex5.13.blimp-out")
    simple = out.tables()
    assert [(r.section, r.label) for r in simple[("simple", "latentm")]][:2] == [
        ("x | d @ 0", "Intercept"), ("x | d @ 0", "Slope")]
    zero = simple[("simple", "latentm")][0]
    assert (zero.estimate, zero.sd) == (0.0, 0.0) and math.isnan(zero.chisq)
    assert len(simple[("simple", "latenty")]) == 8
    keys = list(simple)
    assert keys.index(("simple", "latentm")) == keys.index(("outcome", "latentm")) + 1


def test_fixed_rows():
    out = load("Ex5.13/Ex5.13.blimp-out")
    row = out.rows_for("outcome", "latentm")[0]
    assert (row.section, row.label, row.estimate, row.fixed) == (
        "Variances", "Residual Var.", 1.0, True)
    assert all(math.isnan(v) for v in (row.sd, row.lower, row.upper, row.chisq, row.pvalue,
                                       row.n_eff))
    # a constant that is not fixed keeps its printed zeros
    sd_row = [r for r in out.rows_for("outcome", "latentm") if r.label == "Residual SD"][0]
    assert (sd_row.estimate, sd_row.sd, sd_row.fixed) == (1.0, 0.0, False)


def test_generated_parameters_with_inf_and_nan():
    out = load("Ex7.2/Ex7.2a.blimp-out")
    gen = out.rows_for("generated")
    assert [r.label for r in gen] == ["cohensd", "b0diff", "p_mis", "p_obs", "b0_obs", "b0_mis",
                                      "b0"]
    assert {(r.table, r.section) for r in gen} == {("Generated Parameters",
                                                    "Generated Parameters")}
    cohensd = gen[0]
    assert (cohensd.estimate, cohensd.sd, cohensd.lower, cohensd.upper) == (0.2, 0.0, 0.2, 0.2)
    assert cohensd.chisq == math.inf
    assert math.isnan(cohensd.pvalue) and math.isnan(cohensd.n_eff)
    assert out.header.generated[0] == "cohensd = .20"
    assert out.header.n_parameters["Generated Parameters"] == 7
    means = [info for info in out.table_info if info.kind == "Means Model"]
    assert [info.table for info in means] == ["x1", "d2"]
    x1 = out.rows_for("predictor", "x1")
    assert [(r.section, r.label) for r in x1] == [("Grand Mean", "Grand Mean"),
                                                   ("Level 1", "Residual Var.")]


def test_wrapped_labels_are_joined():
    out = load("Ex6.16/Ex6.16b.blimp-out")
    labels = [r.label for r in out.rows_for("outcome", "y_i")]
    assert "L2 : Cov(time_i[level2id],Intercept[level2id])" in labels
    assert "L2 : Cor(time_i[level2id],Intercept[level2id])" in labels
    cov = [r for r in out.rows if r.label.startswith("L2 : Cov(time_i")][0]
    assert (cov.section, cov.estimate, cov.n_eff) == ("Variances", -0.129, 293.922)
    h = out.header
    assert (h.level3_id, h.level3_clusters) == ("level3id", 29)
    assert h.models == (ModelEquation(
        None, 1, "y_i ~ Intercept time_i d_k.1 time_i*d_k.1 | Intercept[level2id] "
                 "Intercept[level3id] time_i[level2id]"),)


def test_wrapped_equation_lines():
    h = load("Ex6.21/Ex6.21b.blimp-out").header
    assert h.models[0].text == ("logit(y_i) ~ d_j x_j (time_i==1)@alpha1 (time_i==2)@alpha2 "
                                "(time_i==3)@alpha3 (time_i==4)@alpha4 (time_i==5)@alpha5 "
                                "(time_i==6)@alpha6")


def test_scientific_notation_cells():
    out = load("Ex7.10/Ex7.10.blimp-out")
    big = [r for r in out.rows if r.chisq > 1e5]
    assert [(r.table, r.label, r.chisq) for r in big] == [
        ("beta0_j", "Intercept", 3.228e5), ("y_i", "time_i*beta1_j", 5.533e5)]


def test_phantom_and_additional_parameters():
    phantom = load("Ex4.1/Ex4.1b.blimp-out").rows_for("outcome", "Phantom Variable Correlations")
    assert [(r.section, r.label, r.estimate) for r in phantom] == [
        ("Phantom Variable Correlations", "x1 <-> y1", 0.390),
        ("Phantom Variable Correlations", "x1 <-> y2", 0.405),
        ("Phantom Variable Correlations", "y1 <-> y2", 0.280)]
    extra = load("Ex5.13/Ex5.13.blimp-out").rows_for("outcome", "Additional Parameters")
    assert [(r.section, r.label, r.estimate, r.n_eff) for r in extra] == [
        ("Additional Parameters", "xload_prior", 1.485, 707.281),
        ("Additional Parameters", "yload_prior", 0.656, 813.533)]


def test_residual_correlations_without_levels():
    out = load("Ex4.1/Ex4.1b.blimp-out")
    rows = out.rows_for("residual_correlation")
    assert {(r.table, r.section) for r in rows} == {("Residual Correlations", "Correlations")}


def test_model_information_variants():
    h = load("Ex6.9/Ex6.9a.blimp-out").header
    assert h.named_random_effects == ("beta0_j = y_i | Intercept[level2id]",
                                      "beta1_j = y_i | x1_i[level2id]")
    h = load("Ex6.10/Ex6.10.blimp-out").header
    assert h.latent_cluster_means == {"Grand Mean Centered": ("x_i",)}
    h = load("Ex4.22/Ex4.22.blimp-out").header
    assert h.sampling_weights == {"Level-1": "wght"}
    h = load("Ex5.13/Ex5.13.blimp-out").header
    assert h.priors_specified == ("xload_prior ~ truncate(0, inf)",
                                  "yload_prior ~ truncate(0, inf)")
    assert h.factors == {"Level-1": ("latenty", "latentm")}
    h = load("Ex5.19/Ex5.19a.blimp-out").header
    assert h.defined_variables[0] == "rx1 = x1 - (mux1 + etax)"
    h = load("Ex8.2/Ex8.2.blimp-out").header
    assert [m.block for m in h.models] == ["1", "2", "2", "2"]
    h = load("Ex6.5/Ex6.5b.prior1.blimp-out").header
    assert (h.multilevel_prior, h.outcome_prior) == ("PRIOR1", "PRIOR1")


# -- synthetic layouts ---------------------------------------------------------------------------

HEADER = """
---------------------------------------------------------------------------

                                   Blimp
                                   4.0.4

---------------------------------------------------------------------------

OUTCOME MODEL ESTIMATES:

  Summaries based on 200 iterations using 2 chains.

Outcome Variable:  y

Parameters                         Estimate     StdDev       2.5%      97.5%      ChiSq     PValue      N_Eff
                                ------------------------------------------------------------------------------
"""
CLOSE = "                                ------------------------------------------------------------------------------\n"


def test_glued_fixed_marker_and_minus_inf():
    text = HEADER + (
        "Coefficients:\n"
        "  x                                 @1.000        ---        ---        ---        ---        ---        ---\n"
        "  z                                  0.100      0.010      0.080      0.120       -inf        nan        nan\n"
    ) + CLOSE
    out = blimp_out.parse(text)
    x, z = out.rows
    assert (x.label, x.estimate, x.fixed) == ("x", 1.0, True)
    assert z.chisq == -math.inf and out.header.iterations == 200


def test_unknown_text_inside_a_table_is_an_error():
    text = HEADER + "Coefficients:\n  something odd here\n" + CLOSE
    with pytest.raises(BlimpOutputError) as info:
        blimp_out.parse(text, "odd.blimp-out")
    assert info.value.file == "odd.blimp-out" and info.value.line == 18
    assert "odd.blimp-out:18" in info.value.format()


def test_unclosed_table_is_an_error():
    text = HEADER + "Coefficients:\n  x   0.1   0.1   0.0   0.2   1.0   0.3   100.0\n"
    with pytest.raises(BlimpOutputError):
        blimp_out.parse(text)
