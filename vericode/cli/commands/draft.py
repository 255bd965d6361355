"""`vericode draft "description" | FILE.md --model M`: a model drafts a .spec, checked."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from vericode.cli.options import (
    MODEL_FLAGS,
    add_json_option,
    add_model_options,
    add_verifier_options,
    settings,
)
from vericode.errors import BadInput, ExitCode

if TYPE_CHECKING:
    from rich.console import Console

    from vericode.spec.draft import Draft

NAME = "draft"
HELP = "let a model draft a .spec from a description, checked as formalize checks it"
DESCRIPTION = """\
The model (--model, else $VERICODE_MODEL) writes a .spec file in vericode's language
from a description (the text, or a FILE.md or FILE.txt holding it): inputs, outputs,
clauses, and examples it invents. vericode reads it with the spec grammar and runs the
checks `formalize` runs (every example against every clause with Dafny, and the
weak-spec probe); a parse error or a failed check goes back to the model with
vericode's message, for at most --rounds answers (default 3). The draft is printed
with every check's outcome and, with --out, written under a header that names the
model and the description. Nothing is solved: review the file, then `vericode solve`.

Exit 0 the draft parses and every check passes, 1 it parses but some check fails
(still written with --out, marked FAILING in its header), 2 no answer parses within
the rounds (the last error is shown at its line and column), 3 the model or the
verifier unreachable."""

_EXIT = {"passing": ExitCode.OK, "failing": ExitCode.NOT_VERIFIED,
         "unreadable": ExitCode.BAD_INPUT}
_MARK = {"passed": "[green]ok[/]", "failed": "[red]FAILED[/]", "skipped": "[yellow]note[/]"}
_STATUS = {"passing": "[green]passing[/]", "failing": "[red]failing[/]",
           "unreadable": "[magenta]unreadable[/]"}
_DESCRIPTION_FILES = (".md", ".txt")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("description", metavar="DESCRIPTION|FILE.md",
                   help="what the method should do, in words, or a file that says it")
    p.add_argument("--out", type=Path, metavar="FILE.spec",
                   help="write the draft here (when it parses), for review and `solve`")
    p.add_argument("--rounds", type=int, default=3, metavar="N",
                   help="answers asked for at most (default 3)")
    add_model_options(p)
    add_verifier_options(p)
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    from vericode.api import draft_spec
    from vericode.cli import ui

    if args.rounds < 1:
        raise BadInput("--rounds must be at least 1")
    description = read_description(args.description)
    path = str(args.out) if args.out else "draft.spec"
    result = draft_spec(description, settings(args, *MODEL_FLAGS), rounds=args.rounds,
                        path=path)
    written = _write(result, args.out) if args.out else None
    if args.json:
        ui.print_json({**result.to_json(), "written": str(written) if written else None})
    else:
        show(ui.console(), result, written)
    return int(_EXIT[result.status.value])


def read_description(given: str) -> str:
    """The description: a file's text when ``given`` names one, else ``given`` itself."""
    path = Path(given)
    if path.suffix.lower() in _DESCRIPTION_FILES and "\n" not in given:
        if not path.is_file():
            raise BadInput(f"{given}: no such file (give the description itself in quotes, "
                           "or a FILE.md that holds it)")
        given = path.read_text(encoding="utf-8")
    if not given.strip():
        raise BadInput("the description is empty: say what the method should do")
    return given


def _write(result: Draft, out: Path) -> Path | None:
    """The draft into ``out``, unless no answer parsed (there is nothing to review)."""
    if result.status.value == "unreadable":
        return None
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(result.text, encoding="utf-8")
    return out


def show(out: Console, result: Draft, written: Path | None) -> None:
    """Each round, the draft with line numbers, every check, and what to do next."""
    from rich.markup import escape

    from vericode.cli import ui

    for r in result.rounds:
        first = f"  [dim]{escape(r.problems[0].splitlines()[0])}[/]" if r.problems else ""
        out.print(f"round {r.round}: {_STATUS[r.status.value]}"
                  f"{f' ({len(r.problems)} problem(s))' if r.problems else ''}{first}")
    out.rule(f"draft by {result.model}")
    ui.print_code(out, result.text, line_numbers=True)
    _show_checks(out, result)
    if written is not None:
        out.print(f"wrote {written}", markup=False, highlight=False)


def _show_checks(out: Console, result: Draft) -> None:
    from rich.markup import escape

    if result.report is None:
        out.print(f"[bold red]no answer parses[/] after {len(result.rounds)} round(s); "
                  "the last error:")
        out.print(escape(result.problems[0]) if result.problems else "", highlight=False)
        return
    for spec in result.report.specs:
        out.print(f"[bold]spec {escape(spec.name)}[/]")
        for check in spec.checks:
            where = escape(f"{result.path}:{check.line}")
            out.print(f"  {_MARK[check.status.value]} {where}: {escape(check.message)}")
    if result.status.value == "passing":
        out.print("[bold green]all checks pass[/]: review the draft (the checks cannot know "
                  f"what you meant), then `vericode solve {escape(result.path)}`")
    else:
        out.print(f"[bold red]checks fail[/] ({len(result.problems)} problem(s), above): the "
                  "draft is marked FAILING; fix it and run `vericode formalize` on it, or "
                  "draft again")
