"""The run store: one folder per batch run, written as it happens, read by reports.

A run folder holds ``manifest.json`` (what was run: model, options, versions, the
corpus's hash and problems), and two append-only logs, ``attempts.jsonl`` and
``outcomes.jsonl``, one JSON line per event, flushed and fsync'd before the run goes
on. Why JSONL and not SQLite: a line is either whole or torn, a torn last line (a
SIGKILL mid-write) is simply ignored, and the files stay readable with ``jq``.

Each time a problem is run it gets a fresh ``run_id``; its attempts carry it. A
problem is finished only once its outcome line is complete, and only the attempts of
the run that produced that outcome count: a problem cut off by a kill leaves attempts
on disk that a resumed run does not count twice. A crash (status ``error``) is recorded
but retried on resume; a problem's last outcome line is the one that counts.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pydantic import BaseModel, ConfigDict, Field

from vericode.errors import BadInput
from vericode.problem.corpus import Unusable
from vericode.repair.outcome import Attempt, Spend
from vericode.repair.record import write_synced

if TYPE_CHECKING:
    from vericode.problem.tagged import Problem
    from vericode.repair.outcome import Outcome

MANIFEST, ATTEMPTS, OUTCOMES = "manifest.json", "attempts.jsonl", "outcomes.jsonl"
ERROR = "error"
"""The status of a problem whose solve crashed (a bug or a missing tool): recorded, and
the batch went on."""
UNUSABLE = "unusable"
"""The status of a task that did not load (its reason: the loader's message at its line
and column); final: the same task text gives the same reason."""
MODEL_ERROR = "model_error"
"""The status of a problem the model could not answer (see ``Result.retryable``)."""


class ProblemInfo(BaseModel):
    """What a report groups by, kept in the manifest so reports need no corpus."""

    model_config = ConfigDict(extra="forbid")

    id: str
    source: str = ""
    tags: list[str] = Field(default_factory=list)
    difficulty: str = ""
    assumptions: int = 0
    """Trusted assumptions in the problem's frozen text (see ``Problem.assumptions``)."""


class Manifest(BaseModel):
    """What was run; a resumed run must match it."""

    model_config = ConfigDict(extra="forbid")

    model: str
    options: dict[str, Any]
    """Every option that changes results (never the job count or the output folder)."""
    vericode: str
    verifier: str
    """The verifier's version line: Dafny and z3."""
    corpus_hash: str
    problems: list[ProblemInfo]
    started: str
    extra: dict[str, Any] = Field(default_factory=dict)
    """Recorded, not compared on resume (the API base: a server may move)."""


class Result(Spend):
    """One problem's outcome in a run, as stored in ``outcomes.jsonl``."""

    problem: str
    run_id: str
    status: str
    """``solved``, ``not_solved``, ``budget_exhausted``, ``model_error``, ``error`` or
    ``unusable``."""
    reason: str = ""
    retryable: bool = False
    """A model error that may pass: a resumed run tries the problem again."""
    verdict: str | None = None
    cached_replies: int = 0
    """Replies answered from the response cache (counted in the tokens and cost above)."""
    program: str | None = None

    @property
    def solved(self) -> bool:
        return self.status == "solved"

    @classmethod
    def of(cls, outcome: Outcome, run_id: str, attempts: list[Attempt]) -> Result:
        """The outcome, with the usage of every reply the run used, cached or not: a
        reply the response cache gave back was paid for once, perhaps by a run a kill
        cut short, and counting it makes a resumed run count what an uninterrupted one
        does (the loop's own ``Outcome`` leaves cached replies out of its budget)."""
        data = outcome.model_dump(mode="json")
        keep = {k: data[k] for k in cls.model_fields if k in data and k != "problem"}
        keep.update(
            prompt_tokens=sum(a.prompt_tokens for a in attempts),
            completion_tokens=sum(a.completion_tokens for a in attempts),
            cost_usd=sum(a.cost_usd or 0.0 for a in attempts),
            unknown_cost_calls=sum(a.cost_usd is None for a in attempts),
            cached_replies=sum(a.cached_reply for a in attempts))
        return cls(problem=outcome.problem, run_id=run_id, **keep)


class StoredAttempt(BaseModel):
    """An attempt line: the attempt, and the problem run it belongs to."""

    model_config = ConfigDict(extra="forbid")

    problem: str
    run_id: str
    attempt: Attempt


