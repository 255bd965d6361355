"""Start-up time of `vericode --help` (target: under 0.3 s), best of N runs.

    .venv/bin/python perf/startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time


def best_of(argv: list[str], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    helped = best_of([sys.executable, "-m", "vericode", "--help"], args.runs)
    bare = best_of([sys.executable, "-c", "pass"], args.runs)
    check = ("import sys, vericode.cli.main; vericode.cli.main.build_parser(); print(sorted(m for m in "
             "('litellm', 'pydantic', 'rich', 'lark') if m in sys.modules))")
    heavy = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                           check=True).stdout.strip()
    met = "met" if helped < 0.3 else "NOT met"
    print(f"vericode --help: {helped * 1000:.0f} ms best of {args.runs} (python itself "
          f"{bare * 1000:.0f} ms); target 300 ms: {met}; heavy modules imported: {heavy}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
