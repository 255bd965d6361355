"""The checks never call an example right without Dafny's word for it, and never call
it wrong when Dafny could not decide: Dafny reports at most 5 errors per lemma, puts
a time-out on the lemma's name, and an unprovable assertion is not a false one."""

from __future__ import annotations

import pytest

from vericode.dafny.run.verifier import LocalVerifier
from vericode.settings import Settings
from vericode.spec import Check, FileReport, formalize_text
from vericode.spec.report import CheckStatus

SPECS = """\
spec Six
  input x: int
  output y: int
  ensures: y > x
  ensures: y > x + 1
  ensures: y > x + 2
  ensures: y > x + 3
  ensures: y > x + 4
  ensures: y > x + 5
  example: x = 10 -> y = 0

spec FiveWrongOneRight
  input x: int
  output y: int
  ensures: y > x
  ensures: y > x + 1
  ensures: y > x + 2
  ensures: y > x + 3
  ensures: y > x + 4
  ensures: y < x + 100
  example: x = 10 -> y = 0

spec Get
  input a: seq<int>
  input i: int
  output v: int
  requires: 0 <= i < |a|
  ensures: v == a[i]
  example: a = [1, 2], i = 5 -> v = 0

spec Opaque
  input x: int
  output y: int
  define: function F(k: int): int
  ensures: y == F(x)
  example: x = 1 -> y = 2

spec Hard
  input n: int
  output r: bool
  define:
    function P(k: nat): nat { if k == 0 then 1 else 2 * P(k - 1) }
  ensures: r iff forall a: nat, b: nat, c: nat :: HARD
  ensures: n == n
  example: n = 0 -> r = true
""".replace("HARD", "a * a * a * b * b + c * c * c * a * b * b * b "
                 "!= P(a + b + c) * 3 + 17 * a * b * c + 11 + n")
"""``Hard`` asks z3 a nonlinear question it cannot settle in 2 s (a real time-out)."""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> FileReport:
    folder = tmp_path_factory.mktemp("verdicts")
    settings = Settings(cache_dir=folder / "cache", timeout=2)
    return formalize_text(SPECS, "verdicts.spec", LocalVerifier.from_settings(settings))


def checks(report: FileReport, name: str, kind: str) -> list[Check]:
    spec = next(s for s in report.specs if s.name == name)
    return [c for c in spec.checks if c.kind == kind]


def test_every_clause_an_example_breaks_is_reported_beyond_five(report: FileReport) -> None:
    found = checks(report, "Six", "ensures")
    assert len(found) == 6 and all(c.status is CheckStatus.FAILED for c in found)
    assert all("its outputs break" in c.message for c in found)


def test_a_crowded_lemma_does_not_hide_a_passing_clause(report: FileReport) -> None:
    """Five failing clauses fill the lemma's five errors: the silent sixth is asked
    again in a lemma of its own, and passes."""
    found = checks(report, "FiveWrongOneRight", "ensures")
    assert [c.status for c in found] == [CheckStatus.FAILED] * 5 + [CheckStatus.PASSED]
    line = next(k for k, text in enumerate(SPECS.splitlines(), 1) if "y < x + 100" in text)
    assert found[-1].message == f"example 1 satisfies `ensures: y < x + 100` (line {line})"


def test_inputs_outside_the_requires_are_reported(report: FileReport) -> None:
    (requires,) = checks(report, "Get", "requires")
    assert requires.status is CheckStatus.FAILED
    assert "its inputs break `requires: 0 <= i < |a|`" in requires.message
    (satisfiable,) = checks(report, "Get", "satisfiable")
    assert satisfiable.status is CheckStatus.FAILED


def test_an_undecided_example_is_not_called_wrong(report: FileReport) -> None:
    (ensures,) = checks(report, "Opaque", "ensures")
    assert ensures.status is CheckStatus.FAILED
    assert "Dafny could prove neither that its outputs satisfy" in ensures.message
    assert "break" not in ensures.message.split("nor that they break")[0]


def test_a_time_out_fails_every_question_of_its_lemma(report: FileReport) -> None:
    found = checks(report, "Hard", "ensures")
    assert [c.status for c in found] == [CheckStatus.FAILED, CheckStatus.FAILED]
    assert all("could not be decided in time" in c.message for c in found)
    assert not report.ok