class StoredRun(BaseModel):
    """A stored run as reports see it: the manifest, each finished problem's result and
    the attempts of that result's problem run (in order)."""

    model_config = ConfigDict(extra="forbid")

    folder: str
    manifest: Manifest
    results: dict[str, Result]
    attempts: dict[str, list[Attempt]]

    @property
    def name(self) -> str:
        return Path(self.folder).name


def is_shard(run: StoredRun) -> bool:
    return "shard" in run.manifest.options


def merge_shards(runs: list[StoredRun]) -> StoredRun:
    """The shards of one bench (``--shard K/N``, K = 1..N, the same corpus, model and
    options) as one run; shards that do not belong together are refused, saying why."""
    why = _not_one_bench(runs)
    if why:
        raise BadInput(f"these runs are not the shards of one bench ({why}): "
                       + ", ".join(f"{r.folder} ({r.manifest.options.get('shard', 'whole')})"
                                   for r in runs))
    first = runs[0].manifest
    total = str(first.options["shard"]).partition("/")[2]
    options = {**_unsharded(first.options), "shard": f"{len(runs)} of {total} shards"}
    manifest = first.model_copy(update={
        "options": options, "problems": [p for r in runs for p in r.manifest.problems],
        "corpus_hash": _joined(r.manifest.corpus_hash for r in runs)})
    return StoredRun(folder=" + ".join(r.folder for r in runs), manifest=manifest,
                     results={k: v for r in runs for k, v in r.results.items()},
                     attempts={k: v for r in runs for k, v in r.attempts.items()})


def _unsharded(options: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in options.items() if k != "shard"}


def _not_one_bench(runs: list[StoredRun]) -> str:
    """Why ``runs`` are not shards of one bench, or ""."""
    shards = [str(r.manifest.options.get("shard", "")) for r in runs]
    ids = [p.id for r in runs for p in r.manifest.problems]
    if "" in shards:
        return "a run is not a shard"
    if len({s.partition("/")[2] for s in shards}) > 1:
        return "shards of different splits (N)"
    if len(set(shards)) < len(shards):
        return "the same shard twice"
    for what, key in (("options", lambda m: _unsharded(m.options)), ("model", lambda m: m.model),
                      ("verifier", lambda m: m.verifier),
                      ("corpus", lambda m: m.extra.get("corpus"))):
        if any(key(r.manifest) != key(runs[0].manifest) for r in runs):
            return f"other {what}"
    if len(set(ids)) < len(ids):
        return "a problem in two shards"
    return ""


def _joined(hashes: Iterable[str]) -> str:
    return hashlib.sha256(" ".join(sorted(hashes)).encode()).hexdigest()


def corpus_hash(problems: Iterable[Problem | Unusable]) -> str:
    """sha256 over each selected problem's id and skeleton text (an unusable task's text
    as stored), in run order."""
    digest = hashlib.sha256()
    for problem in problems:
        digest.update(f"{problem.id}\0{problem.text}\0".encode())
    return digest.hexdigest()


def problem_info(problem: Problem | Unusable) -> ProblemInfo:
    """A JSONL problem keeps its tags in ``meta`` (the loader reads tags of tagged files
    only), so they are read from there when the problem has none of its own."""
    if isinstance(problem, Unusable):
        return ProblemInfo(id=problem.id, source=problem.source)
    tags = problem.tags or [t.strip() for t in problem.meta.get("tags", "").split(",")
                            if t.strip()]
    return ProblemInfo(id=problem.id, source=problem.source, tags=tags,
                       difficulty=problem.meta.get("difficulty", ""),
                       assumptions=len(problem.assumptions))


