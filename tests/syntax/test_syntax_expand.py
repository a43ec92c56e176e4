"""expand(): loops, ranges, multi-outcome regressions, arrows, the @variable normal form and the
merging of regressions of one outcome — exact expected ASTs."""

from __future__ import annotations

import pytest

from blimp2pymc.errors import BlimpSyntaxError
from blimp2pymc.syntax import ast as A
from blimp2pymc.syntax import expand, parse_text

N, Num, I = A.Name, A.Number, A.Intercept()
B, C = A.Binary, A.Call

HEAD = "VARIABLES: y y1:y6 x x1:x7 d1 d2 z1 study var_j m_i;\n"


def T(expr, at=None):
    return A.Term(N(expr) if isinstance(expr, str) else expr, at)


def RT(expr, cluster=None, at=None):
    return A.RandomTerm(N(expr) if isinstance(expr, str) else expr, cluster, at)


def R(outcome, *terms, random=None):
    out = N(outcome) if isinstance(outcome, str) else outcome
    return A.Regression((out,), tuple(t if isinstance(t, A.Term) else T(t) for t in terms), random)


def expanded(text: str, command: str = "MODEL", head: str = HEAD) -> list:
    return expand(parse_text(head + text)).statements(command)


# ---- loops --------------------------------------------------------------------------------------

def test_loop_templates_become_names():
    assert expanded("MODEL: { i in 1:3 } : y[i] ~ x;") == [R("y1", "x"), R("y2", "x"), R("y3", "x")]


def test_loop_two_bindings_earlier_varies_slowest_Ex5_19a_loop():
    got = expanded("MODEL: { v in x y, i in 1:2 } : r[v][i] = [v][i] - mu[v][i];")
    assert got == [A.Assignment(N(f"r{v}{i}"), B("-", N(f"{v}{i}"), N(f"mu{v}{i}")))
                   for v in "xy" for i in (1, 2)]


def test_loop_index_values_and_arithmetic_Ex5_18a_loop():
    got = expanded("MODEL: { i in 2:3 } : y[i] ~ z1@[i-1] ry[2*i+1]@ac[i] (study==[i]);")
    assert got == [R(f"y{i}", T("z1", Num(i - 1)), T(f"ry{2 * i + 1}", N(f"ac{i}")),
                     T(B("==", N("study"), Num(i))))
                   for i in (2, 3)]


def test_loop_string_value_as_index_is_a_name():
    assert expanded("MODEL: { v in a b } : y ~ x@[v];") == [R("y", T("x", N("a")), T("x", N("b")))]


def test_loop_suffix_template_BK6_10():
    assert expanded("MODEL: { t in 1 2 } : anx[t]w ~ x;", head="") == [R("anx1w", "x"),
                                                                     R("anx2w", "x")]


def test_loop_in_parameters_Ex5_8a_loop():
    got = expanded("PARAMETERS: { i in 1:2 } : difficulty[i] = - icept[i] / load[i];",
                   "PARAMETERS")
    assert got == [A.Assignment(N(f"difficulty{i}"),
                                B("/", A.Unary("-", N(f"icept{i}")), N(f"load{i}")))
                   for i in (1, 2)]


def test_loop_random_term_uses_the_loop_variable():
    assert expanded("MODEL: { i in 1:2 } : y[i] ~ x[i] | x[i];") == [
        R("y1", "x1", random=(RT("x1"),)), R("y2", "x2", random=(RT("x2"),))]


def test_nested_loops():
    got = expanded("MODEL: { i in 1:2 } : { j in 1:2 } : x[i] ~~ y[j];")
    assert got == [A.Covariance((T(f"x{i}"),), (T(f"y{j}"),)) for i in (1, 2) for j in (1, 2)]


# ---- ranges -------------------------------------------------------------------------------------

def test_ranges_in_name_lists():
    script = expand(parse_text("VARIABLES: id v2_i:v4_i y1_1:y1_2 x1m:x2m;\nORDINAL: v2_i:v3_i;"
                               "\nNOMINAL: x1m:x2m;\nCENTER: groupmean = y1_1:y1_2;\n"
                               "LATENT: f1:f2;\nFCS: v2_i:v4_i;"))
    assert script.statements("VARIABLES") == [A.NameList(tuple(N(n) for n in (
        "id", "v2_i", "v3_i", "v4_i", "y1_1", "y1_2", "x1m", "x2m")))]
    assert script.statements("ORDINAL") == [A.NameList((N("v2_i"), N("v3_i")))]
    assert script.statements("NOMINAL") == [A.NominalList((A.NominalItem("x1m"),
                                                           A.NominalItem("x2m")))]
    assert script.statements("CENTER") == [A.CenterSpec("groupmean", (N("y1_1"), N("y1_2")))]
    assert script.statements("LATENT") == [A.LatentSpec(None, (N("f1"), N("f2")))]
    assert script.statements("FCS") == [A.NameList((N("v2_i"), N("v3_i"), N("v4_i")))]


