"""parse_text: the exact AST of one statement of every construct (positions are not compared).

Each case is (script text, command whose statements are checked, expected statements). The Blimp
example a form comes from is given in the case id.
"""

from __future__ import annotations

import math

import pytest

from blimp2pymc.syntax import ast as A
from blimp2pymc.syntax import parse_text

# ---- shorthand builders -------------------------------------------------------------------------
N, Num, I = A.Name, A.Number, A.Intercept()
B, C, U = A.Binary, A.Call, A.Unary
Rg, Ix = A.Range, A.Index


def T(expr, at=None):
    return A.Term(N(expr) if isinstance(expr, str) else expr, at)


def RT(expr, cluster=None, at=None):
    return A.RandomTerm(N(expr) if isinstance(expr, str) else expr, cluster, at)


def R(outcomes, *terms, random=None, braces=False):
    outs = tuple(N(o) if isinstance(o, str) else o for o in
                 (outcomes if isinstance(outcomes, tuple) else (outcomes,)))
    return A.Regression(outs, tuple(t if isinstance(t, A.Term) else T(t) for t in terms),
                        random, braces)


def TN(*parts):
    return A.TemplateName(tuple(Ix(N(p[1:-1])) if p.startswith("[") else p for p in parts))


def stmts(text: str, command: str = "MODEL") -> list:
    return parse_text(text).statements(command)


