"""Batch runs: many problems through the solve loop at once, each recorded as it ends.

``bench`` is problems, solver and store: N problem workers (threads, ``concurrency``)
share one verifier (a pool of J warm Dafny servers, ``jobs``), so many problems wait on
the model while a few verify. Each problem's attempts go to the store as they happen and its outcome
when it ends; a crash inside one problem is that problem's outcome (status ``error``)
and the batch goes on; problems the store already finished are skipped (crashed ones
are tried again, and so are model errors that may pass), so a killed run resumes where
it stopped. Ctrl-C or a kill signal
stops the batch: nothing new starts, problems under way end at their next step and
record nothing, and a resumed run does them afresh.
"""

from __future__ import annotations

import fnmatch
import hashlib
import random
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from vericode import __version__
from vericode.batch.store import (
    ERROR,
    MODEL_ERROR,
    UNUSABLE,
    Manifest,
    Result,
    RunStore,
    corpus_hash,
    new_run_id,
    now,
    problem_info,
)
from vericode.errors import BadInput
from vericode.problem.corpus import Entry, Unusable, corpus_entries
from vericode.problem.tagged import Problem
from vericode.repair.loop import SolveOptions, solve
from vericode.repair.outcome import Attempt, Outcome
from vericode.seams import Model, Verifier

Chosen = TypeVar("Chosen", Problem, Entry)
"""What a selection chooses from: loaded problems, or a corpus's tasks before loading."""


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

    @property
    def unusable(self) -> int:
        """Tasks of the corpus that did not load (recorded with the loader's message)."""
        return sum(r.status == UNUSABLE for r in self.results)

    @property
    def model_errors(self) -> int:
        """Problems this invocation ended in a model error a resume may fix."""
        return sum(r.status == MODEL_ERROR and r.retryable for r in self.results)


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


def bench(problems: Sequence[Problem | Unusable], model_factory: Callable[[Problem], Model],
          verifier: Verifier, options: SolveOptions, store: RunStore, concurrency: int,
          display: BatchDisplay | None = None) -> Summary:
    """Solve every problem ``store`` has not finished, ``concurrency`` at a time (the
    verifier bounds its own verifications: a pool of J servers); a task that did not
    load is recorded as ``unusable`` with the loader's message, and nothing runs for it."""
    shown = display or NoDisplay()
    done = store.finished()
    waiting = [p for p in problems if p.id not in done]
    summary = Summary(skipped=len(problems) - len(waiting))
    shown.start(len(problems), summary.skipped, sum(r.solved for r in done.values()))
    for task in waiting:
        if isinstance(task, Unusable):
            summary.results.append(_record_unusable(task, store))
            shown.ended(summary.results[-1])
    todo = [p for p in waiting if isinstance(p, Problem)]
    batch, lock = Batch(store, model_factory, verifier, options), threading.Lock()

    def work(problem: Problem) -> None:
        result = run_one(problem, batch)
        if result is not None:
            with lock:
                summary.results.append(result)
                shown.ended(result)

    pool = ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="bench")
    try:
        for future in [pool.submit(work, p) for p in todo]:
            future.result()
    except BaseException:
        batch.stopping.set()  # problems under way end unfinished at their next step
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return summary


def _record_unusable(task: Unusable, store: RunStore) -> Result:
    result = Result(problem=task.id, run_id=new_run_id(), status=UNUSABLE, reason=task.reason)
    store.outcome(result)
    return result


def run_one(problem: Problem, batch: Batch) -> Result | None:
    """One problem, start to end; its outcome is in the store after, a crash included;
    None when the batch stopped it (it stays unfinished)."""
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
    shard: tuple[int, int] | None = None
    """``(K, N)``: only the K-th of N slices (by a hash of each id), so that N machines
    share a corpus; the slices of one selection are disjoint and cover it."""

    def options(self) -> dict[str, object]:
        found: dict[str, object] = {"filter": list(self.patterns), "limit": self.limit,
                                    "shuffle": self.shuffle, "seed": self.seed}
        if self.shard is not None:
            found["shard"] = f"{self.shard[0]}/{self.shard[1]}"
        return found


def parse_shard(text: str) -> tuple[int, int]:
    """``K/N`` with 1 <= K <= N, or a ``BadInput`` that says how to write it."""
    k, _, n = text.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise BadInput(f"--shard {text}: write K/N with 1 <= K <= N, e.g. --shard 2/4")
    return int(k), int(n)


def in_shard(problem_id: str, shard: tuple[int, int]) -> bool:
    """Whether ``problem_id`` falls in slice K of N (a stable hash, not the run order)."""
    k, n = shard
    return int(hashlib.sha256(problem_id.encode()).hexdigest(), 16) % n == k - 1


def load_problems(corpora: Sequence[Path], selection: Selection) -> list[Problem | Unusable]:
    """The selected tasks of all ``corpora``, each loaded on its own: a problem, or the
    reason it is unusable. The selection reads ids and tags only, so a task it leaves
    out is never parsed; an id in two corpora, or nothing usable, is refused."""
    if not corpora:
        raise BadInput("name the corpus: a folder of tagged problems or a JSONL file")
    found = [e for corpus in corpora for e in corpus_entries(Path(corpus))]
    twice = sorted(i for i, n in Counter(e.id for e in found).items() if n > 1)
    if twice:
        raise BadInput(f"problem id(s) in more than one corpus: {', '.join(twice[:5])}")
    chosen = select(found, selection.patterns, selection.limit, selection.shuffle,
                    selection.seed)
    if selection.shard is not None:
        chosen = [e for e in chosen if in_shard(e.id, selection.shard)]
    if not chosen:
        raise BadInput("no problem matches --filter " + " ".join(selection.patterns))
    loaded = [entry.load() for entry in chosen]
    if not any(isinstance(t, Problem) for t in loaded):
        reasons = "; ".join(t.reason for t in loaded[:3] if isinstance(t, Unusable))
        raise BadInput(f"none of the {len(loaded)} selected problem(s) loads: {reasons}")
    return loaded


# -- choosing problems and describing the run ----------------------------------------------


def select(problems: Sequence[Chosen], patterns: Sequence[str] = (), limit: int | None = None,
           shuffle: bool = False, seed: int = 0) -> list[Chosen]:
    """Filter by id glob or ``tag:T`` (any pattern matches), shuffle with ``seed``, limit."""
    chosen = [p for p in problems if not patterns or any(_matches(p, pat) for pat in patterns)]
    if shuffle:
        random.Random(seed).shuffle(chosen)
    return chosen[:limit] if limit is not None else chosen


def _matches(problem: Problem | Entry, pattern: str) -> bool:
    if pattern.startswith("tag:"):
        return pattern[4:] in problem.tags
    return fnmatch.fnmatchcase(problem.id, pattern)


def manifest(problems: Sequence[Problem | Unusable], model: str, options: SolveOptions,
             verifier: Verifier, other: dict[str, object] | None = None,
             extra: dict[str, object] | None = None) -> Manifest:
    """The manifest of a run of ``problems``: what a resumed run must match. ``other``
    adds options outside the loop's (sampling, prices, the selection) to compare too."""
    recorded = {**options.model_dump(mode="json"), **(other or {})}
    return Manifest(model=model, options=recorded, vericode=__version__,
                    verifier=verifier.version, corpus_hash=corpus_hash(problems),
                    problems=[problem_info(p) for p in problems], started=now(),
                    extra=dict(extra or {}))