def test_zero_padded_range():
    script = expand(parse_text("VARIABLES: x08:x10;"))
    assert script.statements("VARIABLES") == [A.NameList((N("x08"), N("x09"), N("x10")))]


def test_ranges_in_terms_keep_the_at():
    assert expanded("MODEL: y ~ x1:x3@b | x1:x2;") == [
        R("y", T("x1", N("b")), T("x2", N("b")), T("x3", N("b")),
          random=(RT("x1"), RT("x2")))]


def test_range_in_covariance_and_variance_statements():
    assert expanded("MODEL: y1:y2 ~~ y1:y2; y1:y3@resvar;") == [
        A.Covariance((T("y1"), T("y2")), (T("y1"), T("y2"))),
        A.VarianceStatement(N("y1"), N("resvar")), A.VarianceStatement(N("y2"), N("resvar")),
        A.VarianceStatement(N("y3"), N("resvar"))]


def test_sum_range_Ex4_17a():
    assert expanded("MODEL: xscale = x1:+:x3;") == [
        A.Assignment(N("xscale"), B("+", B("+", N("x1"), N("x2")), N("x3")))]


def test_simulate_range_target_Ex8_2():
    got = expanded("SIMULATE: n = 10; n: x1:x2 = normal(0, 1);", "SIMULATE", head="")
    assert got == [A.SimLevel("n", None, Num(10)), A.SimBlock("n"),
                   A.Assignment(N("x1"), C("normal", (Num(0), Num(1)))),
                   A.Assignment(N("x2"), C("normal", (Num(0), Num(1))))]


def test_range_names_must_be_known():
    with pytest.raises(BlimpSyntaxError) as err:
        expanded("MODEL: y ~ x1:x9;")
    assert err.value.message == ("unknown variable 'x8' in range x1:x9 (not in VARIABLES, "
                                 "TRANSFORM, LATENT or a definition)")
    assert (err.value.line, err.value.col) == (2, 12)


def test_range_names_created_by_transform_latent_and_definitions_are_known():
    text = ("TRANSFORM: m1 = ismissing(y1); m2 = ismissing(y2);\nLATENT: f1 f2;\nORDINAL: m1:m2;\n"
            "MODEL: r1 = y1 - f1; r2 = y2 - f2; y ~ r1:r2 f1:f2;")
    assert expanded(text)[-1] == R("y", "r1", "r2", "f1", "f2")


def test_without_variables_ranges_are_not_checked_csv_header():
    got = expand(parse_text("DATA: a.csv;\nMODEL: y ~ q1:q3;")).statements("MODEL")
    assert got == [R("y", "q1", "q2", "q3")]


def test_range_inside_expression_is_an_error():
    with pytest.raises(BlimpSyntaxError, match="cannot be used inside an expression"):
        expanded("MODEL: s = x1:x3 + 1;")


# ---- multi-outcome regressions ------------------------------------------------------------------

def test_sequential_chain_Ex4_7b():
    assert expanded("MODEL: y2 y1 x ~ d1 d2;") == [
        R("y2", "y1", "x", "d1", "d2"), R("y1", "x", "d1", "d2"), R("x", "d1", "d2")]


def test_chain_with_range_Ex4_17a():
    assert expanded("MODEL: x1:x3 d1 ~ 1;") == [
        R("x1", "x2", "x3", "d1", T(I)), R("x2", "x3", "d1", T(I)), R("x3", "d1", T(I)),
        R("d1", T(I))]


def test_braces_are_separate_regressions_Ex5_19c_loop():
    assert expanded("MODEL: { y1 y2 } ~ z1 | z1;") == [
        R("y1", "z1", random=(RT("z1"),)), R("y2", "z1", random=(RT("z1"),))]


# ---- arrows -------------------------------------------------------------------------------------

def test_arrow_latent_first_loading_fixed_Ex5_11():
    assert expanded("LATENT: f;\nMODEL: f -> y1:y3;") == [
        R("y1", T("f", Num(1))), R("y2", "f"), R("y3", "f")]


