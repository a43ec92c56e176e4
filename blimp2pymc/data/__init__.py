"""Data stage: read the data file a Blimp script names and describe it for the later stages.

``load_data(script, script_path)`` reads DATA (whitespace ``.dat`` or ``.csv``), applies MISSING,
VARIABLES and TRANSFORM, codes the CLUSTERID identifiers and detects the level of every variable,
returning a ``Dataset``. Modules: ``reader`` (file parsing), ``transform`` (TRANSFORM evaluation),
``levels`` (cluster codes, level detection), ``names`` (name checks), ``dataset`` (the result type),
``load`` (the orchestration).
"""

from blimp2pymc.data.dataset import Dataset
from blimp2pymc.data.load import load_data

__all__ = ["Dataset", "load_data"]
