"""The warm verifier pool: up to J ``DafnyServer`` processes behind the ``Verifier`` seam.

``ServerPool.verify`` gives the same verdicts and diagnostics as ``LocalVerifier`` (a
fresh ``dafny`` per program) for the same text, at a fraction of the cost: the program
goes through the same dialect shim, the server gets the same options (time limit,
``/errorTrace:0``, the z3 wrapper), and its answer is rewritten into what the command
line prints (progress lines and tooltips dropped, the summary line rebuilt from the
per-implementation outcomes) before the shared parser, ``judge`` and
``place_diagnostics`` read it. Both share the verdict cache and its key scheme.

Decisions, each measured on Debian's Dafny 2.3 (see ``server.py`` for the protocol):

* Isolation. The server's own result cache returns stale verdicts (a method that
  depends on a changed ``const`` stays "verified"); every request disables it with
  ``/verifySnapshots:0`` and carries a file name never used before.
* Fast path. A program with parse or resolution errors never reaches z3: the server
  answers it in about a millisecond. A ``/noVerify`` pre-pass (which 2.3's server does
  honour) cost 0.09 s per valid program against ~0.6 s for its verification, a 15%
  tax on every valid program to save nothing, so there is none. What the answer lacks
  is the command line's "N parse errors" / "N resolution/type errors" line, which
  decides the verdict (``/noResolve`` is ignored, so it cannot be asked for). Errors
  at the very end of the text are the parser's; otherwise a second request of ~1 ms,
  made only when errors came without any verification, tells the two apart: the
  program with a parse error appended. Parse errors of the program are reported again
  (they lie before the probe); resolution errors vanish, as resolution never runs.
* Faults. A server that dies mid-request is replaced and the request retried once; one
  that passes the wall-clock limit is killed with its process group (verdict
  ``timeout``, as for a killed process); one whose RSS passes ``max_rss_bytes`` after a
  request is retired. Replacements start lazily, on the next request.
* Wear. A server's RSS grows with every request and never plateaus, and it slows as
  it grows (``tests/scale/measure_server_wear.py``; numbers in ``perf/RESULTS.md``), so
  a server is also retired after ``recycle_requests`` requests or once its RSS has
  grown ``recycle_growth_bytes`` past its size after the first request. Retiring
  happens only between requests (in ``_release``), so no verification is lost.
* Dafny 4 has no such server (``dafny server`` speaks LSP), so ``make_verifier`` falls
  back to ``LocalVerifier`` there, or wherever ``DafnyServer.exe`` is missing.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from vericode.dafny.run import output
from vericode.dafny.run.cache import VerdictCache, verdict_cache
from vericode.dafny.run.locate import DafnyInstall, find_dafny
from vericode.dafny.run.procedures import procedure_outcomes
from vericode.dafny.run.process import ProcessResult
from vericode.dafny.run.server import (
    Answer,
    DafnyServer,
    ServerCommand,
    ServerStatus,
    Transcript,
    find_server,
    read_transcript,
)
from vericode.dafny.run.verdict import judge
from vericode.dafny.run.verifier import CachingVerifier, VerifyOptions, file_name, place_diagnostics
from vericode.dafny.run.z3wrap import z3_wrapper
from vericode.dafny.syntax import dialect
from vericode.errors import ToolMissing
from vericode.seams import Severity, Verdict, VerifyResult
from vericode.settings import Settings

MAX_RSS_BYTES = 1536 * 1024 * 1024
"""A server above this resident size after a request is retired (one measured 70-100 MB
after its first requests)."""
RECYCLE_REQUESTS = 250
"""A server is retired after this many requests (0: never, by count)."""
RECYCLE_GROWTH_BYTES = 160 * 1024 * 1024
"""A server whose RSS grew by more than this since its first request is retired (0:
never, by growth)."""
WARM_UP_SECONDS = 120.0
"""How long a new server may take to answer its first, empty request."""
_PROBE = "\nmethod method\n"
"""A parse error wherever it lands: ``method`` is a keyword, not a name."""
_RESOURCE_WORDS = {"inconclusive": "inconclusive", "timed out": "time out",
                   "out of memory": "out of memory", "out of resource": "out of resource"}

def _shut_down(servers: set[DafnyServer], folder: Path) -> None:
    """Kill every server of a pool and remove its folder: on ``close``, when the pool is
    garbage-collected, or at interpreter exit, whichever comes first."""
    for server in list(servers):
        server.close()
    shutil.rmtree(folder, ignore_errors=True)


class ServerPool(CachingVerifier):
    """Verify program texts on up to ``jobs`` warm Dafny servers; safe to share between
    threads (each request holds one server for its duration)."""

    def __init__(self, dafny: DafnyInstall, command: ServerCommand, options: VerifyOptions,
                 cache: VerdictCache | None, work_dir: Path, jobs: int = 1,
                 max_rss_bytes: int = MAX_RSS_BYTES,
                 server: Callable[[ServerCommand, Path], DafnyServer] = DafnyServer) -> None:
        self.dafny = dafny
        self.command = command
        self.options = options
        self.cache = cache
        self.work_dir = work_dir
        """Holds the z3 wrapper; the servers run in a private temporary folder."""
        self.jobs = max(1, jobs)
        self.max_rss_bytes = max_rss_bytes
        self.server = server
        """Makes one server from ``command`` and a working folder (one in a container, say)."""
        self.recycle_requests = RECYCLE_REQUESTS
        self.recycle_growth_bytes = RECYCLE_GROWTH_BYTES
        self.restarts = 0
        """Servers retired because they died, hung or grew too big."""
        self.recycled = 0
        """Servers retired for wear (request count or RSS growth), between requests."""
        self._wear: dict[DafnyServer, _Wear] = {}
        self.retries = 0
        """Requests sent again because their server died under them."""
        self._cond = threading.Condition()
        self._idle: list[DafnyServer] = []
        self._all: set[DafnyServer] = set()
        self._starting = 0
        self._closed = False
        folder = Path(tempfile.mkdtemp(prefix="vericode-pool-"))
        self._folder = folder
        self._shutdown = weakref.finalize(self, _shut_down, self._all, folder)
        """No server outlives the pool; the watchdogs cover a vericode killed outright."""

    @classmethod
    def from_settings(cls, settings: Settings, jobs: int = 1) -> ServerPool:
        """A pool for the configured Dafny; ``ToolMissing`` if it has no server."""
        dafny = find_dafny(settings.dafny, settings.cache_dir)
        command = find_server(dafny)
        if command is None:
            raise ToolMissing(f"{dafny.label} at {dafny.path} has no DafnyServer.exe beside "
                              "it (or no `cli`/`mono` to run it): use the local verifier")
        cache = verdict_cache(settings)
        return cls(dafny, command, VerifyOptions.from_settings(settings), cache,
                   settings.cache_dir, jobs)

    def processes(self) -> list[int]:
        """The pids of the running DafnyServer processes (for monitoring and tests)."""
        with self._cond:
            return [s.pid for s in self._all if s.alive and s.pid is not None]

    def close(self) -> None:
        """Kill every server, busy ones included; the pool refuses work afterwards."""
        with self._cond:
            self._closed = True
            self._idle = []
            self._cond.notify_all()
        self._shutdown()

    def __enter__(self) -> ServerPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    # --- one verification -------------------------------------------------------------

    def _run(self, text: str, name: str) -> VerifyResult:
        rewritten = dialect.for_verifier(text, legacy=True)
        filename = _unique(name)
        answer = self._ask(rewritten.text, filename)
        if answer.status in (ServerStatus.FAILURE, ServerStatus.DIED):
            return self._crashed(answer)
        transcript = read_transcript(answer.text)
        seconds = answer.seconds
        if answer.status is ServerStatus.HUNG:
            raw, code = "\n".join(transcript.lines), None
        else:
            raw, code, probe_seconds = self._as_command_line(transcript, rewritten, filename)
            seconds += probe_seconds
        raw = raw.replace(filename, name)
        parsed = output.parse_text(raw)
        process = ProcessResult(code, raw, seconds, answer.status is ServerStatus.HUNG)
        judgement = judge(parsed, process, self.options.wall_seconds)
        return VerifyResult(
            verdict=judgement.verdict, verifier_version=self.version,
            diagnostics=place_diagnostics(parsed, rewritten, filename, name, text),
            seconds=round(seconds, 3), summary=judgement.summary, output=raw,
            procedures=procedure_outcomes(answer.text))

    def _as_command_line(self, transcript: Transcript, rewritten: dialect.Rewritten,
                         filename: str) -> tuple[str, int, float]:
        """The output ``dafny`` would print, its exit code, and the probe's seconds."""
        body = "\n".join(transcript.lines)
        errors = _errors(output.parse_text(body))
        if transcript.outcomes or not errors:
            summary, code = _verification_summary(transcript.outcomes, errors)
            return f"{body}\n\nDafny program verifier finished with {summary}\n", code, 0.0
        kind, seconds = self._classify(errors, rewritten)
        return f"{body}\n{len(errors)} {kind} errors detected in {filename}\n", 2, seconds

    def _classify(self, errors: list[output.RawDiagnostic],
                  rewritten: dialect.Rewritten) -> tuple[str, float]:
        """``parse`` or ``resolution/type``, for errors that stopped Dafny before z3."""
        end = rewritten.text.rstrip()
        last_line, last_column = end.count("\n") + 1, len(end) - end.rfind("\n")
        if any((e.line, e.column) >= (last_line, last_column) for e in errors):
            return "parse", 0.0  # at the end of the text: only the parser looks there
        probe = self._ask(rewritten.text + _PROBE, _unique("probe.dfy"))
        again = {(e.line, e.column, e.message)
                 for e in _errors(output.parse_text("\n".join(read_transcript(probe.text).lines)))}
        seen = any((e.line, e.column, e.message) in again for e in errors)
        return ("parse" if seen else "resolution/type"), probe.seconds

    def _crashed(self, answer: Answer) -> VerifyResult:
        lines = [line for line in answer.text.splitlines() if line.strip()]
        why = ("the Dafny server died twice during this request"
               if answer.status is ServerStatus.DIED else "the Dafny server refused the request")
        detail = " | ".join(lines[-3:]) or "no output"
        return VerifyResult(verdict=Verdict.CRASHED, verifier_version=self.version,
                            seconds=round(answer.seconds, 3), summary=f"{why}: {detail}",
                            output=answer.text)

    # --- servers ----------------------------------------------------------------------

    def _ask(self, source: str, filename: str) -> Answer:
        """One request; if its server died under it, once more on a fresh server."""
        answer = self._ask_once(source, filename)
        if answer.status is ServerStatus.DIED:
            with self._cond:
                self.retries += 1
            answer = self._ask_once(source, filename)
        return answer

    def _ask_once(self, source: str, filename: str) -> Answer:
        server = self._acquire()
        try:
            return server.ask(self._args(), filename, source, self.options.wall_seconds)
        finally:
            self._release(server)

    def _args(self) -> list[str]:
        args = [f"/timeLimit:{self.options.time_limit}", "/errorTrace:0",
                "/verifySnapshots:0", "/vcsCores:1"]
        if self.dafny.z3:
            args.append(f"/z3exe:{z3_wrapper(self.dafny.z3, self.work_dir)}")
        return args

    def _acquire(self) -> DafnyServer:
        with self._cond:
            while not self._idle and len(self._all) + self._starting >= self.jobs:
                if self._closed:
                    break
                self._cond.wait()
            if self._closed:
                raise RuntimeError("the verifier pool is closed")
            if self._idle:
                return self._idle.pop()
            self._starting += 1
        return self._start()

    def _start(self) -> DafnyServer:
        server = self.server(self.command, self._folder)
        try:
            server.start()
            self._warm_up(server)
        except OSError as exc:
            raise ToolMissing(f"cannot start the Dafny server {self.command.exe}: {exc}") from exc
        finally:
            with self._cond:
                self._starting -= 1
                if server.alive:
                    self._all.add(server)
                self._cond.notify_all()
        return server

    def _warm_up(self, server: DafnyServer) -> None:
        """Load Dafny and Boogie with an empty program, so that a server's start-up (seconds
        under Mono) never counts against the first real request's wall-clock limit."""
        answer = server.ask(self._args(), _unique("warm-up.dfy"), "", WARM_UP_SECONDS)
        if answer.status is not ServerStatus.DONE:
            server.close()
            raise OSError(f"no answer to a first, empty request ({answer.status.value})")

    def _release(self, server: DafnyServer) -> None:
        rss = server.rss_bytes() or 0
        with self._cond:
            worn = self._worn(server, rss)
        retire = self._closed or not server.alive or rss > self.max_rss_bytes or worn
        if retire:
            server.close()
        with self._cond:
            if retire:
                self._all.discard(server)
                self._wear.pop(server, None)
                self.restarts += 0 if self._closed or worn else 1
                self.recycled += worn and not self._closed
            else:
                self._idle.append(server)
            self._cond.notify_all()

    def _worn(self, server: DafnyServer, rss: int) -> bool:
        """Count this request; whether the server has served enough (by count or RSS
        growth since its first request) to be replaced now, between requests."""
        wear = self._wear.setdefault(server, _Wear(first_rss=rss))
        wear.requests += 1
        by_count = 0 < self.recycle_requests <= wear.requests
        grown = rss - wear.first_rss
        return by_count or 0 < self.recycle_growth_bytes < grown


