"""`vericode corpus check DIR` and `vericode corpus import vericoding PATH --out DIR`."""

from __future__ import annotations

import argparse
from pathlib import Path

from vericode.cli.options import add_json_option, add_verifier_options, settings
from vericode.errors import BadInput, ExitCode

NAME = "corpus"
HELP = "check a problem corpus against its references, or import the vericoding benchmark"
DESCRIPTION = """\
corpus check DIR|FILE.jsonl: every problem's reference solution (NAME.ref.dfy beside
NAME.dfy) must be accepted by the integrity gate and verified, and the skeleton alone
(placeholder body) must NOT verify. Exit 0 when every problem passes, 1 otherwise.

corpus import vericoding PATH --out DIR: convert the vericoding benchmark's Dafny
JSONL file, or a folder of its tagged *_specs.dfy files, into tagged problems."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=("check", "import"))
    p.add_argument("args", nargs="+", metavar="ARG",
                   help="check: DIR or FILE.jsonl; import: vericoding PATH")
    p.add_argument("--out", type=Path, help="import: the folder to write problems into")
    p.add_argument("--no-reference-needed", dest="need_reference", action="store_false",
                   help="check: do not require reference solutions (imported corpora)")
    add_verifier_options(p)
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    if args.action == "import":
        return _import(args)
    return _check(args)


def _check(args: argparse.Namespace) -> int:
    from vericode.batch.corpus import check_corpus
    from vericode.cli import ui
    from vericode.dafny.run.backends import open_verifier

    if len(args.args) != 1:
        raise BadInput("usage: vericode corpus check DIR|FILE.jsonl")
    path = Path(args.args[0])
    if not path.exists():
        raise BadInput(f"{path}: no such file or folder")
    chosen = settings(args)
    show = None if args.json else ui.print_problem_check
    with open_verifier(chosen) as verifier:
        results = check_corpus(path, verifier, chosen.jobs, args.need_reference, show)
    if args.json:
        ui.print_json({"problems": [r.model_dump(mode="json") for r in results],
                       "ok": all(r.ok for r in results)})
    else:
        ui.console().print(f"{sum(r.ok for r in results)}/{len(results)} problems pass")
    return ExitCode.OK if all(r.ok for r in results) else ExitCode.NOT_VERIFIED


def _import(args: argparse.Namespace) -> int:
    from vericode.batch.corpus import import_vericoding
    from vericode.cli import ui

    if len(args.args) != 2 or args.args[0] != "vericoding":
        raise BadInput("usage: vericode corpus import vericoding PATH --out DIR")
    if args.out is None:
        raise BadInput("corpus import needs --out DIR")
    source = Path(args.args[1])
    if not source.exists():
        raise BadInput(f"{source}: no such file or folder")
    written = import_vericoding(source, args.out)
    if args.json:
        ui.print_json({"written": [str(p) for p in written]})
    else:
        ui.console().print(f"wrote {len(written)} problems to {args.out}")
    return ExitCode.OK