CASES = [
    # ---------------- MODEL: regressions, terms, @ ------------------------------------------
    ("reg-Ex4.3", "MODEL: y ~ x1 x2 d;", "MODEL", [R("y", "x1", "x2", "d")]),
    ("intercept-spellings", "MODEL: y ~ 1 intercept Intercept;", "MODEL", [R("y", T(I), T(I), T(I))]),
    ("random-slope-Ex6.3a", "MODEL: y_i ~ x1_i | x1_i;", "MODEL",
     [R("y_i", "x1_i", random=(RT("x1_i"),))]),
    ("random-clusters-Ex6.16b",
     "MODEL: y_i ~ time_i | 1[level2id] 1[level3id] time_i[level2id];", "MODEL",
     [R("y_i", "time_i", random=(RT(I, "level2id"), RT(I, "level3id"), RT("time_i", "level2id")))]),
    ("random-removed-Ex6.20", "MODEL: y_i ~ d_j d_j@beta0_j | 1@0;", "MODEL",
     [R("y_i", "d_j", T("d_j", N("beta0_j")), random=(RT(I, at=Num(0)),))]),
    ("random-poly-BK7.3", "MODEL: y ~ visit | intercept visit visit^2;", "MODEL",
     [R("y", "visit", random=(RT(I), RT("visit"), RT(B("^", N("visit"), Num(2)))))]),
    ("at-fixed-values-Ex7.9", "MODEL: m_i ~ 1@-3 x@.5 z@1e-3;", "MODEL",
     [R("m_i", T(I, Num(-3)), T("x", Num(0.5)), T("z", Num(0.001)))]),
    ("at-labels-Ex4.11b", "MODEL: y ~ 1@b0 x1 d@b3;", "MODEL",
     [R("y", T(I, N("b0")), "x1", T("d", N("b3")))]),
    ("products-Ex5.16", "MODEL: y ~ x*m latentx*latentz*latentm@b7 (m_j*time_i*d_j)@b3;",
     "MODEL", [R("y", T(B("*", N("x"), N("m"))),
                 T(B("*", B("*", N("latentx"), N("latentz")), N("latentm")), N("b7")),
                 T(B("*", B("*", N("m_j"), N("time_i")), N("d_j")), N("b3")))]),
    ("powers-Ex4.10", "MODEL: y ~ (x1^2) age^2 visit**2 week^2*drug;", "MODEL",
     [R("y", T(B("^", N("x1"), Num(2))), T(B("^", N("age"), Num(2))),
        T(B("^", N("visit"), Num(2))), T(B("*", B("^", N("week"), Num(2)), N("drug"))))]),
    ("paren-expr-Ex6.12", "MODEL: m_i ~ 1@mmean_j (x_i - xmean_j)@alpha_j;", "MODEL",
     [R("m_i", T(I, N("mmean_j")), T(B("-", N("x_i"), N("xmean_j")), N("alpha_j")))]),
    ("booleans-Ex7.9", "MODEL: m ~ (time_i==1) (time_i > 0)*beta0_j (study==2)*log_varj@1;",
     "MODEL", [R("m", T(B("==", N("time_i"), Num(1))),
                 T(B("*", B(">", N("time_i"), Num(0)), N("beta0_j"))),
                 T(B("*", B("==", N("study"), Num(2)), N("log_varj")), Num(1)))]),
    ("dotted-names-Ex6.10", "MODEL: y_i ~ x_i.mean@beta_b y_i.lag n.2 m.y;", "MODEL",
     [R("y_i", T("x_i.mean", N("beta_b")), "y_i.lag", "n.2", "m.y")]),
    ("label-ref-WS", "MODEL: m_b ~ intercept (z_j - &mu_z);", "MODEL",
     [R("m_b", T(I), T(B("-", N("z_j"), A.LabelRef("mu_z"))))]),
    ("logit-Ex4.13a", "MODEL: logit(y) ~ x1;", "MODEL", [R(C("logit", (N("y"),)), "x1")]),
    ("yjt-Ex4.19", "MODEL: yjt(x2 - 15) ~ x1;", "MODEL",
     [R(C("yjt", (B("-", N("x2"), Num(15)),)), "x1")]),
    ("var-Ex6.8", "MODEL: var(y_i) ~ 1@logvar_j x1_i;", "MODEL",
     [R(C("var", (N("y_i"),)), T(I, N("logvar_j")), "x1_i")]),
    ("ln-sqrt-paren-lhs-BK3.6", "MODEL: ln(dpdd + 1) ~ x; sqrt(dpdd) ~ x; (1 / (dpdd + 1)) ~ x;",
     "MODEL", [R(C("ln", (B("+", N("dpdd"), Num(1)),)), "x"), R(C("sqrt", (N("dpdd"),)), "x"),
               R(B("/", Num(1), B("+", N("dpdd"), Num(1))), "x")]),
    ("missing-indicator-Ex7.1a", "MODEL: y.missing ~ y;", "MODEL", [R("y.missing", "y")]),
    ("multi-outcome-Ex4.7b", "MODEL: a3 a2 a1 ~ y x d;", "MODEL",
     [R(("a3", "a2", "a1"), "y", "x", "d")]),
    ("range-outcomes-Ex4.17a", "MODEL: x1:x7 d1 d2 ~ 1;", "MODEL",
     [R((Rg("x1", "x7"), "d1", "d2"), T(I))]),
    ("braces-Ex5.19c.loop", "MODEL: { etax etay } ~ z1;", "MODEL",
     [R(("etax", "etay"), "z1", braces=True)]),
    ("range-predictors-Ex8.2", "MODEL: y ~ x1:x2;", "MODEL", [R("y", T(Rg("x1", "x2")))]),
    # ---------------- MODEL: ->, ~~, variances, definitions ---------------------------------
    ("arrow-loadings-Ex5.7", "MODEL: latentx -> x1@xload_prior x2:x6;", "MODEL",
     [A.Arrow((T("latentx"),), (T("x1", N("xload_prior")), T(Rg("x2", "x6"))))]),
    ("arrow-means-Ex5.17", "MODEL: 1 -> y0@0 y1@0;", "MODEL",
     [A.Arrow((T(I),), (T("y0", Num(0)), T("y1", Num(0))))]),
    ("arrow-two-sources-BK7.10", "MODEL: intercept female -> b0c b1c;", "MODEL",
     [A.Arrow((T(I), T("female")), (T("b0c"), T("b1c")))]),
    ("arrow-random-MSEM", "MODEL: ACH_w -> ACH1:ACH4 | 0;", "MODEL",
     [A.Arrow((T("ACH_w"),), (T(Rg("ACH1", "ACH4")),), (RT(Num(0)),))]),
    ("arrow-yjt-target-BK6.3", "MODEL: inflammation -> yjt(crp)@load1 tnf;", "MODEL",
     [A.Arrow((T("inflammation"),), (T(C("yjt", (N("crp"),)), N("load1")), T("tnf")))]),
    ("cov-block-Ex4.1a", "MODEL: x1 y1 y2 ~~ x1 y1 y2;", "MODEL",
     [A.Covariance((T("x1"), T("y1"), T("y2")), (T("x1"), T("y1"), T("y2")))]),
    ("cov-labelled-Ex6.12", "MODEL: alpha_j ~~ beta_j@ab_cor; latenty ~~ latenty@1;", "MODEL",
     [A.Covariance((T("alpha_j"),), (T("beta_j", N("ab_cor")),)),
      A.Covariance((T("latenty"),), (T("latenty", Num(1)),))]),
    ("variance-Ex5.17", "MODEL: y0@resvar; latentx@1; y0:y3@v; quad@.001;", "MODEL",
     [A.VarianceStatement(N("y0"), N("resvar")), A.VarianceStatement(N("latentx"), Num(1)),
      A.VarianceStatement(Rg("y0", "y3"), N("v")), A.VarianceStatement(N("quad"), Num(0.001))]),
    ("definition-Ex6.24", "MODEL: lag_yres = ifelse(time <= 1, 0, y_i.lag - lag_yhat);", "MODEL",
     [A.Assignment(N("lag_yres"), C("ifelse", (B("<=", N("time"), Num(1)), Num(0),
                                               B("-", N("y_i.lag"), N("lag_yhat")))))]),
    ("definition-sum-range-Ex4.17a", "MODEL: xscale = x1:+:x7;", "MODEL",
     [A.Assignment(N("xscale"), A.SumRange("x1", "x7"))]),
    ("definition-nested-Ex5.18a", "MODEL: ry1 = y1 - (eta_icept + (0*eta_slope));", "MODEL",
     [A.Assignment(N("ry1"), B("-", N("y1"), B("+", N("eta_icept"),
                                                B("*", Num(0), N("eta_slope")))))]),
    ("block-labels-Ex4.17a-Ex8.8",
     "MODEL:\n  focal.model:\n  y ~ x;\n  1: y ~ x1m:x2m;\n  Outcome_l2:\n", "MODEL",
     [A.BlockLabel("focal.model"), R("y", "x"), A.BlockLabel("1"), R("y", T(Rg("x1m", "x2m"))),
      A.BlockLabel("Outcome_l2")]),
    # ---------------- loops ----------------------------------------------------------------
    ("loop-Ex6.25b", "MODEL: { i in 1:3 } : var(es_j) ~ (study==[i])@log_varj;", "MODEL",
     [A.Loop((A.LoopBinding("i", (1, 2, 3)),),
             R(C("var", (N("es_j"),)), T(B("==", N("study"), Ix(N("i"))), N("log_varj"))))]),
    ("loop-two-bindings-Ex5.19a.loop",
     "MODEL: { v in x y, i in 1:2 } : r[v][i] = [v][i] - (mu[v][i] + eta[v]);", "MODEL",
     [A.Loop((A.LoopBinding("v", ("x", "y")), A.LoopBinding("i", (1, 2))),
             A.Assignment(TN("r", "[v]", "[i]"),
                          B("-", TN("[v]", "[i]"), B("+", TN("mu", "[v]", "[i]"),
                                                     TN("eta", "[v]")))))]),
    ("loop-index-arith-Ex5.18a.loop",
     "MODEL: { i in 2:3 } : y[i] ~ 1@eta_icept eta_slope@[i-1] ry[i-1]@ac;", "MODEL",
     [A.Loop((A.LoopBinding("i", (2, 3)),),
             R(TN("y", "[i]"), T(I, N("eta_icept")),
               T("eta_slope", Ix(B("-", N("i"), Num(1)))),
               T(A.TemplateName(("ry", Ix(B("-", N("i"), Num(1))))), N("ac"))))]),
    ("loop-template-suffix-BK6.10", "MODEL: { t in 1 2 } : anxdep[t]w ~ female;", "MODEL",
     [A.Loop((A.LoopBinding("t", (1, 2)),), R(TN("anxdep", "[t]", "w"), "female"))]),
    ("loop-covariance-Ex5.19a.loop", "MODEL: { i in 1:2 } : x[i] ~~ y[i];", "MODEL",
     [A.Loop((A.LoopBinding("i", (1, 2)),),
             A.Covariance((T(TN("x", "[i]")),), (T(TN("y", "[i]")),)))]),
    ("loop-parameters-Ex5.8a.loop",
     "PARAMETERS: { i in 1:2 } : difficulty[i] = - icept[i] / load[i];", "PARAMETERS",
     [A.Loop((A.LoopBinding("i", (1, 2)),),
             A.Assignment(TN("difficulty", "[i]"),
                          B("/", U("-", TN("icept", "[i]")), TN("load", "[i]"))))]),
    # ---------------- PARAMETERS -----------------------------------------------------------
    ("parameters-Ex7.2a",
     "PARAMETERS:\n  cohensd = .20;\n  b0diff = cohensd * sqrt(resvar);\n  x = -.50;\n"
     "  hazard.1 = exp(a1) / (1 + exp(a1));\n  ab = alpha_mean * beta_mean + ab_cov;\n"
     "  w = sqrt(w_j.totalvar);\n  den = sqrt(beta^2*m_resvar + 1);", "PARAMETERS",
     [A.Assignment(N("cohensd"), Num(0.2)),
      A.Assignment(N("b0diff"), B("*", N("cohensd"), C("sqrt", (N("resvar"),)))),
      A.Assignment(N("x"), U("-", Num(0.5))),
      A.Assignment(N("hazard.1"), B("/", C("exp", (N("a1"),)),
                                    B("+", Num(1), C("exp", (N("a1"),))))),
      A.Assignment(N("ab"), B("+", B("*", N("alpha_mean"), N("beta_mean")), N("ab_cov"))),
      A.Assignment(N("w"), C("sqrt", (N("w_j.totalvar"),))),
      A.Assignment(N("den"), C("sqrt", (B("+", B("*", B("^", N("beta"), Num(2)),
                                                   N("m_resvar")), Num(1)),)))]),
    ("prior-Ex5.7", "PARAMETERS: xload_prior ~ truncate(0, Inf);", "PARAMETERS",
     [A.Prior(N("xload_prior"), C("truncate", (Num(0), Num(math.inf))))]),
    # ---------------- SIMULATE -------------------------------------------------------------
    ("simulate-Ex8.2",
     "SIMULATE:\n\tn = 1000;\n\tdefine:\n\t\tb0 = 10;\n\t\tx1 ~~ x2 = 0.3;\n\tn:\n"
     "\t\tx1:x2 = normal(0, 1);\n\t\ty ~ normal(b0 + x1, 1);\n", "SIMULATE",
     [A.SimLevel("n", None, Num(1000)), A.SimBlock("define"), A.Assignment(N("b0"), Num(10)),
      A.SimCorrelation("x1", "x2", Num(0.3)), A.SimBlock("n"),
      A.Assignment(Rg("x1", "x2"), C("normal", (Num(0), Num(1)))),
      A.SimDraw(N("y"), C("normal", (B("+", N("b0"), N("x1")), Num(1))))]),
    ("simulate-levels-Ex8.10",
     "SIMULATE:\n\tlevel_1(1) = 50 * 100;\n\tlevel_2(2) = 100;\n\tlevel_1:\n"
     "\t\ttime = level_1.time;\n\t\te_x ~~ e_y := 0.3;\n\t\tmu := b0 + b1;\n"
     "\t\tyc = yb + (xc.lag - xb)*-.3;\n"
     "\t\ty = missing((time > 1) and (bernoulli(0.5)),\n\t\t\tyc\n\t\t);\n", "SIMULATE",
     [A.SimLevel("level_1", 1, B("*", Num(50), Num(100))), A.SimLevel("level_2", 2, Num(100)),
      A.SimBlock("level_1"), A.Assignment(N("time"), N("level_1.time")),
      A.SimCorrelation("e_x", "e_y", Num(0.3)),
      A.Assignment(N("mu"), B("+", N("b0"), N("b1")), op=":="),
      A.Assignment(N("yc"), B("+", N("yb"), B("*", B("-", N("xc.lag"), N("xb")),
                                             U("-", Num(0.3))))),
      A.Assignment(N("y"), C("missing", (B("and", B(">", N("time"), Num(1)),
                                                C("bernoulli", (Num(0.5),))), N("yc"))))]),
    # ---------------- SIMPLE, WALDTEST -----------------------------------------------------
    ("simple-Ex4.8a", "SIMPLE: x | m; latentm | d;", "SIMPLE",
     [A.Simple(N("x"), (N("m"),)), A.Simple(N("latentm"), (N("d"),))]),
    ("simple-and-Ex5.16", "SIMPLE: latentx | latentm and latentz;", "SIMPLE",
     [A.Simple(N("latentx"), (N("latentm"), N("latentz")))]),
    ("simple-quartile-BK5.2", "SIMPLE: (a1 + a3*age16)*b1 | age16 @ quartile;", "SIMPLE",
     [A.Simple(B("*", B("+", N("a1"), B("*", N("a3"), N("age16"))), N("b1")), (N("age16"),),
               "quartile")]),
    ("wald-range-Ex4.23", "WALDTEST: b1:b3 = 0;", "WALDTEST",
     [A.WaldTest((Rg("b1", "b3"),), (Num(0),))]),
    ("wald-equal-Ex4.23", "WALDTEST: b1 = b2;", "WALDTEST", [A.WaldTest((N("b1"),), (N("b2"),))]),
    ("wald-one-to-range-Ex5.18a", "WALDTEST: ac1 = ac2:ac5;", "WALDTEST",
     [A.WaldTest((N("ac1"),), (Rg("ac2", "ac5"),))]),
    ("wald-several-BK6.10", "WALDTEST: a12 = a13; a13 = a14;", "WALDTEST",
     [A.WaldTest((N("a12"),), (N("a13"),)), A.WaldTest((N("a13"),), (N("a14"),))]),
    ("wald-nested-BK2.1", "WALDTEST: dpdd ~ female age;", "WALDTEST",
     [A.WaldTest(regression=R("dpdd", "female", "age"))]),
    # ---------------- other commands -------------------------------------------------------
    ("center-Ex6.3a", "CENTER:\n  groupmean = x1_i;\n  grandmean = x2_i x_i.mean;", "CENTER",
     [A.CenterSpec("groupmean", (N("x1_i"),)), A.CenterSpec("grandmean", (N("x2_i"), N("x_i.mean")))]),
    ("center-bare-Ex4.3", "CENTER: x1 x2:x3;", "CENTER",
     [A.CenterSpec("grandmean", (N("x1"), Rg("x2", "x3")))]),
    ("center-rblimp-cgm-cwc", "CENTER: cgm = x; CWC = y;", "CENTER",
     [A.CenterSpec("grandmean", (N("x"),)), A.CenterSpec("groupmean", (N("y"),))]),
    ("latent-two-levels-Ex6.17", "LATENT: level2id = b0_j b1_j; level3id = b0_k;", "LATENT",
     [A.LatentSpec("level2id", (N("b0_j"), N("b1_j"))), A.LatentSpec("level3id", (N("b0_k"),))]),
    ("latent-one-line-MSEM", "LATENT: ACH_w schid = ACH_b;", "LATENT",
     [A.LatentSpec(None, (N("ACH_w"),)), A.LatentSpec("schid", (N("ACH_b"),))]),
    ("randomeffect-Ex6.9a", "RANDOMEFFECT:\n  beta0_j = y_i | 1 [level2id];\n"
     "  beta1_j = y_i | x1_i [level2id];", "RANDOMEFFECT",
     [A.RandomEffectSpec("beta0_j", "y_i", RT(I, "level2id")),
      A.RandomEffectSpec("beta1_j", "y_i", RT("x1_i", "level2id"))]),
    ("nominal-reference-Ex4.14", "NOMINAL: n d(3) v1:v2;", "NOMINAL",
     [A.NominalList((A.NominalItem("n"), A.NominalItem("d", 3), Rg("v1", "v2")))]),
    ("missing-code", "MISSING: 999;", "MISSING", [A.MissingCode(999)]),
    ("missing-negative", "MISSING: -99;", "MISSING", [A.MissingCode(-99)]),
    ("missing-NA-rblimp", "MISSING: NA;", "MISSING", [A.MissingCode(None)]),
    ("save-Ex4.4", "SAVE: stacked = imps.dat; estimates = out/est.csv;", "SAVE",
     [A.SaveTarget("stacked", "imps.dat"), A.SaveTarget("estimates", "out/est.csv")]),
    ("options-case-BK6.8", "OPTIONS: prior1 saveLatent savevariablenames;", "OPTIONS",
     [A.Options(("prior1", "savelatent", "savevariablenames"))]),
    ("data-path-BK", "DATA: ../data/my-file.v2.csv;", "DATA", [A.Path("../data/my-file.v2.csv")]),
    ("dropout-Ex7.9", "DROPOUT: m_i = y_i;", "DROPOUT", [A.Assignment(N("m_i"), N("y_i"))]),
    ("transform-Ex4.16",
     "TRANSFORM:\n  y = missing(ycnt == 0, ycnt);\n  ybin = ifelse(ycnt == 0, 0, 1);\n"
     "  m = ismissing(y);\n  lv = ln(var_j);\n  age16 = age - 16;", "TRANSFORM",
     [A.Assignment(N("y"), C("missing", (B("==", N("ycnt"), Num(0)), N("ycnt")))),
      A.Assignment(N("ybin"), C("ifelse", (B("==", N("ycnt"), Num(0)), Num(0), Num(1)))),
      A.Assignment(N("m"), C("ismissing", (N("y"),))),
      A.Assignment(N("lv"), C("ln", (N("var_j"),))),
      A.Assignment(N("age16"), B("-", N("age"), Num(16)))]),
    ("variables-Ex6.16a", "VARIABLES: level1id y_i\n   v2_j:v5_j d.j;", "VARIABLES",
     [A.NameList((N("level1id"), N("y_i"), Rg("v2_j", "v5_j"), N("d.j")))]),
    ("clusterid-two-Ex6.16a", "CLUSTERID: level2id level3id;", "CLUSTERID",
     [A.NameList((N("level2id"), N("level3id")))]),
    ("filter-rblimp", "FILTER: group == 1;", "FILTER",
     [A.FilterSpec(B("==", N("group"), Num(1)))]),
    ("output-rblimp", "OUTPUT: default;", "OUTPUT", [A.Options(("default",))]),
]


