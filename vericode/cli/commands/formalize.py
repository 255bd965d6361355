"""`vericode formalize FILE.spec`: a spec to a Dafny contract, with its checks."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from vericode.cli.options import (
    MODEL_FLAGS,
    add_formalize_option,
    add_json_option,
    add_model_options,
    add_verifier_options,
    settings,
)
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
1 an example fails or a spec is weak, 2 the spec cannot be read (file:line:column).

With --formalize llm, a clause the grammar cannot read goes to the model (--model, else
$VERICODE_MODEL), which answers with a Dafny expression; the answer must parse, be
Dafny rather than English, and name only what the spec declares, else the model is
told why and asked again (--attempts times). Each such clause is printed for review
and marked `formalized by model` in the skeleton; the checks then run as usual. A
clause no answer fits is an error at its line (exit 2); an unreachable model exit 3."""

_MARK = {"passed": "[green]ok[/]", "failed": "[red]FAILED[/]", "skipped": "[yellow]note[/]"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE.spec")
    add_formalize_option(p)
    p.add_argument("--attempts", type=int, metavar="K",
                   help="with --formalize llm: answers asked per clause at most (default 5)")
    p.add_argument("--out", type=Path, metavar="FILE.dfy",
                   help="also write the skeleton (the tagged problem, one spec: FILE.dfy; "
                        "several: FILE-NAME.dfy each), for `vericode solve` or `check`")
    add_model_options(p)
    add_verifier_options(p)
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    from vericode.api import formalize_file
    from vericode.cli import ui

    report = formalize_file(args.file, settings(args, *MODEL_FLAGS, "formalize", "attempts"))
    written = _write(report, args.out) if args.out else []
    if args.json:
        ui.print_json(report.to_json())
    else:
        out = ui.console()
        _print_formalized(out, report)
        for spec in report.specs:
            _print_spec(out, report, spec)
        verdict = "[bold green]all checks pass[/]" if report.ok else "[bold red]checks fail[/]"
        out.print(f"{verdict}  [dim]({report.verifier}, {report.seconds:.2f} s)[/]")
        for path in written:
            out.print(f"wrote {path}", markup=False, highlight=False)
    return ExitCode.OK if report.ok else ExitCode.NOT_VERIFIED


def _write(report: FileReport, out: Path) -> list[Path]:
    """Each spec's tagged problem into ``out`` (``out-NAME.dfy`` when there are several)."""
    paths = ([out] if len(report.specs) == 1 else
             [out.with_name(f"{out.stem}-{s.name}{out.suffix or '.dfy'}") for s in report.specs])
    for path, spec in zip(paths, report.specs, strict=True):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(spec.tagged, encoding="utf-8")
    return paths


def _print_spec(out: Console, report: FileReport, spec: SpecReport) -> None:
    from rich.markup import escape

    from vericode.cli import ui

    out.print(f"[bold]spec {escape(spec.name)}[/]  [dim]{escape(report.path)}:{spec.line}[/]")
    ui.print_code(out, spec.skeleton)
    passed = [c for c in spec.checks if c.status == "passed"]
    ran = [c for c in spec.checks if c.status != "skipped"]
    for check in spec.checks:
        if check.status != "passed":
            where = escape(f"{report.path}:{check.line}")
            out.print(f"  {_MARK[check.status.value]} {where}: {escape(check.message)}")
    out.print(f"  {_MARK['passed']} {len(passed)} of {len(ran)} checks pass\n")


def _print_formalized(out: Console, report: FileReport) -> None:
    """Every clause a model wrote, before anything else: the user must review them."""
    from rich.markup import escape

    for clause in report.formalized:
        where = escape(f"{report.path}:{clause.line}:{clause.column}")
        source = "cached reply" if clause.cached else f"{clause.answers} answer(s)"
        out.print(f"[bold yellow]formalized by model[/] {escape(clause.model)}  [dim]{where}, "
                  f"{source}[/]\n  {clause.kind}: {escape(clause.text)}\n"
                  f"  [bold]→[/] {escape(clause.answer)}")
    if report.formalized:
        out.print("[yellow]Review these: the checks below test them against the examples "
                  "and the other clauses, but only you know what the words meant.[/]\n")
