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

    from vericode.dafny.models import Diagnostic, Location, VerifyResult
    from vericode.doctor import Check

_VERDICT_STYLE = {
    "verified": "bold green", "failed": "bold red", "timeout": "bold yellow",
    "parse_error": "bold magenta", "resolution_error": "bold magenta", "crashed": "bold red",
}


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


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


def print_checks(checks: list[Check]) -> None:
    out = console()
    for check in checks:
        mark = "[green]ok[/]" if check.ok else "[red]missing[/]"
        out.print(f"{mark:>20}  [bold]{check.name}[/]: {_escape(check.found)}")
        if check.fix:
            out.print(f"{'':>9}fix: {_escape(check.fix)}")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
