"""The warm container pool, for real: J long-lived containers, each with a Dafny server,
under podman and under docker. Verdicts and lines must be the local backend's; every
container must go when the pool closes, times out, retires a server, or when vericode
is killed outright."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.container.isolation_probes import COMPARED, PROGRAMS, time_limit
from vericode.dafny.run.container import ContainerLimits
from vericode.dafny.run.container_pool import ContainerPool, container_pool, labelled
from vericode.dafny.run.pool import ServerPool
from vericode.seams import Verdict, VerifyResult
from vericode.settings import Settings

pytestmark = pytest.mark.container

TRIVIAL = "method M() { assert 1 + 1 == 2; }\n"
_KILLED_VERICODE = """\
import sys
from pathlib import Path
from vericode.dafny.run.container_pool import container_pool
from vericode.settings import Settings
settings = Settings(timeout=30, wall_timeout=120, cache=False, cache_dir=Path(sys.argv[2]))
pool = container_pool(settings, 2, engine=sys.argv[1])
print(pool.verify("method M() { assert 1 + 1 == 2; }", "m.dfy").verdict, flush=True)
print(pool.label, flush=True)
pool.verify(Path(sys.argv[3]).read_text(), "slow.dfy")
"""


def comparable(result: VerifyResult) -> tuple[Verdict, list[dict[str, object]], str]:
    return result.verdict, [d.model_dump() for d in result.diagnostics], result.summary


def gone_within(seconds: float, engine: str, label: str) -> bool:
    deadline = time.monotonic() + seconds
    while labelled(engine, label):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.25)
    return True


@pytest.fixture
def open_pool(engine: str, debian_image: str,
              tmp_path: Path) -> Iterator[Callable[..., ContainerPool]]:
    """Pools on ``engine``, every one closed after the test."""
    pools: list[ContainerPool] = []

    def make(timeout: int = 20, wall: float = 90, jobs: int = 1,
             limits: ContainerLimits | None = None) -> ContainerPool:
        settings = Settings(timeout=timeout, wall_timeout=wall, cache=False,
                            cache_dir=tmp_path / "cache")
        pools.append(container_pool(settings, jobs, debian_image, engine, limits))
        return pools[-1]

    yield make
    for pool in pools:
        pool.close()


def test_same_verdicts_and_lines_as_local(open_pool: Callable[..., ContainerPool],
                                          unsandboxed: Callable[[Path], VerifyResult],
                                          tmp_path: Path) -> None:
    """Verdict and diagnostics as a local ``dafny`` process gives them; the whole result
    (the rebuilt summary line too) as the local warm pool gives it."""
    limits = {time_limit(p) for p in COMPARED}
    pools = {limit: open_pool(timeout=limit) for limit in limits}
    local = {limit: ServerPool.from_settings(Settings(timeout=limit, wall_timeout=90, cache=False,
                                                      cache_dir=tmp_path / "local"))
             for limit in limits}
    try:
        for path in COMPARED:
            result = pools[time_limit(path)].verify(path.read_text(), path.name)
            assert comparable(result)[:2] == comparable(unsandboxed(path))[:2], path.name
            warm = local[time_limit(path)].verify(path.read_text(), path.name)
            assert comparable(result) == comparable(warm), path.name
    finally:
        for pool in local.values():
            pool.close()
    assert all(pool.restarts == 0 for pool in pools.values())


def test_servers_run_in_locked_down_labelled_containers(open_pool: Callable[..., ContainerPool],
                                                        engine: str) -> None:
    pool = open_pool(jobs=2, limits=ContainerLimits(memory="900m", pids=300))
    assert pool.verify(TRIVIAL, "m.dfy").verdict is Verdict.VERIFIED
    [name] = pool.containers()
    done = subprocess.run([engine, "inspect", "--format", "{{json .HostConfig}}", name],
                          capture_output=True, text=True, check=True)
    host = json.loads(done.stdout)
    assert host["NetworkMode"] == "none" and host["ReadonlyRootfs"] is True
    assert host["Memory"] == 900 * 1024 * 1024 and host["PidsLimit"] == 300
    assert host["AutoRemove"] is True and host["CapDrop"]
    labels = subprocess.run([engine, "inspect", "--format", "{{json .Config.Labels}}", name],
                            capture_output=True, text=True, check=True)
    assert json.loads(labels.stdout)["vericode.owner"] == str(os.getpid())


def test_close_removes_every_container(open_pool: Callable[..., ContainerPool],
                                       engine: str) -> None:
    pool = open_pool(jobs=2)
    program = (PROGRAMS / "max.dfy").read_text()
    with ThreadPoolExecutor(2) as workers:
        verdicts = list(workers.map(lambda _: pool.verify(program, "max.dfy").verdict, [0, 1]))
    assert verdicts == [Verdict.VERIFIED] * 2
    assert len(pool.containers()) == 2 and len(pool.processes()) == 2
    pool.close()
    assert labelled(engine, pool.label) == []


def test_wall_clock_limit_kills_the_container_and_the_next_request_runs(
        open_pool: Callable[..., ContainerPool], engine: str) -> None:
    pool = open_pool(timeout=30, wall=4)
    assert pool.verify(TRIVIAL, "m.dfy").verdict is Verdict.VERIFIED
    [first] = pool.containers()
    result = pool.verify((PROGRAMS / "slow.dfy").read_text(), "slow.dfy")
    assert result.verdict is Verdict.TIMEOUT and 4 <= result.seconds < 12
    assert first not in labelled(engine, pool.label)
    assert pool.verify(TRIVIAL, "m.dfy").verdict is Verdict.VERIFIED
    assert pool.restarts == 1 and pool.containers() != [first]


def test_a_server_grown_too_big_is_retired_with_its_container(
        open_pool: Callable[..., ContainerPool]) -> None:
    pool = open_pool()
    assert pool.verify(TRIVIAL, "m.dfy").verdict is Verdict.VERIFIED
    [server] = list(pool._all)
    rss = server.rss_bytes()
    assert rss is not None and 30 * 2**20 < rss < 1024 * 2**20
    pool.max_rss_bytes = rss // 2
    first = pool.containers()
    assert pool.verify(TRIVIAL, "n.dfy").verdict is Verdict.VERIFIED
    assert pool.restarts == 1 and pool.containers() == []
    assert pool.verify(TRIVIAL, "o.dfy").verdict is Verdict.VERIFIED
    assert pool.containers() != first


def test_printout_runs_in_the_image(open_pool: Callable[..., ContainerPool]) -> None:
    printout = open_pool().printout("function F(): int { 1 }\nmethod M() {}\n")
    assert printout.text is not None and "function method F(): int" in printout.text


def test_killed_vericode_leaves_no_container(engine: str, debian_image: str,
                                             tmp_path: Path) -> None:
    """SIGKILL while a server is busy: the client dies, the container's stdin ends, its
    main process exits (taking the busy server and z3), and ``--rm`` removes it."""
    child = subprocess.Popen([sys.executable, "-c", _KILLED_VERICODE, engine,
                              str(tmp_path / "cache"), str(PROGRAMS / "slow.dfy")],
                             stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2])
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "verified"
        label = child.stdout.readline().strip()
        time.sleep(2)  # the slow program is now in z3
        assert len(labelled(engine, label)) == 1
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert gone_within(10, engine, label)
