"""compare(): the agreement rule, what is counted, and the text / JSON shapes.

Our rows are built from a real Blimp output's rows with controlled perturbations.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

from blimp2pymc.results import blimp_out
from blimp2pymc.results.blimp_out import BlimpOutput
from blimp2pymc.results.compare import compare, format_text, to_json, z_threshold
from blimp2pymc.results.tables import SummaryRow

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "blimp-examples"
JSON_KEYS = ["table", "section", "label", "blimp_median", "blimp_sd", "blimp_neff", "median",
             "sd", "z", "sd_ratio", "agree"]


@pytest.fixture(scope="module")
def reference() -> BlimpOutput:
    path = EXAMPLES / "Ex6.4" / "Ex6.4.blimp-out"
    if not path.exists():
        pytest.skip("Ex6.4.blimp-out is not available")
    return blimp_out.read(path)


def counted_rows(ref: BlimpOutput) -> list[SummaryRow]:
    return [r for r in ref.rows if r.part in ("outcome", "generated", "simple")
            and not r.fixed and r.sd > 0]


def one_row(row: SummaryRow, **changes) -> BlimpOutput:
    """A reference holding just ``row`` (with changes), e.g. a chosen N_Eff."""
    header = blimp_out.parse("").header
    return BlimpOutput("<test>", header, [replace(row, **changes)])


def target(ref: BlimpOutput) -> SummaryRow:
    return [r for r in ref.rows if r.table == "y_i" and r.label == "x2_i"][0]


def shifted(row: SummaryRow, by_sd: float = 0.0, sd_ratio: float = 1.0) -> SummaryRow:
    return replace(row, estimate=row.estimate + by_sd * row.sd, sd=row.sd * sd_ratio)


def test_identical_rows_all_agree(reference):
    result = compare(reference.rows, reference)
    assert result.n == len(counted_rows(reference)) == 21
    assert result.agree == result.n
    assert {r.status for r in result.rows if r.counted} == {"agree"}


def test_threshold_formula():
    assert z_threshold(100) == pytest.approx(0.45)
    assert z_threshold(math.nan) == 0.25
    assert z_threshold(0) == 0.25


@pytest.mark.parametrize("by_sd, n_eff, agree", [
    (0.2, 8000.0, True),       # well inside 0.25 + 2/sqrt(8000)
    (0.2, math.nan, True),     # no N_Eff: 0.25
    (0.26, math.nan, False),
    (0.5, 100.0, False),       # 0.25 + 0.2 = 0.45 < 0.5
    (0.44, 100.0, True),
    (-0.44, 100.0, True),      # |difference|
    (-0.5, 100.0, False),
])
def test_median_rule(reference, by_sd, n_eff, agree):
    row = target(reference)
    ref = one_row(row, n_eff=n_eff, sd=0.1)    # large enough that print rounding is negligible
    result = compare([shifted(ref.rows[0], by_sd)], ref)
    assert (result.agree, result.n) == (int(agree), 1)
    compared = result.rows[0]
    assert compared.z == pytest.approx(abs(by_sd))
    assert compared.agree is agree and compared.counted
    assert compared.status == ("agree" if agree else "disagree")


@pytest.mark.parametrize("ratio, agree", [
    (1.3, False), (1.25, True), (1.0, True), (0.8, True), (0.79, False), (0.5, False)])
def test_sd_ratio_rule(reference, ratio, agree):
    ref = one_row(target(reference), sd=0.1, n_eff=1000.0)
    result = compare([shifted(ref.rows[0], 0.0, ratio)], ref)
    assert result.rows[0].sd_ratio == pytest.approx(ratio)
    assert result.rows[0].agree is agree and result.agree == int(agree)


def test_printed_rounding_is_allowed_for(reference):
    # Blimp prints 0.003 (sd 0.001): the true sd may be anywhere in [0.0005, 0.0015] (Ex6.10)
    ref = one_row(target(reference), estimate=0.003, sd=0.001, n_eff=255.0)
    ours = replace(ref.rows[0], estimate=0.0033, sd=0.00143)
    result = compare([ours], ref)
    assert result.rows[0].sd_ratio == pytest.approx(1.43)     # shown from the printed numbers
    assert result.agree == 1
    too_wide = replace(ours, sd=0.0025)                     # 0.0025 / 0.0015 > 1.25
    assert compare([too_wide], ref).agree == 0
    too_far = replace(ours, estimate=0.0045)                # (0.0015 - 0.0005) / 0.0015 > 0.375
    assert compare([too_far], ref).agree == 0


def test_missing_row_is_a_disagreement(reference):
    ours = [r for r in reference.rows if not (r.table == "y_i" and r.label == "x2_i")]
    result = compare(ours, reference)
    assert result.n == 21 and result.agree == 19   # x2_i is both a coefficient and standardized
    missing = [r for r in result.rows if r.status == "missing"]
    assert [(m.section, m.label) for m in missing] == [("Coefficients", "x2_i"),
                                                       ("Standardized Coefficients", "x2_i")]
    assert all(m.counted and m.agree is False and math.isnan(m.median) for m in missing)
    text = format_text(result)
    assert "MISSING" in text and text.splitlines()[-1] == "agree: 19/21"


def test_predictor_rows_are_never_counted(reference):
    ours = [shifted(r, 5.0, 3.0) if r.part == "predictor" else r for r in reference.rows]
    result = compare(ours, reference)
    assert (result.agree, result.n) == (21, 21)
    predictor = [r for r in result.rows if r.part == "predictor"]
    assert len(predictor) == 19
    assert all(not r.counted and r.status == "uncounted" and r.agree is False for r in predictor)
    assert all(r["table"] not in ("x1_i", "x2_i", "x3_j") for r in to_json(result)["rows"])
    assert len(to_json(result, show_all=True)["rows"]) == len(result.rows)
    assert "Grand Mean" not in format_text(result)
    assert "Grand Mean" in format_text(result, show_all=True)


def test_predictor_rows_missing_do_not_count(reference):
    ours = [r for r in reference.rows if r.part != "predictor"]
    result = compare(ours, reference)
    assert (result.agree, result.n) == (21, 21)


def test_fixed_and_constant_rows_are_shown_but_not_counted(reference):
    ours = [replace(r, estimate=r.estimate + 1.0) if (r.fixed or r.sd == 0) else r
            for r in reference.rows]
    result = compare(ours, reference)
    assert (result.agree, result.n) == (21, 21)
    fixed = [r for r in result.rows if r.status == "fixed"]
    constant = [r for r in result.rows if r.status == "constant"]
    assert [r.label for r in fixed] == ["beta0_j", "x1_i*beta1_j"]
    assert [(r.table, r.label) for r in constant] == [("beta1_j", "by Coefficients"),
                                                      ("beta1_j", "by Residual Variation")]
    assert all(not r.counted and r.agree is False for r in fixed + constant)
    text = format_text(result)
    assert "fixed @, not counted" in text and "constant, not counted" in text
    assert "not counted: 2 fixed (@) and 2 constant" in text
    labels = [(r["table"], r["label"]) for r in to_json(result)["rows"]]
    assert ("y_i", "beta0_j") not in labels and ("beta1_j", "by Coefficients") not in labels
    # matching fixed values are reported as such
    assert all(r.agree for r in compare(reference.rows, reference).rows
               if r.status in ("fixed", "constant"))


def test_generated_and_simple_rows_are_counted():
    rows = [
        SummaryRow("generated", "Generated Parameters", "Generated Parameters", "ab", 0.03, 0.015,
                   0.0, 0.06, n_eff=125.44),
        SummaryRow("simple", "y_i", "x_i | m_j @ +1 SD", "Slope", 0.865, 0.112, 0.65, 1.096,
                   n_eff=2108.0),
        SummaryRow("residual_correlation", "Residual Correlations", "Level-1", "m_i, x_i", 0.002,
                   0.057, -0.1, 0.1, n_eff=3275.0),
    ]
    ref = BlimpOutput("<test>", blimp_out.parse("").header, rows)
    result = compare(rows[:2], ref)
    assert (result.agree, result.n) == (2, 2)
    assert [r.counted for r in result.rows] == [True, True, False]
    assert result.rows[2].status == "uncounted" and result.rows[2].agree is None


def test_matching_ignores_case_of_table_and_surrounding_space(reference):
    ours = [replace(r, table=f" {r.table.upper()} ", section=f"{r.section} ",
                    label=f"  {r.label}") for r in reference.rows]
    result = compare(ours, reference)
    assert (result.agree, result.n) == (21, 21)
    assert not [r for r in result.rows if r.status == "extra"]


def test_part_is_part_of_the_key(reference):
    ours = [replace(r, part="predictor") if r.part == "outcome" else r for r in reference.rows]
    result = compare(ours, reference)
    assert result.agree == 0 and result.n == 21


def test_extra_rows_only_with_show_all(reference):
    extra = SummaryRow("outcome", "y_i", "Coefficients", "x9_i", 1.0, 0.1, 0.8, 1.2)
    result = compare(list(reference.rows) + [extra], reference)
    assert (result.agree, result.n) == (21, 21)
    rows = [r for r in result.rows if r.status == "extra"]
    assert len(rows) == 1 and rows[0].table == "y_i" and not rows[0].counted
    # listed right after Blimp's y_i table
    index = result.rows.index(rows[0])
    assert result.rows[index - 1].table == "y_i" and result.rows[index + 1].table != "y_i"
    assert "x9_i" not in format_text(result)
    assert "x9_i" in format_text(result, show_all=True)
    assert "x9_i" not in json.dumps(to_json(result))
    extra_json = [r for r in to_json(result, show_all=True)["rows"] if r["label"] == "x9_i"][0]
    assert extra_json["blimp_median"] is None and extra_json["agree"] is None


def test_duplicate_keys_match_in_order():
    rows = [SummaryRow("outcome", "y", "Coefficients", "x", 1.0, 0.1, 0.8, 1.2, n_eff=1000.0),
            SummaryRow("outcome", "y", "Coefficients", "x", 2.0, 0.1, 1.8, 2.2, n_eff=1000.0)]
    ref = BlimpOutput("<test>", blimp_out.parse("").header, rows)
    assert compare(rows, ref).agree == 2
    assert compare(rows[::-1], ref).agree == 0


def test_json_shape(reference):
    ours = [shifted(r, 0.5) if r.label == "Intercept" else r for r in reference.rows]
    ours = [r for r in ours if r.label != "Residual SD" or r.table != "y_i"]
    result = compare(ours, reference)
    data = to_json(result)
    assert list(data) == ["agree", "n", "rows"]
    assert (data["agree"], data["n"]) == (result.agree, result.n) == (18, 21)
    assert len(data["rows"]) == 21
    assert all(list(row) == JSON_KEYS for row in data["rows"])
    text = json.dumps(data, allow_nan=False)      # no NaN / Infinity tokens
    assert json.loads(text) == data
    missing = [r for r in data["rows"] if r["label"] == "Residual SD" and r["table"] == "y_i"][0]
    assert missing["median"] is None and missing["sd"] is None and missing["z"] is None
    assert missing["sd_ratio"] is None and missing["agree"] is False
    first = data["rows"][0]
    assert first == {"table": "beta0_j", "section": "Variances", "label": "Residual Var.",
                     "blimp_median": 0.62, "blimp_sd": 0.084, "blimp_neff": 8079.367,
                     "median": 0.62, "sd": 0.084, "z": 0.0, "sd_ratio": 1.0, "agree": True}
    everything = to_json(result, show_all=True)
    assert len(everything["rows"]) == len(reference.rows)
    json.dumps(everything, allow_nan=False)


def test_text_layout(reference):
    result = compare(reference.rows, reference)
    text = format_text(result)
    lines = text.splitlines()
    assert lines[-1] == "agree: 21/21"
    assert lines[0].split() == ["median", "sd", "blimp", "blimp", "sd", "N_Eff", "z", "sd",
                                "ratio", "mark"]
    assert "beta0_j beta1_j  [outcome]" in lines
    assert "  Covariances" in lines
    row = [line for line in lines if "Cov(beta0_j,beta1_j)" in line][0]
    assert row.split() == ["Cov(beta0_j,beta1_j)", "0.014", "0.016", "0.014", "0.016", "2199",
                           "0.00", "1.00", "ok"]
    # the numeric columns line up
    data_lines = [line for line in lines if line.endswith("  ok")]
    assert len({line.index("  ok") for line in data_lines}) == 1
    assert format_text(compare([], reference)).splitlines()[-1] == "agree: 0/21"
