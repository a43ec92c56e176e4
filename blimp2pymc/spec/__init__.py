"""Spec stage: expanded AST + data → ``ModelSpec`` (what the script means, Blimp's defaults made
explicit). Never imports PyMC.

Public API::

    build_spec(script, dataset) -> ModelSpec
"""

from .build import build_spec
from .model import ModelSpec

__all__ = ["build_spec", "ModelSpec"]