def new_run_id() -> str:
    return uuid.uuid4().hex


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class RunStore:
    """The writer side of a run folder; safe to share between problem threads."""

    def __init__(self, folder: Path, manifest: Manifest) -> None:
        self.folder, self.manifest = folder, manifest
        self._lock = threading.Lock()
        for name in (ATTEMPTS, OUTCOMES):
            _drop_torn_tail(folder / name)
        self._attempts = (folder / ATTEMPTS).open("a", encoding="utf-8")
        self._outcomes = (folder / OUTCOMES).open("a", encoding="utf-8")

    @classmethod
    def create(cls, folder: Path, manifest: Manifest) -> RunStore:
        """A new run folder; one that already holds a run is refused (use --resume)."""
        if (folder / MANIFEST).exists():
            raise BadInput(f"{folder} already holds a run: resume it with --resume {folder}, "
                           "or choose another --out")
        folder.mkdir(parents=True, exist_ok=True)
        write_synced(folder / MANIFEST, manifest.model_dump_json(indent=2) + "\n")
        return cls(folder, manifest)

    @classmethod
    def resume(cls, folder: Path, manifest: Manifest) -> RunStore:
        """The run in ``folder``, reopened; refused when ``manifest`` differs from it."""
        stored = read_manifest(folder)
        difference = manifest_difference(stored, manifest)
        if difference is not None:
            raise BadInput(f"cannot resume {folder}: {difference}")
        return cls(folder, stored)

    def finished(self) -> dict[str, Result]:
        """Problems whose outcome line is complete, by id: a resumed run skips them. A
        crash is recorded but not final: a resumed run (the bug fixed, the tool back)
        tries the problem again, and its new outcome line replaces the crash."""
        return {p: r for p, r in self.results().items() if not again(r)}

    def model_errors(self) -> list[Result]:
        """Problems whose last outcome is a model error a resume may fix."""
        return [r for r in self.results().values() if r.status == MODEL_ERROR and r.retryable]

    def results(self) -> dict[str, Result]:
        """The last complete outcome line of each problem."""
        return {r.problem: r for r in _results(self.folder / OUTCOMES)}

    def attempt(self, problem: str, run_id: str, attempt: Attempt) -> None:
        line = StoredAttempt(problem=problem, run_id=run_id, attempt=attempt)
        self._append(self._attempts, line.model_dump_json())

    def outcome(self, result: Result) -> None:
        self._append(self._outcomes, result.model_dump_json())

    def _append(self, handle: TextIO, line: str) -> None:
        """One whole line, synced: after this returns, a crash cannot lose it."""
        with self._lock:
            handle.write(line + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def close(self) -> None:
        self._attempts.close()
        self._outcomes.close()

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def again(result: Result) -> bool:
    """Whether a resumed run tries this problem again: after a crash (the bug fixed,
    the tool back) or a model error that may pass (the server up, the key set)."""
    return result.status == ERROR or (result.status == MODEL_ERROR and result.retryable)


def manifest_difference(stored: Manifest, wanted: Manifest) -> str | None:
    """Why ``wanted`` cannot continue ``stored`` (naming the option), or None."""
    for key in sorted(set(stored.options) | set(wanted.options)):
        old, new = stored.options.get(key), wanted.options.get(key)
        if old != new:
            return (f"option --{key.replace('_', '-')} was {old!r} in that run and is {new!r} "
                    "now; resume with the run's options, or start a new run")
    if stored.model != wanted.model:
        return f"the run used --model {stored.model}, not {wanted.model}"
    if stored.corpus_hash != wanted.corpus_hash:
        return ("the corpus differs from the run's (its problems or their text changed, or "
                "another selection was made)")
    if stored.verifier != wanted.verifier:
        return f"the run was verified by {stored.verifier}, this verifier is {wanted.verifier}"
    return None


def read_manifest(folder: Path) -> Manifest:
    path = folder / MANIFEST
    try:
        return Manifest.model_validate_json(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInput(f"{folder}: not a run folder (no readable {MANIFEST}: "
                       f"{exc.strerror})") from exc


def load_run(folder: Path) -> StoredRun:
    """Everything a report needs, from the folder alone."""
    manifest = read_manifest(folder)
    results = {r.problem: r for r in _results(folder / OUTCOMES)}
    wanted = {r.run_id for r in results.values()}
    attempts: dict[str, list[Attempt]] = {p: [] for p in results}
    for line in _lines(folder / ATTEMPTS):
        stored = StoredAttempt.model_validate_json(line)
        if stored.run_id in wanted and stored.problem in attempts:
            attempts[stored.problem].append(stored.attempt)
    return StoredRun(folder=str(folder), manifest=manifest, results=results, attempts=attempts)


def _results(path: Path) -> Iterator[Result]:
    for line in _lines(path):
        yield Result.model_validate_json(line)


def _lines(path: Path) -> Iterator[str]:
    """The complete lines of a log; a last line without its newline was torn by a kill."""
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    complete = text[:text.rfind("\n") + 1]
    for line in complete.splitlines():
        if line.strip():
            yield line


def _drop_torn_tail(path: Path) -> None:
    """Cut a torn last line off before appending, so the next line starts clean."""
    if not path.exists():
        path.touch()
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        with path.open("r+b") as handle:
            handle.truncate(data.rfind(b"\n") + 1)
            handle.flush()
            os.fsync(handle.fileno())
