"""blimp2pymc: run Blimp scripts as PyMC models.

Pipeline (data flows one way): syntax → data → spec → backend → results.
``load(path)`` gives a job with the generated PyMC source (``.code``), the model (``.model``),
``.fit()`` and ``.summary()``.
"""

__version__ = "0.1.0"

from .api import Job, load  # noqa: E402
__all__ = ["load", "Job", "__version__"]
