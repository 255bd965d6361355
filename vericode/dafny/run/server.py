"""One warm ``DafnyServer`` process: start it, send it a program, read its answer.

Legacy Dafny (Debian's 2.3) ships ``DafnyServer.exe`` beside ``Dafny.exe``. It keeps
Dafny, Boogie and the runtime loaded, so a small program costs ~0.3 s instead of the
~1.1 s of a fresh ``dafny`` process. The protocol, as found by experiment on 2.3.0.10506:

* request: a line ``verify``, one line of base64 of the JSON ``{"args": [...],
  "filename": ..., "source": ..., "sourceIsFile": false}``, and the line
  ``[[DAFNY-CLIENT: EOM]]``. ``args`` are Dafny's ``/option`` switches (``/timeLimit``,
  ``/z3exe``, ``/errorTrace``, ``/verifySnapshots``, ``/noVerify`` are honoured; ``/noResolve``
  is not).
* answer: lines ending with ``[SUCCESS] [[DAFNY-SERVER: EOM]]``, for failing programs
  too: each implementation gets ``Verifying Impl$$… ...`` and ``  [N proof obligations]
  verified|error|errors|timed out``, diagnostics are printed as by the command line,
  resolver tooltips come as ``Info:`` lines, and there is no summary line.
  ``[FAILURE] [[DAFNY-SERVER: EOM]]`` follows a bad request, or ``[FATAL] …`` (a missing
  prover, say), after which the server exits. Other verbs: ``symbols``, ``version``, …
* it caches results by implementation checksum and filename ("Retrieving cached
  verification result …"), and the checksums miss changes: after ``const K := 1``, a
  method ``ensures K > 0`` stays "verified" when K becomes 0. ``/verifySnapshots:0``
  turns the cache off; the pool also gives every request a file name of its own.
* it runs ``z3 --version`` with its own stdin, which is our command pipe: the plain z3
  wrapper (``grep … | z3``) would eat the next request; ``z3wrap`` avoids that.

The server runs under a small watchdog shell, started as a ``ProcessGroup`` (a group
of its own that dies with vericode, even by SIGKILL: see ``process``): the shell prints
the server's pid, and kills the whole group within a second of the server dying, so no
z3 outlives the server it served.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import select
import shutil
import subprocess
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from vericode.dafny.run.locate import DafnyInstall
from vericode.dafny.run.process import ProcessGroup

CLIENT_EOM = "[[DAFNY-CLIENT: EOM]]"
_END = re.compile(rb"(?:^|\n)\[(SUCCESS|FAILURE)\] \[\[DAFNY-SERVER: EOM\]\]\r?\n")
_LAUNCHER_EXE = re.compile(r"(\S+/Dafny\.exe)\b")

_WATCHDOG = """\
exec 3<&0
"$2" "$3" <&3 3<&- &
server=$!
exec 3<&-
echo "vericode-server-pid $server"
while kill -0 "$1" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 0.5; done
kill -9 0
"""
"""``sh -c`` script, args: the owner's pid, the runtime, DafnyServer.exe. The server reads
the command pipe through fd 3 (an asynchronous list's stdin is /dev/null otherwise)."""

@dataclass(frozen=True)
class ServerCommand:
    """How to start a Dafny server: a .NET runtime and ``DafnyServer.exe``."""

    runtime: str
    exe: Path


def find_server(dafny: DafnyInstall) -> ServerCommand | None:
    """``DafnyServer.exe`` next to a legacy Dafny install, with a runtime to run it; or None.

    Dafny 4 ships no such server: its ``dafny server`` is an LSP language server
    (JSON-RPC over documents), a different protocol, so there is nothing to find.
    """
    if not dafny.legacy:
        return None
    exe = _dafny_exe(Path(dafny.path))
    runtime = shutil.which("cli") or shutil.which("mono")
    if exe is None or runtime is None or not exe.with_name("DafnyServer.exe").is_file():
        return None
    return ServerCommand(runtime, exe.with_name("DafnyServer.exe"))


def _dafny_exe(path: Path) -> Path | None:
    """``Dafny.exe`` itself, or the one a launcher script (Debian's ``dafny``) runs."""
    real = path.resolve()
    if real.suffix == ".exe":
        return real
    try:
        head = real.read_bytes()[:4096].decode("utf-8", errors="replace")
    except OSError:
        return None
    m = _LAUNCHER_EXE.search(head)
    return Path(m.group(1)) if m else None


class ServerStatus(StrEnum):
    """How a request ended."""

    DONE = "done"
    """``[SUCCESS]``: the server ran the request (the program may still fail)."""
    FAILURE = "failure"
    """``[FAILURE]``: the server refused the request or hit a fatal error."""
    DIED = "died"
    """The server's output ended without an answer: it died (or was killed)."""
    HUNG = "hung"
    """No answer within the wall-clock limit; the server has been killed."""


@dataclass(frozen=True)
class Answer:
    status: ServerStatus
    text: str
    """Everything the server printed for this request, without the closing line."""
    seconds: float


_PROGRESS = re.compile(
    r"^(?:Verifying \S+ \.\.\.|Retrieving cached verification result .*"
    r"|Verification completed successfully!)$")
_OUTCOME = re.compile(r"^\s+\[\d+ proof obligations?\]\s+(?P<outcome>\S.*?)\s*$")
_INFO = re.compile(r"^.+\(\d+,\d+\): Info: ")


@dataclass(frozen=True)
class Transcript:
    """A server answer split into what the command line would print and the rest."""

    lines: list[str]
    """Diagnostics and other output, as ``dafny`` prints them (no summary line)."""
    outcomes: list[str]
    """Each verified implementation's outcome: ``verified``, ``error``, ``timed out``, …"""


def read_transcript(text: str) -> Transcript:
    """Drop the server's progress lines and the resolver's tooltips (``Info:``), which
    the command line does not print, and collect the per-implementation outcomes."""
    lines: list[str] = []
    outcomes: list[str] = []
    for line in text.splitlines():
        if m := _OUTCOME.match(line):
            outcomes.append(m.group("outcome"))
        elif line.strip() and not _PROGRESS.match(line) and not _INFO.match(line):
            lines.append(line)
    return Transcript(lines, outcomes)


class ServerError(OSError):
    """The server process could not be started or did not start properly."""


class DafnyServer:
    """One server process; not thread-safe (the pool hands it to one thread at a time)."""

    def __init__(self, command: ServerCommand, cwd: Path, start_seconds: float = 60.0) -> None:
        self.command = command
        self.cwd = cwd
        self.start_seconds = start_seconds
        self.requests = 0
        self._group: ProcessGroup | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._pid: int | None = None
        self._busy = False
        self._buffer = b""

    @property
    def pid(self) -> int | None:
        """The pid of the DafnyServer process itself (not of its watchdog)."""
        return self._pid

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> None:
        """Start the watchdog and the server; raises ``OSError`` if they cannot run."""
        argv = ["sh", "-c", _WATCHDOG, "vericode-server", str(os.getpid()),
                self.command.runtime, str(self.command.exe)]
        self._group = ProcessGroup(argv, cwd=self.cwd, stdin=subprocess.PIPE)
        self._proc = self._group.proc
        assert self._proc.stdout is not None
        os.set_blocking(self._proc.stdout.fileno(), False)
        line = self._read_line(time.monotonic() + self.start_seconds)
        if not line.startswith("vericode-server-pid "):
            self.close()
            raise ServerError(f"the Dafny server did not start: {line or 'no output'}")
        self._pid = int(line.split()[1])

    def ask(self, args: list[str], filename: str, source: str, wall_seconds: float) -> Answer:
        """Send one ``verify`` request and wait at most ``wall_seconds`` for its answer.

        A server that does not answer in time is killed (its whole group), so a hung
        request never leaves a busy process behind.
        """
        started = time.monotonic()
        self.requests += 1
        proc, self._busy = self._proc, True
        try:
            status, text = self._exchange(args, filename, source, started + wall_seconds)
        finally:
            self._busy = False
            if self._proc is None and proc is not None and proc.stdout is not None:
                proc.stdout.close()  # closed while we read: the reader closes the pipe
        return Answer(status, text, time.monotonic() - started)

    def _exchange(self, args: list[str], filename: str, source: str,
                  deadline: float) -> tuple[ServerStatus, str]:
        task = {"args": args, "filename": filename, "source": source, "sourceIsFile": False}
        payload = base64.b64encode(json.dumps(task).encode()).decode()
        try:
            self._send(f"verify\n{payload}\n{CLIENT_EOM}\n")
        except (OSError, ValueError):
            self.close()
            return ServerStatus.DIED, ""
        status, text = self._read_answer(deadline)
        fatal = status is ServerStatus.FAILURE and "[FATAL]" in text
        if fatal or status in (ServerStatus.HUNG, ServerStatus.DIED):
            self.close()  # a fatal error ends the server's loop: it is on its way out
        return status, text

    def rss_bytes(self) -> int | None:
        """The server's resident memory (from /proc), or None if it is gone."""
        try:
            status = Path(f"/proc/{self._pid}/status").read_text()
        except (OSError, TypeError):
            return None
        m = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        return int(m.group(1)) * 1024 if m else None

    def close(self) -> None:
        """Kill the whole process group and reap the watchdog; safe to call twice, and
        from another thread (a request in flight then sees the end of the output)."""
        proc, self._proc = self._proc, None
        group, self._group = self._group, None
        if proc is None or group is None:
            return
        group.kill()
        streams = [proc.stdin] if self._busy else [proc.stdin, proc.stdout]
        for stream in streams:
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)
        _wait_gone(self._pid, 5.0)

    def _send(self, text: str) -> None:
        if self._proc is None or self._proc.stdin is None:
            raise BrokenPipeError("the server is closed")
        self._proc.stdin.write(text.encode())
        self._proc.stdin.flush()

    def _read_answer(self, deadline: float) -> tuple[ServerStatus, str]:
        while not (m := _END.search(self._buffer)):
            chunk = self._read_chunk(deadline)
            if chunk is None:
                return ServerStatus.HUNG, self._take(len(self._buffer))
            if not chunk:
                return ServerStatus.DIED, self._take(len(self._buffer))
            self._buffer += chunk
        text = self._take(m.start())
        self._buffer = self._buffer[m.end():]
        return (ServerStatus.DONE if m.group(1) == b"SUCCESS" else ServerStatus.FAILURE), text

    def _read_line(self, deadline: float) -> str:
        while b"\n" not in self._buffer:
            chunk = self._read_chunk(deadline)
            if not chunk:
                return self._take(len(self._buffer)).strip()
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode("utf-8", errors="replace").strip()

    def _read_chunk(self, deadline: float) -> bytes | None:
        """Some output; ``b""`` at end of output; None when the deadline passes."""
        if self._proc is None or self._proc.stdout is None:
            return b""
        fd = self._proc.stdout.fileno()
        while (left := deadline - time.monotonic()) > 0:
            try:
                if select.select([fd], [], [], left)[0]:
                    return os.read(fd, 1 << 16)
            except BlockingIOError:
                continue
            except (OSError, ValueError):
                return b""  # closed by another thread
        return None

    def _take(self, end: int) -> str:
        text, self._buffer = self._buffer[:end], self._buffer[end:]
        return text.decode("utf-8", errors="replace")


def _wait_gone(pid: int | None, seconds: float) -> None:
    """Wait until ``pid`` has exited: SIGKILL is asynchronous, and a large Mono process
    takes a moment to tear down; a replaced server must be gone, not going."""
    deadline = time.monotonic() + seconds
    while pid is not None and time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return
        if state in ("Z", "X"):
            return
        time.sleep(0.02)
