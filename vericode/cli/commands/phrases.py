"""`vericode phrases [WORD]`: the English phrases a spec may use, with examples."""

from __future__ import annotations

import argparse

from vericode.cli.options import add_json_option
from vericode.errors import ExitCode

NAME = "phrases"
HELP = "list the English phrases a .spec clause may use (those matching WORD)"
DESCRIPTION = """\
List the phrases of the .spec language, each with a clause that uses it and the Dafny
it renders to; with WORD, only those whose words, family or example mention it. The
whole reference is docs/spec-language.md."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("word", nargs="?", default="", metavar="WORD")
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    from rich.markup import escape

    from vericode.cli import ui
    from vericode.spec.catalog import matching
    from vericode.spec.reference import render_clause

    found = [(p, render_clause(p.example)) for p in matching(args.word)]
    if args.json:
        ui.print_json({"phrases": [{"family": p.family, "phrase": p.words,
                                    "example": p.example, "dafny": dafny}
                                   for p, dafny in found]})
    else:
        out = ui.console()
        for p, dafny in found:
            out.print(f"[bold]{escape(p.words)}[/]  [dim]{escape(p.family)}[/]\n"
                      f"  {escape(p.example)}  [dim]→[/]  {escape(dafny)}")
        if not found:
            out.print(f"no phrase mentions {escape(args.word)!r}; "
                      "all of them: docs/spec-language.md")
    return ExitCode.OK
