"""Terminal output with rich: verdicts, diagnostics with their source lines, checks.

rich is imported inside the functions that print, so commands that print nothing
heavy start fast.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from vericode.batch.corpus import ProblemCheck
    from vericode.candidate.check import CheckOutcome
    from vericode.dafny.run.doctor import DoctorCheck
    from vericode.report.render import Section
    from vericode.seams import Diagnostic, Location, VerifyResult

_VERDICT_STYLE = {
    "verified": "bold green", "failed": "bold red", "timeout": "bold yellow",
    "parse_error": "bold magenta", "resolution_error": "bold magenta", "crashed": "bold red",
}


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def print_code(out: Console, code: str, line_numbers: bool = False) -> None:
    """Dafny code, highlighted and wrapped on a terminal; elsewhere (a pipe, a file)
    exactly as it is, so nothing is cropped and it can be copied."""
    code = code.rstrip()
    if out.is_terminal:
        from rich.syntax import Syntax

        out.print(Syntax(code, "csharp", theme="ansi_dark", line_numbers=line_numbers,
                         word_wrap=True), soft_wrap=False)
        return
    lines = code.splitlines()
    if line_numbers:
        width = len(str(len(lines)))
        lines = [f"{number:>{width}} {line}".rstrip() for number, line in enumerate(lines, 1)]
    out.file.write("\n".join(lines) + "\n")
    out.file.flush()


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, default=str) + "\n")


def error(message: str) -> None:
    console(stderr=True).print(f"[bold red]error:[/] {_escape(message)}")


def print_result(result: VerifyResult, name: str) -> None:
    out = console()
    style = _VERDICT_STYLE.get(result.verdict.value, "bold")
    cached = ", cached" if result.cached else ""
    out.print(f"[{style}]{result.verdict.value}[/]  {_escape(name)}  "
              f"[dim]{_escape(result.summary)} ({result.seconds:.2f} s{cached})[/]")
    for diagnostic in result.diagnostics:
        print_diagnostic(out, diagnostic)


def print_diagnostic(out: Console, d: Diagnostic) -> None:
    code = f" [{d.code}]" if d.code else ""
    colour = "red" if d.severity.value == "error" else "yellow"
    out.print(f"{_where(d.location)}: [{colour}]{d.severity.value}{_escape(code)}[/]: "
              f"{_escape(d.message)}")
    _source(out, d.location)
    for related in d.related:
        out.print(f"  {_where(related.location)}: [cyan]related[/]: {_escape(related.message)}")
        _source(out, related.location, indent="  ")


def _where(location: Location) -> str:
    return _escape(f"{location.file}:{location.line}:{location.column}")


def _source(out: Console, location: Location, indent: str = "") -> None:
    if not location.source_line:
        return
    gutter = f"{indent}{location.line:>5} | "
    out.print(f"[dim]{_escape(gutter)}[/]{_escape(location.source_line)}")
    caret = " " * (len(gutter) + max(location.column - 1, 0)) + "^"
    out.print(f"[red]{caret}[/]")


def print_outcome(outcome: CheckOutcome, name: str) -> None:
    """A checked candidate: the splice notes, the gate's refusals, or the verdict."""
    out = console()
    for note in outcome.taken:
        out.print(f"[dim]taken:[/] {_escape(note)}")
    for note in outcome.ignored:
        out.print(f"[yellow]ignored:[/] {_escape(note)}")
    if outcome.error is not None:
        out.print(f"[bold magenta]unusable[/]  {_escape(name)}: {_escape(outcome.error)}")
        return
    for a in outcome.assumptions:
        out.print(f"[yellow]trusted assumption[/] of the problem, line {a.line}: "
                  f"{_escape(a.name)}: {_escape(a.what)}")
    if not outcome.accepted:
        out.print(f"[bold red]refused[/]  {_escape(name)}: the integrity gate refused it")
        for v in outcome.violations:
            where = f"spliced line {v.line}:{v.column}{_yours(outcome, v.line, name)}"
            out.print(f"  {where}: [red]{v.rule}[/]: {_escape(v.message)}")
            out.print(f"[dim]    {_escape(v.text)}[/]")
        return
    verdict = outcome.verdict.value if outcome.verdict else "not verified"
    style = _VERDICT_STYLE.get(verdict, "bold")
    shown = "verified (accepted by the integrity gate)" if outcome.solved else verdict
    out.print(f"[{style}]{_escape(shown)}[/]  {_escape(name)}  [dim]{outcome.seconds:.2f} s[/]")
    for diagnostic in outcome.diagnostics:
        print_diagnostic(out, diagnostic)
        if (mine := _yours(outcome, diagnostic.location.line, name)):
            out.print(f"  [dim]{_escape(mine.strip(' ()'))}[/]")


def _yours(outcome: CheckOutcome, line: int, name: str) -> str:
    """`` (line N of NAME)`` for a spliced line that came from the candidate, else ""."""
    own = outcome.line_map.get(line)
    return f" (line {own} of {name})" if own else ""


def print_problem_check(check: ProblemCheck) -> None:
    """One line per corpus problem, and what is wrong with it."""
    out = console()
    mark = "[green]ok[/]" if check.ok else "[red]FAIL[/]"
    trusted = f", {check.assumptions} trusted assumption(s)" if check.assumptions else ""
    out.print(f"{mark} {_escape(check.id)} [dim](reference: {check.reference}, "
              f"skeleton: {check.skeleton.value}{trusted})[/]")
    for problem in check.problems:
        out.print(f"     {_escape(problem)}")


def print_checks(checks: list[DoctorCheck]) -> None:
    out = console()
    for check in checks:
        mark = "[green]ok[/]" if check.ok else (
            "[yellow]optional[/]" if check.optional else "[red]missing[/]")
        out.print(f"{mark:>20}  [bold]{check.name}[/]: {_escape(check.found)}")
        if check.fix:
            out.print(f"{'':>9}fix: {_escape(check.fix)}")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def print_table(found: list[Section]) -> None:
    """The report in the terminal, one rich table per section."""
    from rich.markup import escape
    from rich.table import Table

    out = console()
    for s in found:
        table = Table(title=escape(s.title), title_justify="left", caption=escape(s.note))
        for header in s.headers:
            table.add_column(escape(header))
        for row in s.rows:
            table.add_row(*(escape(cell) for cell in row))
        out.print(table)
