"""Commands that set how the model is run rather than what it is: SEED, BURN, ITER, CHAINS,
NIMPS, OPTIONS — and the commands this version cannot translate yet (a clear error each, never
silently ignored)."""

from __future__ import annotations

from ..syntax import ast as A
from . import model as M
from .symbols import Symbols, unsupported

#: Blimp's defaults when a script leaves them out (rblimp's burn/iter; Blimp 4's four chains).
DEFAULT_BURN = 10000
DEFAULT_ITER = 10000
DEFAULT_CHAINS = 4

#: OPTIONS that only change what Blimp prints; they do not change the model.
DISPLAY_OPTIONS = ("pinfo", "tuneinfo", "allpatterns", "labels", "savevariablenames")
PRIOR_OPTIONS = ("prior1", "prior2", "prior3")

#: Commands not translated yet, with what they do (for the error message).
UNSUPPORTED_COMMANDS = {
    "SIMULATE": "SIMULATE (data generation)",
    "FCS": "FCS (fully conditional specification imputation)",
    "BYGROUP": "BYGROUP (separate samplers per group)",
    "WEIGHT": "WEIGHT (sampling weights)",
    "DROPOUT": "DROPOUT (dropout indicators)",
    "TIMEID": "TIMEID (lagged variables)",
    "LATENT": "LATENT variables",
    "RANDOMEFFECT": "RANDOMEFFECT (named random effects)",
    "WALDTEST": "WALDTEST (Wald tests)",
    "SAVE": "SAVE (writing imputations and estimates)",
    "THIN": "THIN",
    "OUTPUT": "OUTPUT",
    "FILTER": "FILTER",
}


def check_commands(sym: Symbols) -> None:
    """Raise NotSupportedError for the first command this version cannot translate."""
    for command in sym.script.commands:
        feature = UNSUPPORTED_COMMANDS.get(command.name)
        if feature is not None:
            raise unsupported(sym.script, command, feature)
    if not sym.script.has("MODEL"):
        raise unsupported(sym.script, None, "scripts without a MODEL command")
    for st in sym.script.statements("MODEL"):
        if isinstance(st, A.Covariance):
            raise unsupported(sym.script, st, "covariance statements ('~~')")
        elif isinstance(st, A.Assignment):
            raise unsupported(sym.script, st, "definition variables in MODEL")


def _setting(sym: Symbols, name: str, default):
    values = [s.value for s in sym.script.statements(name) if isinstance(s, A.Setting)]
    return values[-1] if values else default


def sampling(sym: Symbols) -> M.Sampling:
    """SEED / BURN / ITER / CHAINS / NIMPS with Blimp's defaults."""
    return M.Sampling(seed=_setting(sym, "SEED", None),
                      burn=_setting(sym, "BURN", DEFAULT_BURN),
                      iterations=_setting(sym, "ITER", DEFAULT_ITER),
                      chains=_setting(sym, "CHAINS", DEFAULT_CHAINS),
                      nimps=_setting(sym, "NIMPS", None))


def options(sym: Symbols) -> tuple[M.Priors, list[str]]:
    """The prior option and warnings for options that do not change the model."""
    covariance = "prior2"
    warnings = []
    for st in sym.script.statements("OPTIONS"):
        for kw in st.keywords:
            if kw in PRIOR_OPTIONS:
                covariance = kw
            elif kw in DISPLAY_OPTIONS:
                warnings.append(f"OPTIONS {kw} only changes Blimp's printed output; "
                                "blimp2pymc ignores it.")
            else:
                raise unsupported(sym.script, st, f"OPTIONS {kw}")
    if sym.script.has("NIMPS"):
        warnings.append("NIMPS has no effect without SAVE.")
    return M.Priors(covariance=covariance), warnings
