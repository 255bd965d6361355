"""Bench throughput: problems per minute over the shipped corpus, and where the time goes.

The model is the scripted OpenAI-compatible server of the tests, reached through the
real litellm client, answering each problem at once with its reference solution, so
every problem is solved in one attempt and the time measured is vericode's own (prompt,
litellm, extraction, splice, integrity gate, store) plus the verifier's. The warm
server pool verifies, with no verdict cache. Per problem, the solve's wall time is
split into time inside ``Verifier.verify``, time inside the model call, and the rest.

    .venv/bin/python perf/bench_throughput.py [--jobs 2] [--limit N]
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
from vericode.llm import LiteLLMModel, ModelConfig  # noqa: E402
from vericode.llm.model import _litellm  # noqa: E402
from vericode.problem.tagged import Problem, load_folder
from vericode.repair.loop import SolveOptions
from vericode.seams import VerifyResult
from vericode.settings import Settings


class TimedVerifier:
    """The pool, with the seconds spent inside ``verify`` summed over all threads."""

    def __init__(self, inner: ServerPool) -> None:
        self.inner, self.seconds, self.lock = inner, 0.0, threading.Lock()

    @property
    def version(self) -> str:
        return self.inner.version

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


def warm_up(problem: Problem, verifier: ServerPool) -> None:
    """Import litellm, build the parsers and start the servers before the clock runs."""
    _litellm()
    reference = Path(problem.source).with_name(f"{problem.id}.ref.dfy").read_text()
    check_candidate(problem, reference, verifier)


def measure(jobs: int, limit: int | None) -> dict[str, float]:
    problems = load_folder(ROOT / "problems")[:limit]
    with tempfile.TemporaryDirectory() as scratch, ScriptedServer(references(problems)) as server:
        folder = Path(scratch)
        settings = Settings(cache=False, cache_dir=folder / "cache", timeout=30)
        config = ModelConfig(model="openai/scripted", api_base=server.base_url, api_key="x",
                             cache=False, max_retries=0, cache_dir=folder / "cache")
        with ServerPool.from_settings(settings, jobs) as pool:
            verifier = TimedVerifier(pool)
            warm_up(problems[0], pool)  # start-up (imports, parsers, servers) is not throughput
            start = time.monotonic()
            options = SolveOptions(attempts=1)
            with RunStore.create(folder / "run", manifest(problems, "openai/scripted", options,
                                                           verifier)) as store:
                bench(problems, lambda _: LiteLLMModel(config), verifier, options, store, jobs)
            wall = time.monotonic() - start
        run = load_run(folder / "run")
    solved = sum(r.solved for r in run.results.values())
    inside = sum(r.seconds for r in run.results.values())
    model = sum(a.model_seconds for attempts in run.attempts.values() for a in attempts)
    return {"problems": len(problems), "solved": solved, "wall": wall,
            "per_minute": 60 * len(problems) / wall, "solve_seconds": inside,
            "verifier": verifier.seconds, "model": model,
            "median": statistics.median(r.seconds for r in run.results.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    m = measure(args.jobs, args.limit)
    rest = m["solve_seconds"] - m["verifier"] - m["model"]
    print(f"{m['problems']:.0f} problems, {m['solved']:.0f} solved, jobs {args.jobs}: "
          f"{m['wall']:.1f} s wall, {m['per_minute']:.1f} problems/min, "
          f"median {m['median']:.2f} s per problem")
    for name, seconds in (("verifier", m["verifier"]), ("model call (litellm + HTTP)",
                                                        m["model"]), ("vericode's own", rest)):
        print(f"  {name:<28} {seconds:7.1f} s  {100 * seconds / m['solve_seconds']:5.1f}% "
              "of the problems' solve time")


if __name__ == "__main__":
    main()
