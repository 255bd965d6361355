"""Verifier throughput: the warm server pool against a fresh `dafny` process per program.

The mix is drawn from the shipped corpus: every reference solution (verifies), every
skeleton with its placeholder body (fails), a parse error made from each of a third of
the references (a semicolon dropped), and a few programs that time out. Both sides run
the same programs with the same number of verifications at once (J), with no verdict
cache; the second measurement repeats 30% of the programs, as a model does, and lets
the pool answer repeats from the verdict cache (a fresh-process pipeline has none).

    .venv/bin/python perf/verifier_throughput.py [--jobs 2] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from vericode.dafny.run.pool import ServerPool
from vericode.dafny.run.verifier import LocalVerifier
from vericode.problem.tagged import load_folder
from vericode.seams import Verifier
from vericode.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_PROGRAM = """ghost function P(n: nat): nat {{ if n == 0 then 1 else 2 * P(n - 1) }}
lemma Hard{k}(a: nat, b: nat, c: nat)
  ensures a * a * a * b * b + c * c * c * a * b * b * b != P(a + b + c) * 3 + {k} * a * b * c + 11
{{
}}
"""


def the_mix(timeouts: int) -> list[tuple[str, str]]:
    """(name, program) pairs: references, skeletons, parse errors, time-outs."""
    mix = []
    for i, problem in enumerate(load_folder(ROOT / "problems")):
        ref = Path(problem.source).with_name(f"{problem.id}.ref.dfy").read_text()
        mix.append((f"{problem.id}.ref.dfy", ref))
        mix.append((f"{problem.id}.dfy", problem.text))
        if i % 3 == 0:
            mix.append((f"{problem.id}.broken.dfy", ref.replace(";", "", 1)))
    mix += [(f"hard{k}.dfy", TIMEOUT_PROGRAM.format(k=k)) for k in range(11, 11 + timeouts)]
    return mix


def run(verifier: Verifier, mix: list[tuple[str, str]],
        jobs: int) -> tuple[float, dict[str, str]]:
    """Seconds for the whole mix, and each program's verdict."""
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        verdicts = list(pool.map(lambda item: verifier.verify(item[1], item[0]).verdict.value,
                                 mix))
    return time.monotonic() - started, dict(zip((name for name, _ in mix), verdicts,
                                                strict=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeouts", type=int, default=3)
    parser.add_argument("--time-limit", type=int, default=5)
    args = parser.parse_args()
    mix = the_mix(args.timeouts)
    rng = random.Random(7)
    repeats = mix + [rng.choice(mix) for _ in range(int(len(mix) * 0.3 / 0.7))]
    rng.shuffle(repeats)
    with tempfile.TemporaryDirectory() as tmp:
        plain = Settings(timeout=args.time_limit, cache=False, cache_dir=Path(tmp) / "a")
        cached = Settings(timeout=args.time_limit, cache=True, cache_dir=Path(tmp) / "b")
        fresh = LocalVerifier.from_settings(plain)
        fresh_s, fresh_v = run(fresh, mix, args.jobs)
        with ServerPool.from_settings(plain, args.jobs) as pool:
            pool_s, pool_v = run(pool, mix, args.jobs)
        fresh_r, _ = run(fresh, repeats, args.jobs)
        with ServerPool.from_settings(cached, args.jobs) as pool:
            pool_r, _ = run(pool, repeats, args.jobs)
    print(f"mix: {len(mix)} programs {dict(Counter(fresh_v.values()))}, J={args.jobs}, "
          f"time limit {args.time_limit} s, load average {os.getloadavg()[0]:.1f}")
    differ = {n: (fresh_v[n], pool_v[n]) for n in fresh_v if fresh_v[n] != pool_v[n]}
    print(f"verdicts that differ (fresh, pool): {differ or 'none'}")
    _line("distinct programs", len(mix), fresh_s, pool_s, 3.0)
    _line("with 30% repeats", len(repeats), fresh_r, pool_r, 4.0)
    return 0


def _line(what: str, n: int, fresh: float, pool: float, target: float) -> None:
    ratio = fresh / pool
    met = "met" if ratio >= target else "NOT met"
    print(f"{what}: fresh process {n / fresh * 60:.1f}/min ({fresh:.1f} s), "
          f"warm pool {n / pool * 60:.1f}/min ({pool:.1f} s): {ratio:.2f}x "
          f"(target {target:g}x: {met})")


if __name__ == "__main__":
    sys.exit(main())
