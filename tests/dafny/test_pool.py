"""The warm server pool against the real Dafny: same verdicts as a fresh process, and
faults (deaths, hangs, memory, leaked state, stray processes) handled."""

from __future__ import annotations

import dataclasses
import gc
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from processes import marked_processes

from vericode.dafny.run.locate import DafnyInstall, find_dafny
from vericode.dafny.run.output import RawDiagnostic
from vericode.dafny.run.pool import MAX_RSS_BYTES, ServerPool, _verification_summary
from vericode.dafny.run.server import DafnyServer, ServerStatus, find_server
from vericode.dafny.run.verifier import LocalVerifier, VerifyOptions
from vericode.dafny.run.z3wrap import z3_wrapper
from vericode.seams import Severity, Verdict, VerifyResult
from vericode.settings import Settings

PROGRAMS = Path(__file__).parent.parent / "fixtures" / "pool"
SHORT = VerifyOptions(time_limit=2, wall_seconds=60)
"""Two seconds per procedure, so that ``timeout.dfy`` times out quickly."""


def read(name: str) -> str:
    return (PROGRAMS / name).read_text()


def comparable(result: VerifyResult) -> tuple[object, ...]:
    """Everything a caller reads of a result, except timings and raw output."""
    return (result.verdict, result.summary,
            [d.model_dump() for d in result.diagnostics])


@pytest.fixture(scope="module")
def dafny() -> DafnyInstall:
    return find_dafny()


@pytest.fixture(scope="module")
def pool(dafny: DafnyInstall, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerPool]:
    """One pool of two servers for the comparison tests (no verdict cache)."""
    command = find_server(dafny)
    assert command is not None, "Debian's Dafny ships DafnyServer.exe"
    with ServerPool(dafny, command, SHORT, None, tmp_path_factory.mktemp("pool"), jobs=2) as p:
        yield p


@pytest.fixture(scope="module")
def local(dafny: DafnyInstall, tmp_path_factory: pytest.TempPathFactory) -> LocalVerifier:
    return LocalVerifier(dafny, SHORT, None, tmp_path_factory.mktemp("local"))


def running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for init to reap it does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def new_pool(dafny: DafnyInstall, tmp_path: Path, *, jobs: int = 1,
             options: VerifyOptions = SHORT, max_rss_bytes: int = MAX_RSS_BYTES) -> ServerPool:
    """A pool of its own, without a verdict cache, for tests that break servers."""
    command = find_server(dafny)
    assert command is not None
    return ServerPool(dafny, command, options, None, tmp_path, jobs, max_rss_bytes)


@pytest.mark.parametrize("name", [
    "verified.dfy", "failing.dfy", "timeout.dfy", "parse_error.dfy", "parse_error_at_end.dfy",
    "resolution_error.dfy", "module_error.dfy", "shim_needed.dfy", "isolation_after.dfy",
])
def test_pool_verdicts_equal_fresh_process_verdicts(
        name: str, pool: ServerPool, local: LocalVerifier) -> None:
    fresh = local.verify(read(name), name)
    warm = pool.verify(read(name), name)
    assert comparable(warm) == comparable(fresh), warm.output
    assert "Prover error" not in warm.output and "model_compress" not in warm.output


def test_the_comparison_covers_every_kind_of_verdict(pool: ServerPool) -> None:
    """The fixtures above reach each verdict, and diagnostics of each kind."""
    expected = {"verified.dfy": Verdict.VERIFIED, "failing.dfy": Verdict.FAILED,
                "timeout.dfy": Verdict.TIMEOUT, "parse_error_at_end.dfy": Verdict.PARSE_ERROR,
                "module_error.dfy": Verdict.RESOLUTION_ERROR}
    results = {name: pool.verify(read(name), name) for name in expected}
    assert {name: r.verdict for name, r in results.items()} == expected
    related = results["failing.dfy"].diagnostics[0].related[0].location
    assert (related.line, related.column) == (2, 13)
    timeout = results["timeout.dfy"].diagnostics[0]
    assert timeout.kind == "timeout" and "'Hard' timed out after 2 seconds" in timeout.message
    assert results["module_error.dfy"].diagnostics[0].kind == "resolution"


