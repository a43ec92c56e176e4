"""PyMC backend: the only package that imports PyMC.

``generate(spec)`` writes the model source; ``execute(code)`` runs it; the generated
``build_model`` / ``sample`` functions use ``runtime`` helpers and the ``LatentResponseGibbs`` step.
"""

from .build import build, execute
from .codegen import generate, sampler_settings

__all__ = ["generate", "execute", "build", "sampler_settings"]