@dataclass
class _Wear:
    """Requests one server has answered, and its RSS after the first."""

    first_rss: int
    requests: int = 0


def _unique(name: str) -> str:
    """A file name no request used before: the server keys its internal state on it."""
    return f"vc{uuid.uuid4().hex[:12]}_{file_name(name)}"


def _errors(parsed: output.ParsedOutput) -> list[output.RawDiagnostic]:
    """Error diagnostics that are not time-outs: what Dafny's summary counts as errors."""
    return [d for d in parsed.diagnostics if d.severity is Severity.ERROR and not d.timeout]


def _verification_summary(outcomes: list[str],
                          errors: list[output.RawDiagnostic]) -> tuple[str, int]:
    """Boogie's closing counts (``2 verified, 1 error, 1 time out``) and ``dafny``'s exit
    code, from the per-implementation outcomes alone: an error message the server
    printed never stands for an outcome (a ``#line`` pragma can make a program's own
    text look like one). Exit 0 only when every outcome is ``verified`` and no error
    was printed."""
    count = sum(o in ("error", "errors") for o in outcomes)
    parts = [f"{outcomes.count('verified')} verified", f"{count} error{'s' * (count != 1)}"]
    others = [w for w in dict.fromkeys(outcomes) if w not in ("verified", "error", "errors")]
    for word in sorted(others, key=lambda w: list(_RESOURCE_WORDS).index(w)
                       if w in _RESOURCE_WORDS else len(_RESOURCE_WORDS)):
        n = outcomes.count(word)
        label = _RESOURCE_WORDS.get(word, word)
        parts.append(f"{n} {label}{'s' * (n != 1 and label == 'time out')}")
    clean = count == 0 and len(parts) == 2 and not errors
    return ", ".join(parts), 0 if clean else 4