def test_concurrent_requests_share_two_servers(pool: ServerPool) -> None:
    names = ["verified.dfy", "failing.dfy", "parse_error.dfy", "shim_needed.dfy"] * 2
    results: dict[int, VerifyResult] = {}
    peak: list[int] = []

    def work(i: int) -> None:
        peak.append(len(pool.processes()))
        results[i] = pool.verify(read(names[i]), names[i])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(names))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    verdicts = [results[i].verdict for i in range(len(names))]
    assert verdicts == [Verdict.VERIFIED, Verdict.FAILED, Verdict.PARSE_ERROR, Verdict.FAILED] * 2
    assert len(pool.processes()) == 2
    assert max(peak) <= 2


def test_server_alone_leaks_state_between_requests(dafny: DafnyInstall, tmp_path: Path) -> None:
    """Why the pool isolates requests: the bare server calls the changed program verified."""
    command = find_server(dafny)
    assert command is not None and dafny.z3 is not None
    server = DafnyServer(command, tmp_path)
    server.start()
    args = ["/errorTrace:0", f"/z3exe:{z3_wrapper(dafny.z3, tmp_path)}"]
    try:
        before = server.ask(args, "p.dfy", read("isolation_before.dfy"), 60)
        after = server.ask(args, "p.dfy", read("isolation_after.dfy"), 60)
    finally:
        server.close()
    assert before.status is after.status is ServerStatus.DONE
    assert "Retrieving cached verification result" in after.text
    assert "Error" not in after.text


def test_pool_isolates_requests_with_the_same_name(dafny: DafnyInstall, tmp_path: Path,
                                                   local: LocalVerifier) -> None:
    with new_pool(dafny, tmp_path, jobs=1) as pool:
        before = pool.verify(read("isolation_before.dfy"), "p.dfy")
        after = pool.verify(read("isolation_after.dfy"), "p.dfy")
        again = pool.verify(read("isolation_before.dfy"), "p.dfy")
        assert len(pool.processes()) == 1
    assert (before.verdict, after.verdict, again.verdict) == (
        Verdict.VERIFIED, Verdict.FAILED, Verdict.VERIFIED)
    assert comparable(after) == comparable(local.verify(read("isolation_after.dfy"), "p.dfy"))


def test_killed_server_is_replaced_and_request_retried(dafny: DafnyInstall,
                                                       tmp_path: Path) -> None:
    with new_pool(dafny, tmp_path, jobs=1) as pool:
        assert pool.verify(read("verified.dfy"), "v.dfy").ok
        [first] = pool.processes()
        results: list[VerifyResult] = []
        worker = threading.Thread(
            target=lambda: results.append(pool.verify(read("timeout.dfy"), "timeout.dfy")))
        worker.start()
        time.sleep(1.0)  # the request needs > 2 s: the server is busy with it
        os.kill(first, signal.SIGKILL)
        worker.join()
        [second] = pool.processes()
        assert (pool.retries, pool.restarts) == (1, 1)
    assert second != first
    assert results[0].verdict is Verdict.TIMEOUT
    assert "timed out after 2 seconds" in results[0].diagnostics[0].message


def test_hung_server_is_killed_at_the_wall_clock(dafny: DafnyInstall, tmp_path: Path) -> None:
    options = VerifyOptions(time_limit=100, wall_seconds=3.0)
    with new_pool(dafny, tmp_path, jobs=1, options=options) as pool:
        assert pool.verify(read("verified.dfy"), "v.dfy").ok
        [first] = pool.processes()
        started = time.monotonic()
        result = pool.verify(read("timeout.dfy"), "timeout.dfy")
        assert time.monotonic() - started < 10
        assert result.verdict is Verdict.TIMEOUT
        assert "wall-clock limit of 3 s" in result.summary
        assert not running(first)
        assert pool.restarts == 1
        assert pool.verify(read("failing.dfy"), "failing.dfy").verdict is Verdict.FAILED


