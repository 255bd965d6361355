"""Running verifier processes that never outlive vericode, however it ends.

Every child starts in a process group of its own, so that Dafny, the Mono runtime and
every z3 they start can be killed together: when a wall-clock limit passes, or a run
ends in any way at all, the whole group is killed. Two things cover vericode's own
death, even by SIGKILL, when nothing of ours runs to clean up:

* the child gets ``PR_SET_PDEATHSIG`` = SIGKILL. The kernel sends it when the *thread*
  that started the child ends, so every child is started from one long-lived thread
  (a server started from a worker thread that then ends would die with that thread);
* a guard (``sh``, a few hundred kB) sits in the child's group and reads a pipe whose
  only writer is vericode: at vericode's death the pipe ends and the guard kills the
  group, grandchildren (z3) included. Killing the group kills the guard too.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import IO

_PR_SET_PDEATHSIG = 1
_GUARD = ["sh", "-c", "read -r _; kill -9 0", "vericode-guard"]
"""Waits for the end of its stdin (vericode gone), then kills its whole group."""
_File = int | IO[bytes] | None


@dataclass(frozen=True)
class ProcessResult:
    returncode: int | None
    """None when the wall-clock limit killed the process."""
    output: str
    """stdout and stderr, interleaved as written."""
    seconds: float
    timed_out: bool

    @property
    def signalled(self) -> bool:
        return self.returncode is not None and self.returncode < 0


def run(argv: list[str], *, wall_seconds: float, cwd: Path,
        env: dict[str, str] | None = None) -> ProcessResult:
    """Run ``argv``; kill its whole process group after ``wall_seconds``.

    Raises ``FileNotFoundError``/``PermissionError`` if the program cannot start.
    """
    start = time.monotonic()
    group = ProcessGroup(argv, cwd=cwd, env=env)
    proc, timed_out = group.proc, False
    try:
        try:
            out, _ = proc.communicate(timeout=wall_seconds)
        except subprocess.TimeoutExpired:
            timed_out = True
            group.kill()
            out, _ = proc.communicate()
    finally:
        group.kill()
        if proc.poll() is None:
            proc.wait()
    text = out.decode("utf-8", errors="replace")
    code = None if timed_out else proc.returncode
    return ProcessResult(code, text, time.monotonic() - start, timed_out)


class ProcessGroup:
    """A child in a process group of its own, which dies with vericode (see above)."""

    def __init__(self, argv: list[str], *, cwd: Path, env: dict[str, str] | None = None,
                 stdin: _File = subprocess.DEVNULL, stdout: _File = subprocess.PIPE,
                 stderr: _File = subprocess.STDOUT) -> None:
        parent = os.getpid()
        self.proc: subprocess.Popen[bytes] = _SPAWNER.call(lambda: subprocess.Popen(
            argv, cwd=cwd, env=env, stdin=stdin, stdout=stdout, stderr=stderr,
            process_group=0, preexec_fn=lambda: _die_with(parent)))
        self._guard = _start_guard(self.proc.pid)

    @property
    def pid(self) -> int:
        """The child's pid, which is also its process group's id."""
        return self.proc.pid

    def kill(self) -> None:
        """SIGKILL the whole group (guard included) and reap the guard; safe twice."""
        kill_group(self.proc.pid)
        guard, self._guard = self._guard, None
        if guard is not None:
            guard.wait()
            if guard.stdin is not None:
                guard.stdin.close()


def kill_group(pgid: int) -> None:
    """SIGKILL every process of a group; a group that is already gone is fine."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def _start_guard(pgid: int) -> subprocess.Popen[bytes] | None:
    """The guard in group ``pgid``; None if the group has already gone."""
    try:
        return subprocess.Popen(_GUARD, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, process_group=pgid)
    except OSError:
        return None  # the child ended and left no group to join


def _die_with(parent: int) -> None:
    """In the child before exec: SIGKILL when vericode's spawning thread ends (and at
    once if vericode has already gone)."""
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _libc_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    return prctl


_prctl = _libc_prctl()


class _Spawner:
    """One daemon thread that starts every child: it lives as long as the process, so
    ``PR_SET_PDEATHSIG`` means "when vericode dies"."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: queue.SimpleQueue[tuple[Callable[[], object], Future[object]]] | None = None
        self._thread: threading.Thread | None = None

    def call(self, job: Callable[[], subprocess.Popen[bytes]]) -> subprocess.Popen[bytes]:
        """``job()`` run on the spawning thread; its exception is raised here."""
        done: Future[object] = Future()
        self._queue().put((job, done))
        result = done.result()
        assert isinstance(result, subprocess.Popen)
        return result

    def _queue(self) -> queue.SimpleQueue[tuple[Callable[[], object], Future[object]]]:
        with self._lock:
            if self._jobs is None or self._thread is None or not self._thread.is_alive():
                self._jobs = queue.SimpleQueue()
                self._thread = threading.Thread(target=_serve, args=(self._jobs,),
                                                name="vericode-spawner", daemon=True)
                self._thread.start()
            return self._jobs


def _serve(jobs: queue.SimpleQueue[tuple[Callable[[], object], Future[object]]]) -> None:
    while True:
        job, done = jobs.get()
        try:
            done.set_result(job())
        except BaseException as exc:  # handed to the caller, who raises it
            done.set_exception(exc)


_SPAWNER = _Spawner()
