"""`vericode recheck RUN [--dafny PATH]`: verify a run's solved programs again."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from vericode.cli.options import add_json_option, add_verifier_options

if TYPE_CHECKING:
    from vericode.report.recheck import RecheckReport

NAME = "recheck"
HELP = "re-verify every solved program of a bench run (no model), list changed verdicts"
DESCRIPTION = """\
Verify the accepted, verified program of every solved problem of a bench run again,
for instance under another Dafny version (--dafny PATH), without calling any model,
and report which verdicts changed. Exit 0 when none changed, 1 when some did."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", metavar="RUN", help="a bench run folder")
    add_verifier_options(p)
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    from vericode.api import recheck_run
    from vericode.cli.options import settings

    report = recheck_run(Path(args.folder), settings(args))
    if args.json:
        from vericode.cli import ui

        ui.print_json({**report.model_dump(mode="json"),
                       "changed": [c.problem for c in report.changed]})
    else:
        _show(report)
    return 1 if report.changed else 0


def _show(report: RecheckReport) -> None:
    from rich.markup import escape

    from vericode.cli import ui

    out = ui.console()
    out.print(f"run verified by {escape(report.verifier_before)}; rechecked by "
              f"{escape(report.verifier_after)}")
    for check in report.checks:
        mark = "[red]changed[/]" if check.changed else "[green]same[/]"
        out.print(f"{mark} {escape(check.problem)}: {check.before} -> {check.after}")
        for error in check.errors[:3]:
            out.print(f"    {escape(error)}")
    out.print(f"{len(report.changed)} of {len(report.checks)} verdict(s) changed")
