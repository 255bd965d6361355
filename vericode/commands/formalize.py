"""`vericode formalize FILE.spec`: a spec to a Dafny contract, with its checks."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from vericode.commands.options import add_json_option, add_verifier_options, settings
from vericode.errors import ExitCode

if TYPE_CHECKING:
    from rich.console import Console

    from vericode.spec.report import FileReport, SpecReport

NAME = "formalize"
HELP = "turn a .spec file into a Dafny skeleton and check its examples"
DESCRIPTION = """\
Parse a .spec file (plain-English clauses and Dafny expressions), print the Dafny
skeleton of each spec, and check with the verifier that every example satisfies the
clauses and that no obviously wrong output does (a weak spec). Exit 0 all checks pass,
1 an example fails or a spec is weak, 2 the spec cannot be read (file:line:column)."""

_MARK = {"passed": "[green]ok[/]", "failed": "[red]FAILED[/]", "skipped": "[yellow]note[/]"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE.spec")
    add_verifier_options(p)
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    from vericode import ui
    from vericode.spec.formalize import formalize_file

    report = formalize_file(args.file, settings(args))
    if args.json:
        ui.print_json(report.to_json())
    else:
        out = ui.console()
        for spec in report.specs:
            _print_spec(out, report, spec)
        verdict = "[bold green]all checks pass[/]" if report.ok else "[bold red]checks fail[/]"
        out.print(f"{verdict}  [dim]({report.verifier}, {report.seconds:.2f} s)[/]")
    return ExitCode.OK if report.ok else ExitCode.NOT_VERIFIED


def _print_spec(out: Console, report: FileReport, spec: SpecReport) -> None:
    from rich.markup import escape
    from rich.syntax import Syntax

    out.print(f"[bold]spec {escape(spec.name)}[/]  [dim]{escape(report.path)}:{spec.line}[/]")
    out.print(Syntax(spec.skeleton.rstrip(), "csharp", theme="ansi_dark", word_wrap=True))
    passed = [c for c in spec.checks if c.status == "passed"]
    for check in spec.checks:
        if check.status != "passed":
            where = escape(f"{report.path}:{check.line}")
            out.print(f"  {_MARK[check.status.value]} {where}: {escape(check.message)}")
    out.print(f"  {_MARK['passed']} {len(passed)} of {len(spec.checks)} checks pass\n")
