"""What ``check`` says of the problem itself: its trusted assumptions, and a spec whose
meaning a candidate could choose (a name no frozen text defines)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBLEMS = ROOT / "tests" / "fixtures" / "problems"

DEFINES_SORTED = """\
predicate Sorted(s: seq<int>) { true }

method SortPair(a: int, b: int) returns (s: seq<int>)
{
  s := [b, a];
}
"""


def check(problem: Path, candidate: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "candidate.dfy"
    path.write_text(candidate)
    return subprocess.run([sys.executable, "-m", "vericode", "check", str(problem), str(path),
                           "--json", "--verifier", "local"], capture_output=True, text=True,
                          timeout=300, check=False)


def test_a_spec_symbol_only_the_candidate_defines_is_never_solved(tmp_path: Path) -> None:
    done = check(ROOT / "tests" / "fixtures" / "candidate" / "undefined_sorted.dfy",
                 DEFINES_SORTED, tmp_path)
    found = json.loads(done.stdout)
    assert done.returncode == 4, done.stderr
    assert found["accepted"] is False and found["undefined"][0]["name"] == "Sorted"
    assert "undefined-spec-name" in {v["rule"] for v in found["violations"]}


def test_check_names_every_trusted_assumption_of_the_problem(tmp_path: Path) -> None:
    body = "method Use(x: int) returns (y: int)\n{\n  y := Library(x);\n  y := y + 1;\n}\n"
    done = check(PROBLEMS / "trusted.dfy", body, tmp_path)
    found = json.loads(done.stdout)
    names = {a["name"] for a in found["assumptions"]}
    assert {"Library", "Fact", "Unproven"} <= names, found["assumptions"]
    text = subprocess.run([sys.executable, "-m", "vericode", "check",
                           str(PROBLEMS / "trusted.dfy"), str(tmp_path / "candidate.dfy"),
                           "--verifier", "local"], capture_output=True, text=True,
                          timeout=300, check=False).stdout
    assert "trusted assumption" in text and "Library" in text


def test_the_readme_names_every_known_unsound_construct_refused() -> None:
    from vericode.candidate.unsound import KNOWN_UNSOUND

    readme = (ROOT / "README.md").read_text()
    for bugs in KNOWN_UNSOUND.values():
        for bug in bugs:
            assert f"dafny#{bug.issue}" in readme, bug
