"""What the integrity gate's second reading costs per solved problem.

For every shipped problem with a reference solution: the time of the check without the
second reading (splice, gate, verify) and the time of the second reading itself (Dafny's
printout of the spliced program, and of the skeleton once per problem), with the warm
pool verifying and printouts from fresh processes, as in a solve.

    .venv/bin/python perf/printout_cost.py [--limit N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vericode.candidate import reading  # noqa: E402
from vericode.candidate.check import check_candidate  # noqa: E402
from vericode.dafny.run.backends import open_verifier  # noqa: E402
from vericode.problem.tagged import load_folder  # noqa: E402
from vericode.settings import Settings  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    problems = [p for p in load_folder(ROOT / "problems")
                if (ROOT / "problems" / f"{p.id}.ref.dfy").is_file()][:args.limit]
    totals, seconds = [], []
    with open_verifier(Settings(verifier="server", cache=False), jobs=2) as verifier:
        for problem in problems:
            reference = (ROOT / "problems" / f"{problem.id}.ref.dfy").read_text()
            start = time.monotonic()
            outcome = check_candidate(problem, reference, verifier)
            total = time.monotonic() - start
            assert outcome.solved, (problem.id, outcome.violations)
            reading._SKELETONS.clear()
            start = time.monotonic()
            assert reading.dafny_reading(problem, outcome.spliced or "", verifier) == []
            seconds.append(time.monotonic() - start)
            totals.append(total)
    print(f"{len(problems)} solved problems (references), warm pool verifying")
    print(f"check with the second reading: median {statistics.median(totals):.2f} s, "
          f"mean {statistics.mean(totals):.2f} s")
    print(f"second reading alone (2 printouts): median {statistics.median(seconds):.2f} s, "
          f"mean {statistics.mean(seconds):.2f} s, max {max(seconds):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
