"""`vericode report RUN...`: solve rates, pass@k, costs and failures of stored runs."""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "report"
HELP = "solve rates, pass@k, cost and failures of one or more bench runs"
DESCRIPTION = """\
Read bench run folders (and nothing else) and report: the solve rate with a Wilson 95%
interval, overall and per group (--by tag|source|difficulty); pass@k when a round had
several samples; how many were solved by each round; tokens, cost (calls of unknown
cost are counted, not priced at zero) and time; why the unsolved failed; problems
resting on trusted assumptions. Several runs of one corpus are shown side by side,
with the problems one solved and the other did not."""
FORMATS = ("table", "markdown", "json", "html")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("runs", metavar="RUN", nargs="+", help="a bench run folder")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--by", choices=("tag", "source", "difficulty"), help="solve rate per group")
    p.add_argument("--out", metavar="FILE", help="write the report here instead of stdout "
                   "(the table format is written as Markdown)")


def run(args: argparse.Namespace) -> int:
    from vericode.api import read_runs
    from vericode.cli.ui import print_table
    from vericode.report.render import as_json, markdown, sections

    _, reports, differences = read_runs([Path(folder) for folder in args.runs], args.by)
    if args.format == "table" and not args.out:
        print_table(sections(reports, differences))
        return 0
    if args.format == "json":
        text = as_json(reports, differences)
    elif args.format == "html":
        from vericode.report.html import html

        text = html(reports, differences)
    else:
        text = markdown(sections(reports, differences))
    _emit(text, args.out)
    return 0


def _emit(text: str, out: str | None) -> None:
    import sys

    if out is None:
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")
