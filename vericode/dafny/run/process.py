"""Running a verifier process under a wall-clock limit, leaving nothing behind.

The process starts in a session of its own, so that Dafny, the Mono runtime and
every z3 they start share one process group; when the limit passes, or the run ends
in any way at all, the whole group is killed.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


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
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, start_new_session=True)
    timed_out = False
    try:
        try:
            out, _ = proc.communicate(timeout=wall_seconds)
        except subprocess.TimeoutExpired:
            timed_out = True
            kill_group(proc.pid)
            out, _ = proc.communicate()
    finally:
        kill_group(proc.pid)
        if proc.poll() is None:
            proc.wait()
    text = out.decode("utf-8", errors="replace")
    code = None if timed_out else proc.returncode
    return ProcessResult(code, text, time.monotonic() - start, timed_out)


def kill_group(pgid: int) -> None:
    """SIGKILL every process of a group; a group that is already gone is fine."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)
