"""Python API: ``load(path)`` runs the stages (syntax → data → spec → backend) and returns a ``Job``
with the generated source (``.code``), the PyMC model (``.model``), ``.fit()`` and ``.summary()``.

Only wiring lives here; every decision belongs to a stage.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .data import Dataset, load_data
from .spec import ModelSpec, build_spec
from .syntax import ast as A
from .syntax import expand, parse_file


@dataclass
class Job:
    """One Blimp script on its way through the pipeline."""

    path: str
    script: A.Script
    dataset: Dataset
    spec: ModelSpec
    code: str
    _namespace: dict | None = field(default=None, repr=False)
    _model: object = field(default=None, repr=False)
    idata: object = field(default=None, repr=False)

    # -- the model -------------------------------------------------------------------------

    @property
    def data(self) -> pd.DataFrame:
        """The analysed rows (what ``build_model`` receives)."""
        from .backend.pymc.runtime import analysed_frame

        return analysed_frame(self.dataset.frame, self.spec)

    @property
    def namespace(self) -> dict:
        if self._namespace is None:
            from .backend.pymc import execute

            self._namespace = execute(self.code, filename=f"<model of {self.path}>")
        return self._namespace

    @property
    def model(self):
        """The ``pm.Model``, built by executing ``self.code``."""
        if self._model is None:
            from .backend.pymc import build

            self._model = build(self.namespace, self.data)
        return self._model

    def sampler_settings(self) -> dict:
        """Draws, tuning iterations, chains and seed derived from BURN / ITER / CHAINS / SEED."""
        from .backend.pymc import sampler_settings

        return sampler_settings(self.spec.sampling)

    # -- fitting and results -----------------------------------------------------------------

    def fit(self, *, draws: int | None = None, tune: int | None = None,
            chains: int | None = None, seed: int | None = None, progressbar: bool = True,
            cores: int | None = None, **kwargs):
        """Sample the posterior with the generated ``sample()`` (Gibbs steps + NUTS).
        Returns (and keeps) the ArviZ InferenceData."""
        settings = self.sampler_settings()
        for key, value in (("draws", draws), ("tune", tune), ("chains", chains),
                           ("seed", seed)):
            if value is not None:
                settings[key] = value
        if cores is None:
            cores = min(settings["chains"], os.cpu_count() or 1)
        kwargs.setdefault("compute_convergence_checks", False)
        with _quiet_graph_rewrites():
            self.idata = self.namespace["sample"](self.model, self.data,
                                                  draws=settings["draws"], tune=settings["tune"],
                                                  chains=settings["chains"],
                                                  seed=settings["seed"],
                                                  progressbar=progressbar, cores=cores, **kwargs)
        return self.idata

    def _require_fit(self):
        if self.idata is None:
            raise RuntimeError("call .fit() first")

    def summary_rows(self):
        """Blimp-style summary rows (``SummaryRow``) of the fitted model."""
        from .results.summary import summary_rows

        self._require_fit()
        return summary_rows(self.idata.posterior, self.spec)

    def summary(self) -> dict[str, pd.DataFrame]:
        """The summary tables as DataFrames, keyed by table name (outcome, parameters …)."""
        from .results.format import as_frames

        return as_frames(self.summary_rows())

    def report(self) -> str:
        """The summary as Blimp prints it."""
        from .results.format import report

        self._require_fit()
        return report(self.summary_rows(), self.spec, self.idata)


@contextlib.contextmanager
def _quiet_graph_rewrites():
    """PyTensor logs a failed optional graph rewrite (a fusion of elementwise operations on PyMC's
    raveled gradient inputs, "KeyError: joined_inputs") as an ERROR with a traceback, then skips
    it and compiles a correct function. Those messages say nothing about the user's model."""
    logger = logging.getLogger("pytensor.graph.rewriting.basic")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def load(path: str | os.PathLike, *, build: bool = True) -> Job:
    """Parse, read and resolve a Blimp script and generate its PyMC model.

    ``build=False`` stops after generating the source (``job.model`` is then built on first use).
    """
    from .backend.pymc import generate

    path = str(path)
    script = expand(parse_file(path))
    dataset = load_data(script, path)
    spec = build_spec(script, dataset)
    job = Job(path=path, script=script, dataset=dataset, spec=spec, code=generate(spec))
    if build:
        job.model  # noqa: B018  (build now so errors surface at load time)
    return job


def write_whole(path: str | os.PathLike, text: str) -> None:
    """Write a file whole or not at all: a temporary file in the same folder, then a rename."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
