"""The run record: every attempt on disk as it happens, and the outcome at the end.

A run folder holds ``attempts.jsonl`` (one JSON line per attempt, flushed and synced
before the loop goes on, so a crash, Ctrl-C or kill loses no finished attempt),
``outcome.json`` (written at the end, also when the run is interrupted) and the final
program: ``solution.dfy`` when solved, else ``best.dfy`` (the most promising failure).
Reports read these files and nothing else.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Protocol

from vericode.repair.outcome import Attempt, Outcome


class Recorder(Protocol):
    """Where the loop reports: the run folder, a live display, or both."""

    def attempt(self, attempt: Attempt) -> None:
        """One attempt has finished (called before the loop goes on)."""
        ...

    def progress(self, text: str) -> None:
        """What the loop is doing now (``round 2: asking the model``)."""
        ...

    def finish(self, outcome: Outcome) -> None:
        """The run is over (solved, spent, failed or interrupted)."""
        ...


DIALECT_NOTE = """\
// Dafny 4 syntax (`function` is compiled, `ghost function` is not), as vericode writes
// programs. Check it with: vericode verify {name}
// (vericode rewrites it for an older Dafny; `vericode solve --dialect installed` writes
// the installed Dafny's own dialect instead.)
"""
"""The head of a run's program file: which Dafny it is written for, and how to check it."""


class RunRecord:
    """The run folder: ``attempts.jsonl`` as it happens, the outcome and program at the end."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.attempts_path = folder / "attempts.jsonl"
        self.attempts_path.touch()

    def attempt(self, attempt: Attempt) -> None:
        """Append one line and sync it: a finished attempt survives any crash after this.
        The program that was checked goes beside it, as ``attempts/round-R-sample-S.dfy``
        (the file every diagnostic's line refers to)."""
        if attempt.spliced is not None:
            path = self.program_path(attempt.round, attempt.sample,
                                     pruned=attempt.pruned_from is not None)
            path.parent.mkdir(exist_ok=True)
            write_synced(path, attempt.spliced)
        with self.attempts_path.open("a", encoding="utf-8") as handle:
            handle.write(attempt.model_dump_json() + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def program_path(self, round_no: int, sample: int, pruned: bool = False) -> Path:
        """Where the program checked in round ``round_no``, sample ``sample`` is kept."""
        tail = "-pruned" if pruned else ""
        return self.folder / "attempts" / f"round-{round_no}-sample-{sample + 1}{tail}.dfy"

    def progress(self, text: str) -> None:
        """The folder keeps results, not progress."""

    def finish(self, outcome: Outcome) -> None:
        if outcome.program is not None:
            name = "solution.dfy" if outcome.status == "solved" else "best.dfy"
            write_synced(self.folder / name, DIALECT_NOTE.format(name=name) + outcome.program)
        outcome = outcome.model_copy(update={"folder": str(self.folder)})
        write_synced(self.folder / "outcome.json", outcome.model_dump_json(indent=2) + "\n")


class Tee:
    """Several recorders as one (the run folder and the live display)."""

    def __init__(self, *recorders: Recorder) -> None:
        self.recorders = recorders

    def attempt(self, attempt: Attempt) -> None:
        for recorder in self.recorders:
            recorder.attempt(attempt)

    def progress(self, text: str) -> None:
        for recorder in self.recorders:
            recorder.progress(text)

    def finish(self, outcome: Outcome) -> None:
        for recorder in self.recorders:
            recorder.finish(outcome)


class NoRecord:
    """Record nothing (a notebook that keeps the ``Outcome`` only)."""

    def attempt(self, attempt: Attempt) -> None:
        """Nothing to keep."""

    def progress(self, text: str) -> None:
        """Nothing to show."""

    def finish(self, outcome: Outcome) -> None:
        """Nothing to write."""


def write_synced(path: Path, text: str) -> None:
    """Write ``text`` whole: to a temporary file, synced, then renamed into place."""
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def default_folder(problem_id: str, base: Path = Path("runs")) -> Path:
    """``runs/<YYYYmmdd-HHMMSS>-<problem id>/``, numbered when that folder exists."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in problem_id) or "problem"
    stem = f"{time.strftime('%Y%m%d-%H%M%S')}-{safe}"
    folder, number = base / stem, 1
    while folder.exists():
        number += 1
        folder = base / f"{stem}-{number}"
    return folder
