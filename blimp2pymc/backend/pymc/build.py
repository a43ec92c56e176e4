"""Executing generated source: the namespace it defines and the model it builds."""

from __future__ import annotations

import warnings

import pandas as pd


def execute(code: str, filename: str = "<blimp2pymc model>") -> dict:
    """Run generated source (without its ``__main__`` block) and return its namespace."""
    namespace: dict = {"__name__": "blimp2pymc_model"}
    exec(compile(code, filename, "exec"), namespace)
    return namespace


def build(namespace: dict, data: pd.DataFrame):
    """``build_model(data)`` from generated source, quiet about PyMC's imputation notices."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*automatically imputed.*")
        return namespace["build_model"](data)
