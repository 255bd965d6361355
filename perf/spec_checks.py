"""What `vericode formalize` costs on the shipped specs: Dafny runs and wall time.

Formalizes every ``specs/*.spec`` with a fresh verdict cache (so every program is
verified), and counts the programs: one per worker for the examples, plus the
follow-up program (wrong outputs to confirm, questions asked again or refuted) only
when some question needs one.

    .venv/bin/python perf/spec_checks.py [--jobs 2] [--verifier local]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from vericode.dafny.run.backends import open_verifier
from vericode.seams import Printout, VerifyResult
from vericode.settings import Settings
from vericode.spec import read_spec_file
from vericode.spec.formalize import formalize

ROOT = Path(__file__).resolve().parents[1]


class Counting:
    """The verifier, counting the programs it is given by name."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.runs: dict[str, int] = {}

    def printout(self, text: str) -> Printout:
        result: Printout = self.inner.printout(text)  # type: ignore[attr-defined]
        return result

    def verify(self, text: str, name: str = "program.dfy") -> VerifyResult:
        self.runs[name] = self.runs.get(name, 0) + 1
        result: VerifyResult = self.inner.verify(text, name)  # type: ignore[attr-defined]
        return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--verifier", default="local")
    args = parser.parse_args()
    files = sorted((ROOT / "specs").glob("*.spec"))
    with tempfile.TemporaryDirectory() as cache:
        settings = Settings(cache_dir=Path(cache), verifier=args.verifier, jobs=args.jobs)
        with open_verifier(settings, jobs=args.jobs, batch=True) as verifier:
            counting = Counting(verifier)
            started = time.perf_counter()
            reports = [formalize(read_spec_file(f), counting, workers=args.jobs) for f in files]
            seconds = time.perf_counter() - started
    specs = sum(len(r.specs) for r in reports)
    checks = sum(len(s.checks) for r in reports for s in r.specs)
    failing = [r.path for r in reports if not r.ok]
    runs = ", ".join(f"{name} {count}" for name, count in sorted(counting.runs.items()))
    print(f"{len(files)} files, {specs} specs, {checks} checks, failing files: {failing or 'none'}")
    print(f"Dafny runs: {runs}; {seconds:.1f} s wall ({seconds / len(files):.2f} s per file), "
          f"jobs {args.jobs}, {args.verifier}, load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
