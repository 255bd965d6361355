"""Batch runs: many problems through the solve loop at once, each recorded as it ends.

``bench`` is problems, solver and store: J problem workers (threads) share one verifier
(a pool of warm Dafny servers), so one problem's model call overlaps another's
verification. Each problem's attempts go to the store as they happen and its outcome
when it ends; a crash inside one problem is that problem's outcome (status ``error``)
and the batch goes on; problems the store already finished are skipped (crashed ones
are tried again), so a killed run resumes where it stopped. Ctrl-C or a kill signal
stops the batch: nothing new starts, problems under way end at their next step and
record nothing, and a resumed run does them afresh.
"""

from __future__ import annotations

import fnmatch
import random
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from vericode import __version__
from vericode.batch.store import (
    ERROR,
    Manifest,
    Result,
    RunStore,
    corpus_hash,
    new_run_id,
    now,
    problem_info,
)
from vericode.errors import BadInput
from vericode.problem.tagged import Problem, load_corpus
from vericode.repair.outcome import Attempt
from vericode.seams import Model, Verifier

if TYPE_CHECKING:
    from vericode.repair.loop import SolveOptions
    from vericode.repair.outcome import Outcome


class BatchDisplay(Protocol):
    """The live view of a batch (the CLI's progress bar; a notebook passes none)."""

    def start(self, total: int, done: int, solved: int) -> None:
        """The batch begins; ``done`` and ``solved`` count problems finished earlier."""
        ...

    def ended(self, result: Result) -> None:
        """One problem ended (solved, not, or crashed)."""
        ...


class NoDisplay:
    def start(self, total: int, done: int, solved: int) -> None:
        """Nothing to show."""

    def ended(self, result: Result) -> None:
        """Nothing to show."""


@dataclass
class Summary:
    """What this invocation did: results of the problems it ran, and those it skipped."""

    results: list[Result] = field(default_factory=list)
    skipped: int = 0

    @property
    def solved(self) -> int:
        return sum(r.solved for r in self.results)


class Stopping(KeyboardInterrupt):
    """Raised inside a problem's solve when the batch is stopping (Ctrl-C, a kill): the
    problem ends unfinished, and a resumed run does it again."""


@dataclass
class Batch:
    """What every problem worker shares: the store, the solver's parts, and the signal
    that the batch is stopping."""

    store: RunStore
    model_factory: Callable[[Problem], Model]
    verifier: Verifier
    options: SolveOptions
    stopping: threading.Event = field(default_factory=threading.Event)


class ProblemRecorder:
    """The solve loop's ``Recorder`` for one problem run: attempts and outcome to the store."""

    def __init__(self, batch: Batch, problem: str) -> None:
        self.batch, self.problem, self.run_id = batch, problem, new_run_id()
        self.attempts: list[Attempt] = []
        self.result: Result | None = None

    def attempt(self, attempt: Attempt) -> None:
        self.batch.store.attempt(self.problem, self.run_id, attempt)
        self.attempts.append(attempt)

    def progress(self, text: str) -> None:
        """Called before each model call and each check: where a stopping batch ends a
        problem (the display shows problems, not rounds)."""
        if self.batch.stopping.is_set():
            raise Stopping

    def finish(self, outcome: Outcome) -> None:
        """Record the outcome, unless the problem was cut off or the batch is stopping
        (its end may be an artefact of the shutdown): then it stays unfinished."""
        if outcome.status.value == "interrupted" or self.batch.stopping.is_set():
            return
        self.result = Result.of(outcome, self.run_id, self.attempts)
        self.batch.store.outcome(self.result)


def bench(problems: Sequence[Problem], model_factory: Callable[[Problem], Model],
          verifier: Verifier, options: SolveOptions, store: RunStore, jobs: int,
          display: BatchDisplay | None = None) -> Summary:
    """Solve every problem ``store`` has not finished, ``jobs`` at a time."""
    shown = display or NoDisplay()
    done = store.finished()
    todo = [p for p in problems if p.id not in done]
    summary = Summary(skipped=len(problems) - len(todo))
    shown.start(len(problems), summary.skipped, sum(r.solved for r in done.values()))
    batch, lock = Batch(store, model_factory, verifier, options), threading.Lock()

    def work(problem: Problem) -> None:
        result = run_one(problem, batch)
        if result is not None:
            with lock:
                summary.results.append(result)
                shown.ended(result)

    pool = ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="bench")
    try:
        for future in [pool.submit(work, p) for p in todo]:
            future.result()
    except BaseException:
        batch.stopping.set()  # problems under way end unfinished at their next step
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return summary