def test_server_over_the_memory_bound_is_retired(dafny: DafnyInstall, tmp_path: Path) -> None:
    with new_pool(dafny, tmp_path, jobs=1, max_rss_bytes=1) as pool:
        first = pool.verify(read("verified.dfy"), "v.dfy")
        assert pool.processes() == []
        second = pool.verify(read("failing.dfy"), "failing.dfy")
        assert pool.restarts == 2
    assert (first.verdict, second.verdict) == (Verdict.VERIFIED, Verdict.FAILED)


def test_broken_prover_is_crashed_not_verified(dafny: DafnyInstall, tmp_path: Path) -> None:
    broken = dataclasses.replace(dafny, z3=str(tmp_path / "no-z3"))
    with new_pool(broken, tmp_path, jobs=1) as pool:
        result = pool.verify(read("verified.dfy"), "v.dfy")
        assert result.verdict is Verdict.CRASHED
        assert "[FATAL]" in result.summary
        assert pool.processes() == []


def test_pool_and_local_share_the_verdict_cache(settings: Settings) -> None:
    text = read("failing.dfy")
    fresh = LocalVerifier.from_settings(settings).verify(text, "failing.dfy")
    with ServerPool.from_settings(settings, jobs=1) as pool:
        hit = pool.verify(text, "failing.dfy")
        miss = pool.verify(read("verified.dfy"), "verified.dfy")
        assert pool.processes() != []
    assert hit.cached and comparable(hit) == comparable(fresh)
    assert not miss.cached
    assert LocalVerifier.from_settings(settings).verify(read("verified.dfy"), "verified.dfy").cached


def test_server_is_looked_for_beside_the_dafny_a_launcher_runs(tmp_path: Path) -> None:
    debian = find_server(find_dafny())
    assert debian is not None and debian.exe == Path("/usr/lib/dafny/DafnyServer.exe")
    (tmp_path / "Dafny.exe").touch()
    launcher = tmp_path / "dafny"
    launcher.write_text(f'#!/bin/sh\nexec /usr/bin/cli {tmp_path}/Dafny.exe "$@"\n')
    legacy = DafnyInstall(str(launcher), "2.3.0.10506", None, None)
    assert find_server(legacy) is None
    (tmp_path / "DafnyServer.exe").touch()
    assert find_server(legacy) == dataclasses.replace(debian, exe=tmp_path / "DafnyServer.exe")


def test_summary_line_is_rebuilt_from_the_outcomes_alone() -> None:
    """The server prints no summary; the pool writes Boogie's from the per-implementation
    outcomes (an implementation that failed is one error, however many messages it
    printed), and any error message printed keeps the exit code non-zero, even when
    every outcome says verified (text a ``#line`` pragma made look like a message)."""
    error = RawDiagnostic("p.dfy", 1, 1, Severity.ERROR, "assertion violation")
    assert _verification_summary(["verified", "errors"], [error, error]) == (
        "1 verified, 1 error", 4)
    assert _verification_summary(["verified"], [error]) == ("1 verified, 0 errors", 4)
    assert _verification_summary(["verified"], []) == ("1 verified, 0 errors", 0)
    assert _verification_summary(
        ["out of memory", "timed out", "verified", "timed out"], []) == (
        "1 verified, 0 errors, 2 time outs, 1 out of memory", 4)


# --- no server outlives vericode ------------------------------------------------------------


