"""The checks before any model is called, with the real verifier: examples against
each clause, the weak-spec probe, satisfiable requires, a well-defined contract.

All specs share one file, so the whole module costs two Dafny runs.
"""

from __future__ import annotations

import pytest

from vericode.dafny.run.verifier import LocalVerifier
from vericode.spec import FileReport, SpecReport, formalize_text
from vericode.spec.report import CheckStatus

SPECS = """\
spec Good
  input a: seq<int>
  output m: int
  requires: a is not empty
  ensures: m is in a
  ensures: every element of a is at most m
  example: a = [3, 7, 2] -> m = 7
  example: a = [-1] -> m = -1

spec WrongExample
  input a: seq<int>
  output m: int
  requires: a is not empty
  ensures: m is in a
  ensures: every element of a is at most m
  example: a = [3, 7, 2] -> m = 3
  example: a = [5] -> m = 5

spec Weak
  input x: int
  input lo: int
  input hi: int
  output y: int
  requires: lo is at most hi
  ensures: y is between lo and hi
  example: x = 5, lo = 0, hi = 3 -> y = 3

spec NoExamples
  input x: int
  output y: int
  ensures: y == x + 1

spec Unsatisfied
  input x: int
  output y: int
  requires: x is positive
  ensures: y == x
  example: x = 0 -> y = 0

spec IllDefined
  input a: seq<int>
  output m: int
  ensures: m == the maximum of a
  example: a = [2] -> m = 2

spec InPlace
  input a: array<int>
  modifies: a
  ensures: a is sorted and a is a permutation of old(a)
  example: a = [3, 1, 2] -> a = [1, 2, 3]
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> FileReport:
    from vericode.settings import Settings

    cache = tmp_path_factory.mktemp("cache")
    verifier = LocalVerifier.from_settings(Settings(timeout=20, cache_dir=cache))
    return formalize_text(SPECS, "checks.spec", verifier)


def _spec(report: FileReport, name: str) -> SpecReport:
    return next(s for s in report.specs if s.name == name)


def _failed(spec: SpecReport) -> list[tuple[str, int | None, str | None]]:
    return [(c.kind, c.example, c.clause) for c in spec.checks if c.status is CheckStatus.FAILED]


def test_a_good_spec_passes_every_check(report: FileReport) -> None:
    good = _spec(report, "Good")
    assert good.ok and not good.weak
    kinds = [c.kind for c in good.checks]
    assert kinds.count("ensures") == 4 and kinds.count("requires") == 2
    assert kinds.count("weak") == 2 and "wellformed" in kinds and "satisfiable" in kinds


def test_a_wrong_example_names_itself_and_the_clause_it_breaks(report: FileReport) -> None:
    spec = _spec(report, "WrongExample")
    assert _failed(spec) == [("ensures", 1, "every element of a is at most m")]
    (check,) = [c for c in spec.checks if c.status is CheckStatus.FAILED]
    assert check.line == 16 and check.clause_line == 15
    assert check.message == ("example 1 (`a = [3, 7, 2] -> m = 3`): its outputs break "
                             "`ensures: every element of a is at most m` (line 15)")
    assert not report.ok


def test_a_weak_spec_is_reported_with_the_wrong_output_that_passed(report: FileReport) -> None:
    spec = _spec(report, "Weak")
    assert spec.weak and not spec.ok
    (check,) = [c for c in spec.checks if c.status is CheckStatus.FAILED]
    assert check.kind == "weak" and check.line == 26
    assert check.wrong_output == {"y": "0"}
    assert "the wrong output y = 0 (the type's default) also satisfies every ensures" in (
        check.message)


def test_a_spec_without_examples_says_the_probes_cannot_run(report: FileReport) -> None:
    spec = _spec(report, "NoExamples")
    (note,) = [c for c in spec.checks if c.kind == "satisfiable"]
    assert note.status is CheckStatus.SKIPPED and "has no examples" in note.message
    assert spec.ok


def test_requires_that_no_example_satisfies_fail(report: FileReport) -> None:
    spec = _spec(report, "Unsatisfied")
    assert ("requires", 1, "x is positive") in _failed(spec)
    assert ("satisfiable", None, None) in _failed(spec)


def test_a_contract_that_is_not_always_defined_fails(report: FileReport) -> None:
    spec = _spec(report, "IllDefined")
    assert _failed(spec) == [("wellformed", None, "m == the maximum of a")]


def test_arrays_are_checked_before_and_after_the_call(report: FileReport) -> None:
    spec = _spec(report, "InPlace")
    assert spec.ok, _failed(spec)
    # an array keeps its length: the wrong outputs tried are the input left unsorted,
    # the expected value reversed and with its last element one more (no shorter one)
    (weak,) = [c for c in spec.checks if c.kind == "weak"]
    assert weak.message == "example 1: none of 3 wrong outputs satisfies the ensures clauses"


def test_the_json_has_skeletons_clauses_and_checks(report: FileReport) -> None:
    data = report.to_json()
    assert data["ok"] is False
    good = data["specs"][0]
    assert good["ok"] is True and good["weak"] is False
    assert good["clauses"][0] == {"kind": "requires", "text": "a is not empty",
                                  "dafny": "|a| > 0", "line": 4, "formalized_by": None}
    assert good["skeleton"].startswith("method Good(a: seq<int>) returns (m: int)")
    assert good["checks"][0]["kind"] == "wellformed"
