"""No Dafny, Mono or z3 process outlives vericode, however it ends: the local verifier
(a fresh process per program), the sandboxed one, and a warm server started from a
thread that has ended."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from pathlib import Path

import pytest
from processes import marked_processes

from vericode.dafny.run.locate import find_dafny
from vericode.dafny.run.process import ProcessGroup, run
from vericode.dafny.run.sandbox import sandbox_problem
from vericode.dafny.run.server import DafnyServer, ServerStatus, find_server
from vericode.dafny.run.z3wrap import z3_wrapper

TIMEOUT = Path(__file__).parent.parent / "fixtures" / "pool" / "timeout.dfy"

_OWNER = """
import sys
from pathlib import Path
from vericode.dafny.run.locate import find_dafny
from vericode.dafny.run.sandbox import sandbox_launcher
from vericode.dafny.run.verifier import LocalVerifier, VerifyOptions, launch_local
launcher = sandbox_launcher() if sys.argv[3] == "sandbox" else launch_local
verifier = LocalVerifier(find_dafny(), VerifyOptions(100, 600), None, Path(sys.argv[1]),
                         launcher)
print("ready", flush=True)
print(verifier.verify(Path(sys.argv[2]).read_text(), "p.dfy").verdict.value, flush=True)
"""
"""Args: a work folder, a program, ``local`` or ``sandbox``; verifies with a 100 s limit."""


def start_owner(tmp_path: Path, marker: str, how: str, program: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "VERICODE_TEST_MARKER": marker}
    owner = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_OWNER), str(tmp_path), str(program), how],
        stdout=subprocess.PIPE, env=env)
    assert owner.stdout is not None and owner.stdout.readline() == b"ready\n"
    return owner


def marked_z3(marker: str) -> list[int]:
    """The marked processes that are z3 itself."""
    found = []
    for pid in marked_processes(marker):
        try:
            if Path(f"/proc/{pid}/comm").read_text().strip() == "z3":
                found.append(pid)
        except OSError:
            continue
    return found


def wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.1)
    return False


def wait_until_none(marker: str, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := marked_processes(marker)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def sandbox_required(how: str) -> None:
    """The sandbox case needs bwrap, which the test command installs: its absence is a
    failure here, not a skip."""
    if how == "sandbox":
        assert sandbox_problem() is None, f"no sandbox here: {sandbox_problem()}"


@pytest.mark.parametrize("how", ["local", "sandbox"])
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["KILL", "TERM"])
def test_no_process_outlives_an_owner_killed_mid_verification(
        how: str, sig: signal.Signals, tmp_path: Path) -> None:
    sandbox_required(how)
    marker = str(uuid.uuid4())
    owner = start_owner(tmp_path, marker, how, TIMEOUT)
    assert wait_for(lambda: marked_z3(marker), 30), "z3 is working on the hard lemma"
    owner.send_signal(sig)
    owner.wait()
    assert wait_until_none(marker, 5.0) == []


@pytest.mark.parametrize("how", ["local", "sandbox"])
def test_no_process_outlives_an_owner_that_ends_normally(how: str, tmp_path: Path) -> None:
    sandbox_required(how)
    marker = str(uuid.uuid4())
    program = tmp_path / "ok.dfy"
    program.write_text("method M() ensures 1 + 1 == 2 {}\n")
    owner = start_owner(tmp_path, marker, how, program)
    out, _ = owner.communicate(timeout=120)
    assert out == b"verified\n"
    assert marked_processes(marker) == []


def test_a_run_leaves_neither_child_nor_guard(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    marker = str(uuid.uuid4())
    monkeypatch.setenv("VERICODE_TEST_MARKER", marker)
    done = run(["sh", "-c", "sleep 30 & echo started; wait"], wall_seconds=1.0, cwd=tmp_path)
    assert done.timed_out and done.output == "started\n"
    assert wait_until_none(marker, 2.0) == [], "the background sleep died with its group"
    group = ProcessGroup(["sleep", "30"], cwd=tmp_path)
    assert len(marked_processes(marker)) == 2, "the child and its guard"
    group.kill()
    group.proc.wait()
    assert wait_until_none(marker, 2.0) == []


def test_a_server_started_by_an_ended_thread_keeps_running(tmp_path: Path) -> None:
    """PR_SET_PDEATHSIG fires when the *thread* that started a child ends; the pool starts
    servers from whichever thread asks first, so the spawn must not tie them to it."""
    dafny = find_dafny()
    command = find_server(dafny)
    assert command is not None and dafny.z3 is not None
    server = DafnyServer(command, tmp_path)
    starter = threading.Thread(target=server.start)
    starter.start()
    starter.join()
    time.sleep(0.5)
    args = ["/errorTrace:0", f"/z3exe:{z3_wrapper(dafny.z3, tmp_path)}"]
    try:
        assert server.alive
        answer = server.ask(args, "m.dfy", "method M() ensures 2 > 1 {}\n", 60)
    finally:
        server.close()
    assert answer.status is ServerStatus.DONE and "verified" in answer.text