def run_one(problem: Problem, batch: Batch) -> Result | None:
    """One problem, start to end; its outcome is in the store after, a crash included;
    None when the batch stopped it (it stays unfinished)."""
    from vericode.repair.loop import solve

    recorder = ProblemRecorder(batch, problem.id)
    start = time.monotonic()
    try:
        solve(problem, batch.model_factory(problem), batch.verifier, batch.options, recorder)
    except Stopping:
        return None
    except Exception as error:  # a bug or a missing tool: this problem's record, not the batch's
        if batch.stopping.is_set():
            return None
        crash = Result(problem=problem.id, run_id=recorder.run_id, status=ERROR,
                       reason=_crash_text(error), seconds=time.monotonic() - start)
        batch.store.outcome(crash)
        return crash
    return recorder.result


def _crash_text(error: Exception) -> str:
    where = traceback.extract_tb(error.__traceback__)
    last = f" (at {where[-1].filename}:{where[-1].lineno})" if where else ""
    return f"{type(error).__name__}: {error}{last}"


# -- the entry the CLI and notebooks share ---------------------------------------------------


RESULT_SETTINGS = ("temperature", "max_tokens", "price_in", "price_out", "timeout")
"""Settings beyond the loop's own options that change a run's numbers: recorded in the
manifest, compared on resume."""


@dataclass(frozen=True)
class Selection:
    """Which problems of the corpora run: id globs or ``tag:T`` (any matches), then a
    seeded shuffle, then a limit. Recorded in the manifest: it changes the numbers."""

    patterns: tuple[str, ...] = ()
    limit: int | None = None
    shuffle: bool = False
    seed: int = 0

    def options(self) -> dict[str, object]:
        return {"filter": list(self.patterns), "limit": self.limit, "shuffle": self.shuffle,
                "seed": self.seed}


def load_problems(corpora: Sequence[Path], selection: Selection) -> list[Problem]:
    """The selected problems of all ``corpora``; an id in two corpora is refused."""
    if not corpora:
        raise BadInput("name the corpus: a folder of tagged problems or a JSONL file")
    found = [p for corpus in corpora for p in load_corpus(Path(corpus))]
    ids = [p.id for p in found]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise BadInput(f"problem id(s) in more than one corpus: {', '.join(twice[:5])}")
    chosen = select(found, selection.patterns, selection.limit, selection.shuffle,
                    selection.seed)
    if not chosen:
        raise BadInput("no problem matches --filter " + " ".join(selection.patterns))
    return chosen


# -- choosing problems and describing the run ----------------------------------------------


def select(problems: Sequence[Problem], patterns: Sequence[str] = (), limit: int | None = None,
           shuffle: bool = False, seed: int = 0) -> list[Problem]:
    """Filter by id glob or ``tag:T`` (any pattern matches), shuffle with ``seed``, limit."""
    chosen = [p for p in problems if not patterns or any(_matches(p, pat) for pat in patterns)]
    if shuffle:
        random.Random(seed).shuffle(chosen)
    return chosen[:limit] if limit is not None else chosen


def _matches(problem: Problem, pattern: str) -> bool:
    if pattern.startswith("tag:"):
        return pattern[4:] in problem.tags
    return fnmatch.fnmatchcase(problem.id, pattern)


def manifest(problems: Sequence[Problem], model: str, options: SolveOptions, verifier: Verifier,
             other: dict[str, object] | None = None,
             extra: dict[str, object] | None = None) -> Manifest:
    """The manifest of a run of ``problems``: what a resumed run must match. ``other``
    adds options outside the loop's (sampling, prices, the selection) to compare too."""
    recorded = {**options.model_dump(mode="json"), **(other or {})}
    return Manifest(model=model, options=recorded, vericode=__version__,
                    verifier=verifier.version, corpus_hash=corpus_hash(problems),
                    problems=[problem_info(p) for p in problems], started=now(),
                    extra=dict(extra or {}))