@pytest.mark.parametrize("text,command,expected", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_statement_ast(text, command, expected):
    assert stmts(text, command) == expected


def test_latent_statements_ex6_18():
    assert stmts("LATENT:\nlaty_lev1;\nlevel2id = laty_lev2 b1:b2;", "LATENT") == [
        A.LatentSpec(None, (N("laty_lev1"),)),
        A.LatentSpec("level2id", (N("laty_lev2"), Rg("b1", "b2")))]


@pytest.mark.parametrize("name", ["SEED", "BURN", "ITER", "CHAINS", "NIMPS", "THIN"])
def test_integer_settings(name):
    assert parse_text(f"{name}: 1234;").commands == (A.Command(name, (A.Setting(1234),)),)


@pytest.mark.parametrize("text,canonical", [
    ("ITERATIONS: 4;", "ITER"), ("Iter: 4;", "ITER"), ("CHAIN: 4;", "CHAINS"),
    ("CENTERING: x;", "CENTER"), ("TEST: b1 = 0;", "WALDTEST"), ("model: y ~ x;", "MODEL"),
    ("timeid: week;", "TIMEID"), ("dropout: m = y;", "DROPOUT"), ("Variable: x;", "VARIABLES")])
def test_command_names_case_and_aliases(text, canonical):
    assert [c.name for c in parse_text(text).commands] == [canonical]


@pytest.mark.parametrize("name", ["ORDINAL", "FIXED", "COUNT", "TIMEID", "WEIGHT", "BYGROUP",
                                  "FCS"])
def test_name_list_commands(name):
    assert stmts(f"{name}: a b1:b3 c.d;", name) == [
        A.NameList((N("a"), Rg("b1", "b3"), N("c.d")))]


def test_numbers():
    (reg,) = stmts("MODEL: y ~ x@2.5E2 z@.20 w@7 v@0.5;")
    assert [t.at for t in reg.terms] == [Num(250.0), Num(0.2), Num(7), Num(0.5)]
    (prior,) = stmts("PARAMETERS: a ~ truncate(-Inf, inf);", "PARAMETERS")
    assert prior.dist == C("truncate", (U("-", Num(math.inf)), Num(math.inf)))


# ---- whole-file layout ----------------------------------------------------------------------

def test_commands_in_any_order_and_repeated():
    script = parse_text("ORDINAL: d; TRANSFORM: d = ismissing(y); ORDINAL: d y;\nDATA: a.dat;")
    assert [c.name for c in script.commands] == ["ORDINAL", "TRANSFORM", "ORDINAL", "DATA"]
    assert script.get("ORDINAL")[1].statements == (A.NameList((N("d"), N("y"))),)


def test_keyword_at_statement_start_not_line_start_rblimp():
    script = parse_text("MODEL: ;FCS: y x1;")
    assert script.commands == (A.Command("MODEL", ()),
                               A.Command("FCS", (A.NameList((N("y"), N("x1"))),)))
    script = parse_text("CLUSTERID: person; timeid: week; dropout: dropout = severity;")
    assert [c.name for c in script.commands] == ["CLUSTERID", "TIMEID", "DROPOUT"]


def test_comments_everywhere_UG6_6_25():
    text = ("#! nightly\nDATA: a.dat; # the data\nMODEL:\n  var(es_j) ~ 1@0  # fix variance\n"
            "    (study==1)*log_varj@1 # study 1\n    x;")
    (reg,) = stmts(text)
    assert reg == R(C("var", (N("es_j"),)), T(I, Num(0)),
                    T(B("*", B("==", N("study"), Num(1)), N("log_varj")), Num(1)), "x")


def test_crlf_tabs_no_trailing_newline_and_empty_statements():
    text = "DATA: a.dat;\r\nMODEL:\r\n\ty ~\tx1\r\n\t\tx2;;\r\n;ITER: 10;"
    script = parse_text(text)
    assert script.statements("MODEL") == [R("y", "x1", "x2")]
    assert script.statements("ITER") == [A.Setting(10)]


def test_bom_in_text_is_ignored():
    assert parse_text("\ufeffDATA: a.dat;").statements("DATA") == [A.Path("a.dat")]


def test_positions_are_recorded():
    script = parse_text("DATA: a.dat;\nMODEL:\n  y ~ x1\n    x2@b;", "s.imp")
    model = script.get("MODEL")[0]
    assert (model.line, model.col) == (2, 1)
    (reg,) = model.statements
    assert (reg.line, reg.col) == (3, 3)
    assert (reg.terms[1].line, reg.terms[1].col) == (4, 5)
    assert (reg.terms[1].at.line, reg.terms[1].at.col) == (4, 8)
    assert script.path == "s.imp"


def test_positions_inside_loop_brackets():
    (loop,) = stmts("MODEL:\n{ i in 1:2 } : y[i] ~ x@[i-1];")
    at = loop.body.terms[0].at
    assert (at.line, at.col) == (2, 25)
    assert (at.expr.line, at.expr.col) == (2, 26)
