"""`vericode corpus check DIR` and `vericode corpus import vericoding PATH --out DIR`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from vericode.cli.options import add_json_option, add_verifier_options, settings
from vericode.errors import BadInput, ExitCode

if TYPE_CHECKING:
    from vericode.batch.corpus import ProblemCheck
    from vericode.problem.corpus import Unusable

NAME = "corpus"
HELP = "check a problem corpus against its references, or import the vericoding benchmark"
DESCRIPTION = """\
corpus check DIR|FILE.jsonl: every problem's reference solution (NAME.ref.dfy beside
NAME.dfy) must be accepted by the integrity gate and verified, and the skeleton alone
(placeholder body) must NOT verify. Exit 0 when every problem passes, 1 otherwise.

corpus import vericoding PATH --out DIR: convert the vericoding benchmark's Dafny
JSONL file, or a folder of its tagged *_specs.dfy files, into tagged problems.

Both take the corpus task by task: a task that does not load is reported with the
loader's message (line and column) and the others go on; that is exit 1 (some task
unusable), and exit 2 only when no task is usable."""


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
    from vericode.batch.corpus import ProblemCheck, check_corpus
    from vericode.cli import ui
    from vericode.dafny.run.backends import open_verifier
    from vericode.problem.corpus import Unusable

    if len(args.args) != 1:
        raise BadInput("usage: vericode corpus check DIR|FILE.jsonl")
    path = Path(args.args[0])
    if not path.exists():
        raise BadInput(f"{path}: no such file or folder")
    chosen = settings(args)
    show = None if args.json else _print_checked
    with open_verifier(chosen) as verifier:
        results = check_corpus(path, verifier, chosen.jobs, args.need_reference, show)
    checks = [r for r in results if isinstance(r, ProblemCheck)]
    unusable = [r for r in results if isinstance(r, Unusable)]
    if args.json:
        ui.print_json({"problems": [r.model_dump(mode="json") for r in checks],
                       "unusable": [_unusable_json(u) for u in unusable],
                       "ok": all(r.ok for r in checks) and not unusable})
    else:
        ui.console().print(f"{sum(r.ok for r in checks)}/{len(results)} problems pass"
                           + (f"; {len(unusable)} unusable" if unusable else ""))
    return _exit(len(results), len(unusable), all(r.ok for r in checks))


def _print_checked(result: ProblemCheck | Unusable) -> None:
    from vericode.batch.corpus import ProblemCheck
    from vericode.cli import ui

    if isinstance(result, ProblemCheck):
        ui.print_problem_check(result)
    else:
        _print_unusable(result)


def _print_unusable(task: Unusable) -> None:
    from rich.markup import escape

    from vericode.cli import ui

    ui.console().print(f"[red]UNUSABLE[/] {escape(task.id)}\n     {escape(task.reason)}")


def _unusable_json(task: Unusable) -> dict[str, str]:
    return {"id": task.id, "source": task.source, "reason": task.reason}


def _exit(total: int, unusable: int, ok: bool) -> int:
    """0 all usable and sound; 1 some task unusable or unsound; 2 nothing usable."""
    if total and unusable == total:
        raise BadInput(f"none of the {total} task(s) loads (each is listed above with why)")
    return ExitCode.OK if ok and not unusable else ExitCode.NOT_VERIFIED


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
    done = import_vericoding(source, args.out)
    if args.json:
        ui.print_json({"written": [str(p) for p in done.written],
                       "unusable": [_unusable_json(u) for u in done.unusable]})
    else:
        for task in done.unusable:
            _print_unusable(task)
        ui.console().print(f"wrote {len(done.written)} problems to {args.out}"
                           + (f"; {len(done.unusable)} unusable" if done.unusable else ""))
    return _exit(len(done.written) + len(done.unusable), len(done.unusable), True)
