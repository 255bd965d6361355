"""Per-program time of the warm container pool against the local warm pool.

Each backend gets one warm pool (``--jobs`` servers, started and warmed before timing;
start-up is reported apart), no verdict cache, and verifies every program of
``tests/fixtures/programs`` (``timeout.dfy`` excepted unless ``--with-timeout``: its time
is Dafny's time limit) ``--rounds`` times, one at a time. Per program the median wall
time of ``verify`` is printed per backend, with the ratio container / local; the last
line is the ratio of the summed medians (the target: at most 1.2).

    .venv/bin/python perf/container_pool.py [--engines docker podman] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vericode.dafny.run.container_pool import container_pool  # noqa: E402
from vericode.dafny.run.pool import ServerPool  # noqa: E402
from vericode.settings import Settings  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "programs"


def timings(pool: ServerPool, programs: list[Path], rounds: int) -> dict[str, float]:
    """Median seconds of ``verify`` per program over ``rounds`` rounds."""
    seen: dict[str, list[float]] = {p.name: [] for p in programs}
    for _ in range(rounds):
        for path in programs:
            started = time.perf_counter()
            pool.verify(path.read_text(), path.name)
            seen[path.name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in seen.items()}


def measure(make: Callable[[], ServerPool], programs: list[Path],
            rounds: int) -> tuple[float, dict[str, float]]:
    """Start-up seconds (first server warm and one program verified) and the timings."""
    started = time.perf_counter()
    pool = make()
    try:
        pool.verify(programs[0].read_text(), programs[0].name)
        startup = time.perf_counter() - started
        return startup, timings(pool, programs, rounds)
    finally:
        pool.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", nargs="+", default=["docker", "podman"])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--with-timeout", action="store_true")
    args = parser.parse_args()
    programs = [p for p in sorted(FIXTURES.glob("*.dfy"))
                if args.with_timeout or p.name != "timeout.dfy"]
    with tempfile.TemporaryDirectory(prefix="vericode-perf-") as tmp:
        settings = Settings(timeout=20, wall_timeout=120, cache=False, cache_dir=Path(tmp))
        makers: dict[str, Callable[[], ServerPool]] = {
            "local": lambda: ServerPool.from_settings(settings, args.jobs)}
        for engine in args.engines:
            makers[engine] = (lambda e=engine: container_pool(settings, args.jobs, engine=e))
        results = {name: measure(make, programs, args.rounds) for name, make in makers.items()}
    report(results, [p.name for p in programs])
    return 0


def report(results: dict[str, tuple[float, dict[str, float]]], names: list[str]) -> None:
    backends = list(results)
    print(f"{'program':24}" + "".join(f"{b:>10}" for b in backends)
          + "".join(f"{b + '/local':>14}" for b in backends[1:]))
    for name in names:
        row = [results[b][1][name] for b in backends]
        print(f"{name:24}" + "".join(f"{s:10.3f}" for s in row)
              + "".join(f"{s / row[0]:14.2f}" for s in row[1:]))
    sums = [sum(results[b][1].values()) for b in backends]
    print(f"{'sum of medians':24}" + "".join(f"{s:10.3f}" for s in sums)
          + "".join(f"{s / sums[0]:14.2f}" for s in sums[1:]))
    print(f"{'start-up':24}" + "".join(f"{results[b][0]:10.3f}" for b in backends))


if __name__ == "__main__":
    raise SystemExit(main())
