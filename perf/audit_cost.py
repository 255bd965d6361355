"""What `vericode audit` costs and finds: the shipped corpus and a benchmark sample.

Audits every problem of ``problems/`` and a seeded sample of the vericoding
benchmark's tasks through one warm pool, with a fresh cache (every program is
verified), and prints the verdict counts, the problems that did not load, the Dafny
runs and the seconds per problem.

    .venv/bin/python perf/audit_cost.py [--sample 100] [--seed 16] [--jobs 4]
        [--benchmark /work/shared/vericoding-benchmark/dafny_tasks.jsonl] [--list]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from vericode.audit import Audit, audit_problems, load_audited
from vericode.audit.load import Loaded
from vericode.dafny.run.backends import open_verifier
from vericode.problem.tagged import Problem
from vericode.seams import Printout, Verifier, VerifyResult
from vericode.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
BENCHMARK = Path("/work/shared/vericoding-benchmark/dafny_tasks.jsonl")


class Counting:
    """The verifier, counting its runs (thread-safe: the audit runs J at a time)."""

    def __init__(self, inner: Verifier) -> None:
        self.inner = inner
        self.runs = 0
        self.lock = threading.Lock()

    @property
    def version(self) -> str:
        return self.inner.version

    def verify(self, text: str, name: str = "program.dfy") -> VerifyResult:
        with self.lock:
            self.runs += 1
        return self.inner.verify(text, name)

    def printout(self, text: str) -> Printout:
        return self.inner.printout(text)


def sample_lines(path: Path, size: int, seed: int, folder: Path) -> Path:
    """A JSONL file of ``size`` tasks of ``path`` chosen with ``seed``."""
    lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    chosen = sorted(random.Random(seed).sample(range(len(lines)), min(size, len(lines))))
    out = folder / "sample.jsonl"
    out.write_text("".join(lines[i] + "\n" for i in chosen), encoding="utf-8")
    return out


def measure(name: str, loaded: list[Loaded], settings: Settings, jobs: int,
            show: bool) -> dict[str, object]:
    problems = [p for p in loaded if isinstance(p, Problem)]
    started = time.monotonic()
    with open_verifier(settings, jobs=jobs) as inner:
        verifier = Counting(inner)
        audits = audit_problems(problems, verifier, jobs)
    wall = time.monotonic() - started
    if show:
        for audit in audits:
            print(f"  {audit.summary()}")
    seconds = [a.seconds for a in audits] or [0.0]
    unusable = sum(isinstance(p, Audit) for p in loaded)
    return {"corpus": name, "problems": len(loaded), "did_not_load": unusable,
            "audited": len(audits), "verdicts": dict(Counter(a.verdict for a in audits)),
            "dafny_runs": verifier.runs, "runs_per_problem": round(verifier.runs /
                                                                   max(len(audits), 1), 2),
            "wall_s": round(wall, 1), "mean_s": round(statistics.mean(seconds), 2),
            "median_s": round(statistics.median(seconds), 2),
            "max_s": round(max(seconds), 2), "jobs": jobs}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--timeout", type=int, default=20)
    parser.add_argument("--benchmark", type=Path, default=BENCHMARK)
    parser.add_argument("--list", action="store_true", help="print every problem's line")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="audit-cost-") as tmp:
        settings = Settings(timeout=args.timeout, cache_dir=Path(tmp) / "cache")
        figures = [measure("problems/", load_audited([str(ROOT / "problems")]), settings,
                           args.jobs, args.list)]
        if args.benchmark.is_file():
            sample = sample_lines(args.benchmark, args.sample, args.seed, Path(tmp))
            figures.append(measure(f"{args.benchmark.name} sample of {args.sample} "
                                   f"(seed {args.seed})", load_audited([str(sample)]),
                                   settings, args.jobs, args.list))
    for figure in figures:
        print(json.dumps(figure))
    return 0


if __name__ == "__main__":
    sys.exit(main())