def wait_until_none(marker: str, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := marked_processes(marker)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def test_close_leaves_no_process(dafny: DafnyInstall, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    marker = f"VERICODE_TEST_MARKER={uuid.uuid4()}"
    monkeypatch.setenv("VERICODE_TEST_MARKER", marker.split("=", 1)[1])
    pool = new_pool(dafny, tmp_path, jobs=2)
    threads = [threading.Thread(target=pool.verify, args=(read(n), n))
               for n in ("verified.dfy", "failing.dfy")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(pool.processes()) == 2
    assert len(marked_processes(marker)) >= 4, "two watchdogs and two servers"
    pool.close()
    assert wait_until_none(marker, 2.0) == []
    with pytest.raises(RuntimeError):
        pool.verify("method M() {}", "m.dfy")


_OWNER = """
import sys
from pathlib import Path
from vericode.dafny.run.locate import find_dafny
from vericode.dafny.run.pool import ServerPool
from vericode.dafny.run.server import find_server
from vericode.dafny.run.verifier import VerifyOptions
dafny = find_dafny()
pool = ServerPool(dafny, find_server(dafny), VerifyOptions(100, 600), None, Path(sys.argv[1]))
pool.verify("method M() {}", "m.dfy")
print("warm", flush=True)
if sys.argv[3] == "exit":
    sys.exit(0)  # without closing the pool
pool.verify(Path(sys.argv[2]).read_text(), "timeout.dfy")
"""


def run_owner(tmp_path: Path, marker: str, mode: str) -> subprocess.Popen[bytes]:
    """A Python process that owns a warm pool, once it has said so."""
    env = {**os.environ, "VERICODE_TEST_MARKER": marker}
    owner = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_OWNER), str(tmp_path),
         str(PROGRAMS / "timeout.dfy"), mode], stdout=subprocess.PIPE, env=env)
    assert owner.stdout is not None and owner.stdout.readline() == b"warm\n"
    return owner


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["KILL", "TERM"])
def test_no_process_outlives_a_killed_owner(how: signal.Signals, tmp_path: Path) -> None:
    """The owner dies mid-verification (no atexit on SIGKILL): the watchdog cleans up."""
    marker = str(uuid.uuid4())
    owner = run_owner(tmp_path, marker, "verify")
    time.sleep(1.0)
    assert len(marked_processes(marker)) >= 4, "owner, watchdog, server, z3"
    owner.send_signal(how)
    owner.wait()
    assert wait_until_none(marker, 5.0) == []


def test_no_process_outlives_an_owner_that_forgot_to_close(tmp_path: Path) -> None:
    marker = str(uuid.uuid4())
    owner = run_owner(tmp_path, marker, "exit")
    assert owner.wait(timeout=30) == 0
    assert marked_processes(marker) == [], "closed at interpreter exit, not by the watchdog"


def test_a_collected_pool_leaves_no_process(dafny: DafnyInstall, tmp_path: Path) -> None:
    pool = new_pool(dafny, tmp_path)
    assert pool.verify(read("verified.dfy"), "v.dfy").ok
    [pid] = pool.processes()
    del pool
    gc.collect()
    assert not running(pid)


def test_servers_are_recycled_by_request_count_without_losing_a_verdict(
        dafny: DafnyInstall, tmp_path: Path, local: LocalVerifier) -> None:
    """Every second request retires its server, between requests: each of the verdicts,
    a parse error's probe included, is the fresh process's."""
    names = ["verified.dfy", "failing.dfy", "parse_error.dfy", "resolution_error.dfy",
             "shim_needed.dfy"]
    with new_pool(dafny, tmp_path, jobs=1) as pool:
        pool.recycle_requests, pool.recycle_growth_bytes = 2, 0
        for name in names:
            assert comparable(pool.verify(read(name), name)) == comparable(
                local.verify(read(name), name)), name
        assert pool.recycled >= 3 and pool.restarts == 0 and pool.retries == 0


def test_servers_are_recycled_by_memory_growth(dafny: DafnyInstall, tmp_path: Path) -> None:
    """A server that grew at all since its first request is retired at a 1-byte limit;
    the verdicts stay right and nothing is retried."""
    with new_pool(dafny, tmp_path, jobs=1) as pool:
        pool.recycle_requests, pool.recycle_growth_bytes = 0, 1
        verdicts = [pool.verify(read(n), n).verdict for n in ["verified.dfy", "failing.dfy"] * 3]
        assert verdicts == [Verdict.VERIFIED, Verdict.FAILED] * 3
        assert pool.recycled >= 1 and pool.retries == 0


def test_the_default_recycling_is_on() -> None:
    from vericode.dafny.run.pool import RECYCLE_GROWTH_BYTES, RECYCLE_REQUESTS

    assert 0 < RECYCLE_REQUESTS <= 1000 and 0 < RECYCLE_GROWTH_BYTES < MAX_RSS_BYTES
