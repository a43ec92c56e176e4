"""Command line: ``blimp2pymc parse|translate|run|check``. Only wires the stages together.

Every BlimpError is printed as ``FILE:LINE:COL: message`` and exits with status 2; no traceback.
"""

from __future__ import annotations

import argparse
import json
import sys

from .errors import BlimpError


def _cmd_parse(args) -> int:
    from .syntax import expand, parse_file, to_dict

    script = parse_file(args.file)
    if not args.raw:
        script = expand(script)
    if args.json:
        print(json.dumps(to_dict(script), indent=1))
    else:
        from .syntax import format_script
        print(format_script(script))
    return 0


def _cmd_translate(args) -> int:
    from .api import load

    job = load(args.file, build=False)
    if args.output:
        from .api import write_whole
        try:
            write_whole(args.output, job.code)
        except OSError as err:    # no such folder, a directory, no permission
            raise BlimpError(f"cannot write the model source: {err.strerror or err}",
                             file=args.output) from None
    else:
        print(job.code)
    return 0


def _sampling_overrides(args) -> dict:
    out = {}
    for key in ("draws", "tune", "chains", "seed"):
        value = getattr(args, key, None)
        if value is not None:
            out[key] = value
    return out


def _cmd_run(args) -> int:
    from .api import load

    job = load(args.file)
    job.fit(progressbar=not args.quiet, **_sampling_overrides(args))
    print(job.report())
    return 0


def _cmd_check(args) -> int:
    from .results import blimp_out
    from .results.compare import compare, format_text, to_json

    try:
        reference = blimp_out.read(args.against)
    except OSError as err:        # read before fitting, so a typo costs no sampling time
        raise BlimpError(f"cannot read the Blimp output: {err.strerror or err}",
                         file=args.against) from None
    from .api import load

    job = load(args.file)
    job.fit(progressbar=not (args.quiet or args.json), **_sampling_overrides(args))
    result = compare(job.summary_rows(), reference)
    if args.json:
        print(json.dumps(to_json(result, show_all=args.all)))
    else:
        print(format_text(result, show_all=args.all))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="blimp2pymc",
                                     description="Run Blimp scripts as PyMC models.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="parse a script and print its (expanded) syntax tree")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the tree as JSON")
    p.add_argument("--raw", action="store_true", help="do not expand loops, ranges and shorthands")
    p.set_defaults(func=_cmd_parse)

    p = sub.add_parser("translate", help="print (or write) the generated PyMC source")
    p.add_argument("file")
    p.add_argument("-o", "--output", help="write the source to this file instead of stdout")
    p.set_defaults(func=_cmd_translate)

    def sampling_flags(p):
        p.add_argument("--draws", type=int, help="posterior draws per chain (default from ITER)")
        p.add_argument("--tune", type=int, help="tuning iterations per chain (default from BURN)")
        p.add_argument("--chains", type=int, help="number of chains (default from CHAINS, else 4)")
        p.add_argument("--seed", type=int, help="random seed (default from SEED)")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    p = sub.add_parser("run", help="fit the model and print Blimp-style tables")
    p.add_argument("file")
    sampling_flags(p)
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("check", help="fit and compare with a Blimp output file")
    p.add_argument("file")
    p.add_argument("--against", required=True, help="the .blimp-out file to compare with")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--all", action="store_true",
                   help="also show rows that are not counted (predictor models)")
    sampling_flags(p)
    p.set_defaults(func=_cmd_check)
    return parser


def _quiet_library_warnings() -> None:
    """Library notices that say nothing about the user's script (PyTensor without BLAS, ArviZ's
    refactoring notice, PyMC's imputation notice) are not printed by the CLI."""
    import warnings

    warnings.filterwarnings("ignore", message=".*could not link to a BLAS.*")
    warnings.filterwarnings("ignore", category=FutureWarning, module="arviz")
    warnings.filterwarnings("ignore", message=".*automatically imputed.*")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _quiet_library_warnings()
    try:
        return args.func(args)
    except BlimpError as err:
        print(err.format(), file=sys.stderr)
        return 2
    except BrokenPipeError:       # `blimp2pymc parse --json x.imp | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
