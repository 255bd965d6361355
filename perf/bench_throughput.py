"""Bench throughput: problems per minute over the shipped corpus, and where the time goes.

The model is the scripted OpenAI-compatible server of the tests, reached through the
real litellm client, answering each problem at once with its reference solution, so
every problem is solved in one attempt and the time measured is vericode's own (prompt,
litellm, extraction, splice, integrity gate, store) plus the verifier's. The warm
server pool verifies, with no verdict cache. Per problem, the solve's wall time is
split into time inside ``Verifier.verify``, time inside the model call, and the rest.

A model of a remote's latency: each reply waits ``--latency S`` seconds before the
scripted server is asked (several values: one bench each). With the defaults of
``vericode bench`` (``--concurrency 16``, ``--jobs`` the CPU count) the bench's wall
time is set against the ideal, the slowest problem's own time: the latency plus the
longest time any one problem's verification takes alone (measured first, serially).

    .venv/bin/python perf/bench_throughput.py --limit 24 --latency 2 5 10 [--jobs J]
        [--concurrency N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.llm.scripted_server import ScriptedServer  # noqa: E402
from vericode.batch.run import bench, manifest
from vericode.batch.store import RunStore, load_run
from vericode.candidate.check import check_candidate
from vericode.dafny.run.pool import ServerPool
from vericode.llm.model import (
    LiteLLMModel,
    _litellm,
)
from vericode.llm.types import ModelConfig  # noqa: E402
from vericode.problem.tagged import Problem, load_folder
from vericode.repair.loop import SolveOptions
from vericode.seams import Message, Model, Printout, Reply, VerifyResult
from vericode.settings import Settings


class TimedVerifier:
    """The pool, with the seconds spent inside ``verify`` summed over all threads."""

    def __init__(self, inner: ServerPool) -> None:
        self.inner, self.seconds, self.lock = inner, 0.0, threading.Lock()

    @property
    def version(self) -> str:
        return self.inner.version

    def printout(self, text: str) -> Printout:
        return self.inner.printout(text)

    def verify(self, text: str, name: str = "program.dfy") -> VerifyResult:
        start = time.monotonic()
        try:
            return self.inner.verify(text, name)
        finally:
            with self.lock:
                self.seconds += time.monotonic() - start


def references(problems: list[Problem]) -> dict[str, list[str]]:
    """Each problem's route (``Problem ID.`` opens its first prompt) and its reference."""
    return {f"Problem {p.id}.": [
        "```dafny\n" + Path(p.source).with_name(f"{p.id}.ref.dfy").read_text() + "```"]
        for p in problems}


class SlowModel:
    """The scripted model behind a remote's latency: every reply waits ``latency`` s."""

    def __init__(self, inner: Model, latency: float) -> None:
        self.inner, self.latency = inner, latency

    def complete(self, messages: list[Message], *, sample: int = 0) -> Reply:
        time.sleep(self.latency)
        return self.inner.complete(messages, sample=sample)


def solo_seconds(problems: list[Problem], verifier: ServerPool) -> dict[str, float]:
    """Import litellm, build the parsers, start the servers; then each problem's own
    check of its reference, one at a time (the ideal's verification part)."""
    _litellm()
    found = {}
    for problem in problems:
        reference = Path(problem.source).with_name(f"{problem.id}.ref.dfy").read_text()
        start = time.monotonic()
        check_candidate(problem, reference, verifier)
        found[problem.id] = time.monotonic() - start
    return found


def measure(jobs: int, limit: int | None, latency: float = 0.0,
            concurrency: int | None = None) -> dict[str, float]:
    problems = load_folder(ROOT / "problems")[:limit]
    with tempfile.TemporaryDirectory() as scratch, ScriptedServer(references(problems)) as server:
        folder = Path(scratch)
        settings = Settings(cache=False, cache_dir=folder / "cache", timeout=30)
        config = ModelConfig(model="openai/scripted", api_base=server.base_url, api_key="x",
                             cache=False, max_retries=0, cache_dir=folder / "cache")
        with ServerPool.from_settings(settings, jobs) as pool:
            verifier = TimedVerifier(pool)
            solo = solo_seconds(problems, pool)  # start-up is not throughput
            start = time.monotonic()
            options = SolveOptions(attempts=1)
            with RunStore.create(folder / "run", manifest(problems, "openai/scripted", options,
                                                           verifier)) as store:
                bench(problems, lambda _: SlowModel(LiteLLMModel(config), latency), verifier,
                      options, store, concurrency or jobs)
            wall = time.monotonic() - start
        run = load_run(folder / "run")
    solved = sum(r.solved for r in run.results.values())
    inside = sum(r.seconds for r in run.results.values())
    model = sum(a.model_seconds for attempts in run.attempts.values() for a in attempts)
    return {"problems": len(problems), "solved": solved, "wall": wall,
            "ideal": latency + max(solo.values()), "solo_total": sum(solo.values()),
            "per_minute": 60 * len(problems) / wall, "solve_seconds": inside,
            "verifier": verifier.seconds, "model": model,
            "median": statistics.median(r.seconds for r in run.results.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=Settings().jobs,
                        help="warm servers (default: the CPU count, as vericode bench)")
    parser.add_argument("--concurrency", type=int, default=Settings().concurrency,
                        help="problems in flight (default 16, as vericode bench)")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--latency", type=float, nargs="+", default=[0.0],
                        help="seconds each model reply takes (one bench per value)")
    args = parser.parse_args()
    for latency in args.latency:
        m = measure(args.jobs, args.limit, latency, args.concurrency)
        rest = m["solve_seconds"] - m["verifier"] - m["model"]
        print(f"{m['problems']:.0f} problems, {m['solved']:.0f} solved, latency {latency:g} s, "
              f"jobs {args.jobs}, concurrency {args.concurrency}: {m['wall']:.1f} s wall, "
              f"ideal {m['ideal']:.1f} s ({m['wall'] / m['ideal']:.2f}x), "
              f"{m['per_minute']:.1f} problems/min, median {m['median']:.2f} s per problem, "
              f"solo checks {m['solo_total']:.1f} s in all")
        for name, seconds in (("verifier", m["verifier"]), ("model call (litellm + HTTP)",
                                                            m["model"]), ("vericode's own", rest)):
            print(f"  {name:<28} {seconds:7.1f} s  {100 * seconds / m['solve_seconds']:5.1f}% "
                  "of the problems' solve time", flush=True)


if __name__ == "__main__":
    main()
