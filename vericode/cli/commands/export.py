"""`vericode export RUN --format jsonl|csv`: one row per problem, for pandas."""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "export"
HELP = "per-problem outcomes of a bench run as JSONL or CSV"
DESCRIPTION = """\
Write one row per finished problem of a bench run: its id, source, tags, difficulty,
trusted assumptions, status, final verdict, why the unsolved failed, rounds, attempts,
tokens, cost (empty when some call's cost is unknown) and seconds. For pandas:
pd.read_json(path, lines=True) or pd.read_csv(path)."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", metavar="RUN", help="a bench run folder")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("--out", metavar="FILE", help="write here instead of stdout")


def run(args: argparse.Namespace) -> int:
    import sys

    from vericode.batch.store import load_run
    from vericode.report.export import csv_text, jsonl_text, rows

    table = rows(load_run(Path(args.folder)))
    text = csv_text(table) if args.format == "csv" else jsonl_text(table)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
