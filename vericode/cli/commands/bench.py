"""`vericode bench CORPUS... --model M`: the solve loop over a corpus, recorded for reports."""

from __future__ import annotations

import argparse
import signal
import time
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from vericode.cli.options import (
    MODEL_FLAGS,
    add_json_option,
    add_model_options,
    add_verifier_options,
)
from vericode.cli.options import settings as load_settings
from vericode.errors import ExitCode

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from vericode.batch.store import Result

NAME = "bench"
HELP = "solve every problem of a corpus with a model; record the run for `vericode report`"
DESCRIPTION = """\
Run the solve loop over one or more corpora (folders of tagged .dfy problems, or JSONL
files), J problems at a time sharing one pool of warm Dafny servers. Every attempt and
every problem's outcome is written to the run folder as it happens (manifest.json,
attempts.jsonl, outcomes.jsonl), so a run killed at any moment continues with
--resume DIR: finished problems are skipped, and nothing is counted twice. A resumed
run takes the run's corpus and options unless given; one given that differs (or a
corpus whose problems changed) is refused, naming it. A task that does not load is
recorded as unusable, with the loader's message at its line and column, and the
others run; --filter and --limit choose by id and tag before anything is parsed.
Then: `vericode report DIR`."""

_RUN_FLAGS = (*MODEL_FLAGS, "samples", "attempts", "max_cost", "max_tokens_total",
              "max_seconds", "history")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("corpus", metavar="CORPUS", nargs="*",
                   help="a folder of tagged problems or a JSONL corpus (several allowed; "
                        "with --resume, default: the run's)")
    add_model_options(p)
    p.add_argument("--attempts", type=int, metavar="K", help="rounds per problem (default 5)")
    p.add_argument("--samples", type=int, metavar="N", help="candidates per round (default 1)")
    p.add_argument("--max-cost", type=float, metavar="USD", help="budget per problem")
    p.add_argument("--max-tokens-total", type=int, metavar="N", help="token budget per problem")
    p.add_argument("--max-seconds", type=float, metavar="S", help="time budget per problem")
    p.add_argument("--history", choices=("compact", "full"))
    p.add_argument("--filter", action="append", default=[], metavar="GLOB|tag:T",
                   help="only problems whose id matches GLOB or that carry tag T (repeatable)")
    p.add_argument("--limit", type=int, metavar="N", help="at most N problems")
    p.add_argument("--shuffle", action="store_true", default=None,
                   help="shuffle before --limit")
    p.add_argument("--seed", type=int, metavar="S", help="shuffle seed (default 0)")
    p.add_argument("--out", metavar="DIR", help="the run folder (default runs/bench-<time>/)")
    p.add_argument("--shard", metavar="K/N",
                   help="run only the K-th of N slices of the selected problems (several "
                        "machines share a corpus; `vericode report` merges the shards)")
    p.add_argument("--concurrency", type=int, metavar="N",
                   help="problems in flight, and so model calls at once (default 16); "
                        "--jobs bounds the verifications")
    p.add_argument("--resume", metavar="DIR", help="continue the run in DIR (options not "
                   "given are the run's; a given option that differs is refused)")
    add_verifier_options(p)
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    from vericode.api import bench_corpus
    from vericode.batch.run import Selection, parse_shard

    if args.resume:
        inherit(args, Path(args.resume))
    settings = load_settings(args, *_RUN_FLAGS, "concurrency")
    shard = parse_shard(args.shard) if args.shard else None
    selection = Selection(tuple(args.filter), args.limit, bool(args.shuffle), args.seed or 0,
                          shard)
    folder = Path(args.resume or args.out or time.strftime("runs/bench-%Y%m%d-%H%M%S"))
    previous = signal.signal(signal.SIGTERM, _interrupt)  # a kill ends like Ctrl-C
    try:
        with BenchProgress(not args.json) as display:
            summary = bench_corpus([Path(c) for c in args.corpus], settings, folder,
                                   resume=bool(args.resume), selection=selection,
                                   display=display)
    finally:
        signal.signal(signal.SIGTERM, previous)
    if args.json:
        from vericode.cli import ui

        ui.print_json({"folder": str(folder), "ran": len(summary.results) - summary.unusable,
                       "solved": summary.solved, "skipped": summary.skipped,
                       "unusable": summary.unusable, "model_errors": summary.model_errors})
    else:
        _closing_line(folder, summary.solved, len(summary.results) - summary.unusable,
                      summary.skipped, summary.unusable)
    if summary.model_errors:
        _model_error_line(folder, summary.model_errors)
        return int(ExitCode.TOOL_MISSING)
    return 0


def inherit(args: argparse.Namespace, folder: Path) -> None:
    """On --resume, an option not given is the run's (the corpus, the model and its
    server too), so that only an option given and different is refused."""
    from vericode.batch.store import read_manifest

    stored = read_manifest(folder)
    args.corpus = args.corpus or list(stored.extra.get("corpus", []))
    args.model = args.model or stored.model
    args.api_base = args.api_base or stored.extra.get("api_base")
    for key, value in stored.options.items():
        if getattr(args, key, "absent") in (None, []):
            setattr(args, key, value)


def _interrupt(signum: int, frame: FrameType | None) -> Any:
    raise KeyboardInterrupt


def _model_error_line(folder: Path, count: int) -> None:
    from rich.markup import escape

    from vericode.cli import ui

    ui.console(stderr=True).print(
        f"[yellow]{count} problem(s) ended in a model error that may pass[/] (no connection, "
        f"a time-out, a rate limit, a missing key); when the model is back, run "
        f"`vericode bench --resume {escape(str(folder))}` to try them again")


def _closing_line(folder: Path, solved: int, ran: int, skipped: int, unusable: int) -> None:
    from rich.markup import escape

    from vericode.cli import ui

    before = f" ({skipped} finished earlier, skipped)" if skipped else ""
    before += (f"; {unusable} task(s) did not load (recorded as unusable, with why)"
               if unusable else "")
    ui.console().print(f"solved {solved} of the {ran} problem(s) run{before}; run folder "
                       f"{escape(str(folder))}; see `vericode report {escape(str(folder))}`")


class BenchProgress:
    """A progress bar: done/total, solved so far, rate, ETA, cost so far."""

    def __init__(self, shown: bool = True) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        from vericode.cli import ui

        self.progress: Progress = Progress(
            TextColumn("bench"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[line]}"), TimeRemainingColumn(),
            console=ui.console(stderr=True), disable=not shown)
        self.task: TaskID | None = None
        self.solved = self.done = 0
        self.cost, self.unknown = 0.0, 0

    def start(self, total: int, done: int, solved: int) -> None:
        self.done, self.solved = done, solved
        self.task = self.progress.add_task("bench", total=total, completed=done,
                                           line=self._line())

    def ended(self, result: Result) -> None:
        self.done += 1
        self.solved += result.solved
        self.cost += result.cost_usd
        self.unknown += result.unknown_cost_calls
        if self.task is not None:
            self.progress.update(self.task, advance=1, line=self._line())

    def _line(self) -> str:
        share = f"{100 * self.solved / self.done:.0f}%" if self.done else "-"
        unknown = f" + {self.unknown} unknown" if self.unknown else ""
        return f"solved {self.solved} ({share})  ${self.cost:.4f}{unknown}"

    def __enter__(self) -> BenchProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()
