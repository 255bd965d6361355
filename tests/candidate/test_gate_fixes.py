"""Honest proofs the gate used to refuse, code-slot declarations with contracts, and the
choice of the known-unsound table by the verifier's version. Every honest candidate here
goes through ``check_candidate`` with the real Dafny."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vericode.candidate.check import check_candidate
from vericode.candidate.extract import extract_program
from vericode.candidate.gate import check
from vericode.candidate.splice import splice
from vericode.candidate.unsound import KNOWN_UNSOUND
from vericode.dafny.run.verifier import LocalVerifier
from vericode.dafny.syntax.program import parse_program
from vericode.problem.corpus import load_problem
from vericode.problem.tagged import Problem, parse_tagged
from vericode.seams import Verdict

GATE = Path(__file__).resolve().parents[1] / "fixtures" / "gate"

ABS_BODY = "{\n  y := if x >= 0 then x else -x;\n}\n"
FIXED = [
    ("axiom_in_spec", "method TriOf(n: nat) returns (t: nat)\n  ensures 2 * t == n * (n - 1)\n"
                      "{\n  TriClosed(n);\n  t := Tri(n);\n}\n"),
    ("spin_partial", "method CountDown(n: int) returns (r: int)\n{\n  r := n;\n  while r != 0\n"
                     "    decreases *\n  {\n    r := if r > 0 then r - 1 else r + 1;\n  }\n}\n"),
    ("abs_value", "lemma Two(x: int)\n  ensures |{x, -x}| <= 2\n{\n}\n\n"
                  "method Abs(x: int) returns (y: int)\n{\n  Two(x);\n"
                  "  y := if x >= 0 then x else -x;\n}\n"),
    ("abs_value", "/*\n```dafny\nmethod Abs(x: int) returns (y: int) { y := 0; }\n```\n*/\n"
                  "method Abs(x: int) returns (y: int)\n" + ABS_BODY),
    ("abs_value", "lemma {:timeLimitMultiplier 2} {:autoTriggers false} L(x: int)\n"
                  "  ensures x + 0 == x\n{\n}\n\nmethod Abs(x: int) returns (y: int)\n" + ABS_BODY),
]


@pytest.mark.parametrize(("name", "candidate"), FIXED, ids=[f"{n}-{i}" for i, (n, _) in
                                                            enumerate(FIXED)])
def test_an_honest_proof_once_refused_is_accepted_and_verified(name: str, candidate: str,
                                                               verifier: LocalVerifier) -> None:
    outcome = check_candidate(load_problem(GATE / f"{name}.dfy"), candidate, verifier)
    assert outcome.violations == []
    assert outcome.solved, (outcome.error, outcome.diagnostics)


def test_a_frozen_axiom_is_a_trusted_assumption_never_a_slot() -> None:
    problem = load_problem(GATE / "axiom_in_spec.dfy")
    assert problem.fillable == []
    assert [a.what for a in problem.assumptions] == [
        "{:axiom} attribute", "body-less lemma: its contract is assumed"]


def test_decreases_star_is_allowed_only_where_the_frozen_spec_declares_it() -> None:
    problem = load_problem(GATE / "abs_value.dfy")
    body = "{\n  y := 0;\n  while true\n    decreases *\n  {\n  }\n}\n"
    program = problem.render({problem.indices("code")[0]: body})
    assert "decreases-star" in {v.rule for v in check(problem.text, problem.slot_ranges(),
                                                      program).violations}


def test_a_let_before_a_display_is_a_clause_not_a_body() -> None:
    with_body = parse_program("lemma T()\n  decreases var s := 1; {s}\n{\n}\n").decls[0]
    without = parse_program("lemma T()\n  decreases var s := 1; {s}\n").decls[0]
    assert with_body.body is not None and [c.text for c in with_body.clauses] == [
        "var s := 1; {s}"]
    assert without.body is None
    cardinality = parse_program("method M(x: int)\n  ensures |{x, -x}| <= 2\n{\n}\n").decls[0]
    assert [c.text for c in cardinality.clauses] == ["|{x, -x}| <= 2"]


def test_a_fence_inside_a_comment_does_not_empty_a_plain_candidate() -> None:
    reply = "/*\n```dafny\nx\n```\n*/\nmethod M() {}\n"
    assert extract_program(reply).code == reply
    assert extract_program("Here:\n```dafny\nmethod M() {}\n```\n").code == "method M() {}"


# -- code-slot declarations with contracts (the verina shape) -------------------------

COUNT_FN = ("function CountEvens(s: seq<int>): nat\n{\n  if |s| == 0 then 0 else "
            "CountEvens(s[..|s| - 1]) + (if s[|s| - 1] % 2 == 0 then 1 else 0)\n}\n")
LEMMA = "lemma CountEvensCorrect(s: seq<int>)\n  ensures {ensures}\n{{\n}}\n"


def test_the_lemma_of_a_code_slot_keeps_its_contract_and_takes_the_body(
        verifier: LocalVerifier) -> None:
    problem = load_problem(GATE / "count_evens.dfy")
    honest = COUNT_FN + "\n" + LEMMA.format(ensures="CountEvens(s) == Evens(s)")
    outcome = check_candidate(problem, honest, verifier)
    assert outcome.solved, outcome.diagnostics
    weakened = "function CountEvens(s: seq<int>): nat\n{\n  7\n}\n\n" + LEMMA.format(
        ensures="true")
    outcome = check_candidate(problem, weakened, verifier)
    assert outcome.spliced is not None and "ensures CountEvens(s) == Evens(s)" in outcome.spliced
    assert "ensures true" not in outcome.spliced
    assert outcome.accepted and outcome.verdict is Verdict.FAILED


def test_a_body_without_its_lemma_is_never_solved(verifier: LocalVerifier) -> None:
    problem = load_problem(GATE / "count_evens.dfy")
    wrong = "function CountEvens(s: seq<int>): nat\n{\n  7\n}\n"
    outcome = check_candidate(problem, wrong, verifier)
    assert not outcome.solved
    assert "assume" in {v.rule for v in outcome.violations}  # the placeholder's own assume
    assert any("no body for lemma CountEvensCorrect" in note for note in outcome.ignored)


def test_the_gate_refuses_a_changed_or_missing_code_slot_contract() -> None:
    problem = load_problem(GATE / "count_evens.dfy")
    code = problem.indices("code")[0]
    changed = problem.render({code: "{\n  0\n}\n\nlemma CountEvensCorrect(s: seq<int>)\n"
                                    "  ensures true\n{\n}\n"})
    missing = problem.render({code: "{\n  0\n}\n"})
    rules = [{v.rule for v in check(problem.text, problem.slot_ranges(), p).violations}
             for p in (changed, missing)]
    assert rules == [{"frozen-changed"}, {"frozen-missing"}]


# -- the known-unsound table by the verifier's version --------------------------------

KNOT = json.loads((GATE / "attack" / "cheats" / "bug_landin_knot_ghost_field.json")
                  .read_text(encoding="utf-8"))


def _knot_rules(version: str) -> set[str]:
    problem: Problem = parse_tagged(KNOT["problem"], "knot.dfy")
    spliced = splice(problem, KNOT["candidate"]).program
    assert spliced is not None
    result = check(problem.text, problem.slot_ranges(), spliced, problem.fillable, version)
    return {v.rule for v in result.violations}


def test_the_table_follows_the_verifier_version_and_an_unknown_one_gets_all() -> None:
    assert "2.3" in KNOWN_UNSOUND
    assert _knot_rules("Dafny 2.3.0.10506 (z3 4.8.12)") == {"unsound-dafny-2.3-2178"}
    assert _knot_rules("") == {"unsound-dafny-2.3-2178"}  # unknown: every table
    assert _knot_rules("Dafny 9.9.0") == {"unsound-dafny-2.3-2178"}


def test_a_known_bug_names_its_issue_and_version() -> None:
    problem: Problem = parse_tagged(KNOT["problem"], "knot.dfy")
    spliced = splice(problem, KNOT["candidate"]).program
    assert spliced is not None
    violations = check(problem.text, problem.slot_ranges(), spliced, (),
                       "Dafny 2.3.0.10506").violations
    assert violations and all(v.message.startswith("known unsound in Dafny 2.3 (dafny#2178): ")
                              for v in violations)
    assert {v.text for v in violations} >= {"ghost var f: () ~> bool"}


def test_ordinary_higher_order_code_is_not_refused() -> None:
    problem = load_problem(GATE / "abs_value.dfy")
    candidate = ("function Apply(f: int -> int, x: int): int\n{\n  f(x)\n}\n\n"
                 "class Counter {\n  var n: int\n  const limit: nat\n"
                 "  constructor ()\n  {\n    n := 0;\n    limit := 3;\n  }\n}\n\n"
                 "method Abs(x: int) returns (y: int)\n{\n"
                 "  y := Apply(z => if z >= 0 then z else -z, x);\n}\n")
    spliced = splice(problem, candidate).program
    assert spliced is not None
    assert check(problem.text, problem.slot_ranges(), spliced, (), "Dafny 2.3.0").accepted