def test_arrow_labelled_first_loading_stays_free_Ex5_7():
    assert expanded("LATENT: f;\nMODEL: f -> y1@lp y2;") == [R("y1", T("f", N("lp"))), R("y2", "f")]


def test_arrow_means_and_fixed_intercepts_Ex5_17():
    assert expanded("MODEL: 1 -> y1 y2@0;") == [R("y1", T(I)), R("y2", T(I, Num(0)))]


def test_arrow_observed_sources_BK7_10():
    assert expanded("MODEL: intercept x -> y1 y2@b;") == [
        R("y1", T(I), T("x")), R("y2", T(I, N("b")), T("x", N("b")))]


def test_arrow_keeps_random_part_MSEM():
    assert expanded("LATENT: f;\nMODEL: f -> y1 y2 | 0;") == [
        R("y1", T("f", Num(1)), random=(RT(Num(0)),)), R("y2", "f", random=(RT(Num(0)),))]


def test_arrows_merge_into_one_regression_per_indicator_Ex5_18b():
    text = ("LATENT: a b;\nMODEL: a -> y1@1 y2@1; b -> y1@0 y2@1; 1 -> y1@0 y2@0;\n"
            "y2 ~ x@ac;")
    assert expanded(text) == [
        R("y1", T("a", Num(1)), T("b", Num(0)), T(I, Num(0))),
        R("y2", T("a", Num(1)), T("b", Num(1)), T(I, Num(0)), T("x", N("ac")))]


# ---- @variable normal form, merging -------------------------------------------------------------

def test_at_latent_becomes_product_Ex6_4():
    assert expanded("LATENT: level2id = b0 b1;\nMODEL: y ~ 1@b0 x@b1 (x - m)@b1 x@lab;") == [
        R("y", T(I, N("b0")), T(B("*", N("x"), N("b1")), Num(1)),
          T(B("*", B("-", N("x"), N("m")), N("b1")), Num(1)), T("x", N("lab")))]


def test_at_data_variable_becomes_product_Ex6_25b():
    text = "TRANSFORM: log_varj = ln(var_j);\nMODEL: var(y) ~ (study==1)@log_varj x@var_j;"
    assert expanded(text) == [
        R(C("var", (N("y"),)), T(B("*", B("==", N("study"), Num(1)), N("log_varj")), Num(1)),
          T(B("*", N("x"), N("var_j")), Num(1)))]


def test_same_outcome_regressions_are_merged():
    assert expanded("MODEL: y ~ x | x; z ~ x; Y ~ d1 | d1; y ~ d2;") == [
        R("y", "x", "d1", "d2", random=(RT("x"), RT("d1"))), R("z", "x")]


def test_wald_label_ranges_are_paired_Ex4_23_Ex5_18a():
    script = expand(parse_text("WALDTEST: b1:b3 = 0;\nWALDTEST: ac1 = ac2:ac3;\n"
                               "WALDTEST: a1:a2 = c1:c2;\nWALDTEST: y ~ x1:x2;"))
    tests = [c.statements for c in script.get("WALDTEST")]
    assert tests[0] == tuple(A.WaldTest((N(f"b{i}"),), (Num(0),)) for i in (1, 2, 3))
    assert tests[1] == tuple(A.WaldTest((N("ac1"),), (N(f"ac{i}"),)) for i in (2, 3))
    assert tests[2] == tuple(A.WaldTest((N(f"a{i}"),), (N(f"c{i}"),)) for i in (1, 2))
    assert tests[3] == (A.WaldTest(regression=R("y", "x1", "x2")),)


def test_expand_is_idempotent_and_leaves_the_input_alone():
    script = parse_text(HEAD + "LATENT: f;\nMODEL: { i in 1:2 } : y[i] ~ x; f -> y1:y3; "
                        "a b ~ x1:x2@q;")
    once = expand(script)
    assert expand(once) == once
    assert script != once  # the raw tree still has its Loop


def test_template_outside_loop_is_an_error():
    with pytest.raises(BlimpSyntaxError, match=r"only allowed inside a loop"):
        expanded("MODEL: y[i] ~ x;")


def test_unknown_loop_variable_is_an_error():
    with pytest.raises(BlimpSyntaxError, match="unknown loop variable 'j'"):
        expanded("MODEL: { i in 1:2 } : y[j] ~ x;")
