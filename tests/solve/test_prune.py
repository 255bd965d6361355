"""A near miss pruned to a proof with no model call: a candidate that fails only on
invariants and asserts it added is checked again without them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.solve.conftest import MakeModel, Serve
from vericode.api import load_any
from vericode.dafny.run.backends import open_verifier
from vericode.repair.loop import SolveOptions, solve
from vericode.repair.outcome import Outcome
from vericode.repair.record import RunRecord
from vericode.seams import Verifier
from vericode.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
OVER = """```dafny
method SumArray(a: array<int>) returns (total: int)
{
  total := 0;
  var i := 0;
  while i < a.Length
    invariant 0 <= i <= a.Length
    invariant total == Sum(a[..i])
    invariant total >= 0
  {
    assert a[..i + 1][..i] == a[..i];
    assert a[i] >= 0;
    total := total + a[i];
    i := i + 1;
  }
  assert a[..a.Length] == a[..];
}
```"""
WRONG_BODY = OVER.replace("total := total + a[i];", "total := total + 1;")


@pytest.fixture(scope="module")
def verifier() -> Iterator[Verifier]:
    """A fresh Dafny process per program: the warm server reports one more error here
    (a loop invariant "might not hold on entry") than the command line does, which
    would send pruning after an invariant that holds."""
    with open_verifier(Settings(verifier="local", sandbox="none"), jobs=1) as local:
        yield local


def solve_once(reply: str, serve: Serve, make_model: MakeModel, verifier: Verifier,
               folder: Path) -> tuple[Outcome, list[dict[str, Any]], int]:
    """One round of ``reply`` on sum_array: the outcome, the attempt lines, the calls."""
    problem = load_any(str(ROOT / "problems" / "sum_array.dfy"))
    server = serve([reply])
    outcome = solve(problem, make_model(server), verifier, SolveOptions(attempts=1),
                    RunRecord(folder))
    lines = (folder / "attempts.jsonl").read_text().splitlines()
    return outcome, [json.loads(line) for line in lines], server.count


def test_an_over_annotated_candidate_is_pruned_to_a_proof(
        serve: Serve, make_model: MakeModel, verifier: Verifier, tmp_path: Path) -> None:
    outcome, attempts, calls = solve_once(OVER, serve, make_model, verifier, tmp_path / "run")
    assert outcome.solved, outcome.diagnostics
    assert calls == 1 and outcome.reason.endswith("pruned")
    assert "invariant total >= 0" not in (outcome.program or "")
    assert [a["verdict"] for a in attempts] == ["failed", "verified"]
    assert attempts[1]["pruned_from"] == [1, 0] and attempts[1]["prompt_tokens"] == 0
    assert sorted(attempts[1]["dropped"]) == ["assert a[i] >= 0;", "invariant total >= 0"]
    assert (tmp_path / "run" / "attempts" / "round-1-sample-1-pruned.dfy").is_file()


def test_a_failure_in_the_spec_clauses_is_not_pruned(
        serve: Serve, make_model: MakeModel, verifier: Verifier, tmp_path: Path) -> None:
    outcome, attempts, _ = solve_once(WRONG_BODY, serve, make_model, verifier, tmp_path / "r")
    assert not outcome.solved and [a["verdict"] for a in attempts] == ["failed"]
