"""Ex6.20's mixed-model form (User Guide text, no Blimp output of its own):
``y_i ~ d_j | 1@0 d_j`` on data19.dat — a random effect of d_j instead of a random intercept, so
only clusters with d_j = 1 have one. It must run, and it describes the same model as the
latent-variable form whose Blimp output exists (Ex6.20.blimp-out: ``y_i ~ d_j d_j@beta0_j | 1@0``,
``beta0_j ~ 1@0``): our random-slope variance is Blimp's beta0_j variance."""

from __future__ import annotations

from pathlib import Path

import pytest

from blimp2pymc import load
from blimp2pymc.results import blimp_out
from blimp2pymc.results.compare import z_threshold

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "blimp-examples"

SCRIPT = """DATA: {data};
VARIABLES: level2id y_i d_j;
MISSING: 999;
CLUSTERID: level2id;
MODEL: y_i ~ d_j | 1@0 d_j;
SEED: 90291;
BURN: 1000;
ITER: 4000;
"""


@pytest.mark.conformance
def test_mixed_model_form_agrees_with_the_latent_variable_form(tmp_path):
    folder = EXAMPLES / "Ex6.20"
    if not folder.is_dir():
        pytest.skip("../shared/blimp-examples is absent")
    path = tmp_path / "Ex6.20.mixed.imp"
    path.write_text(SCRIPT.format(data=folder / "data19.dat"))
    job = load(path)
    (eq,) = job.spec.equations
    assert [r.labels for r in eq.random] == [("d_j",)]
    job.fit(progressbar=False)
    ours = {(r.section, r.label): r for r in job.summary_rows() if r.part == "outcome"}
    blimp = {(r.table, r.section, r.label): r for r in blimp_out.read(folder / "Ex6.20.blimp-out").rows}
    pairs = [
        (("Coefficients", "Intercept"), ("y_i", "Coefficients", "Intercept")),
        (("Coefficients", "d_j"), ("y_i", "Coefficients", "d_j")),
        (("Variances", "Residual Var."), ("y_i", "Variances", "Residual Var.")),
        (("Variances", "L2 : Var(d_j)"), ("beta0_j", "Variances", "Residual Var.")),
    ]
    for mine, theirs in pairs:
        a, b = ours[mine], blimp[theirs]
        z = abs(a.estimate - b.estimate) / b.sd
        assert z <= z_threshold(b.n_eff), (mine, a, b)
        assert 0.8 <= a.sd / b.sd <= 1.25, (mine, a, b)
