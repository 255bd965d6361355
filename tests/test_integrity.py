"""The integrity gate, end to end: cheats that plain Dafny accepts are never solved.

Each cheating candidate in ``gate_cases.CHEATS`` is first verified as it stands by the
real Dafny (it verifies: a pipeline without the gate would count it as solved); then
it goes through splice, gate and verifier, and must not come out solved.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gate_cases import CHEATS, HONEST, Case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vericode.candidate.check import check_candidate
from vericode.candidate.gate import check
from vericode.dafny.run.pool import ServerPool
from vericode.dafny.run.verifier import LocalVerifier
from vericode.problem.corpus import load_problem
from vericode.problem.tagged import Problem
from vericode.seams import Verdict

GATE = Path(__file__).parent / "fixtures" / "gate"


def problem(name: str) -> Problem:
    return load_problem(GATE / f"{name}.dfy")


def test_there_are_at_least_forty_cheats() -> None:
    assert len(CHEATS) >= 40
    assert len({(c.problem, c.name) for c in CHEATS}) == len(CHEATS)


@pytest.mark.parametrize("case", CHEATS, ids=lambda c: f"{c.problem}-{c.name}")
def test_cheat_verifies_alone_but_is_never_solved(case: Case, pool: ServerPool) -> None:
    alone = pool.verify(case.program, f"{case.problem}-{case.name}.dfy")
    assert alone.verdict is Verdict.VERIFIED, alone.output
    outcome = check_candidate(problem(case.problem), case.program, pool)
    assert not outcome.solved
    if case.rule is None:
        assert outcome.accepted  # splicing alone put the frozen contract back
        assert outcome.verdict is not Verdict.VERIFIED
    else:
        assert not outcome.accepted
        assert outcome.verdict is None  # a refused candidate is not even verified
        assert case.rule in {v.rule for v in outcome.violations}, outcome.violations


@pytest.mark.parametrize("case", HONEST, ids=lambda c: f"{c.problem}-{c.name}")
def test_honest_candidates_with_risky_words_are_solved(case: Case,
                                                       verifier: LocalVerifier) -> None:
    # A fresh process, not the warm pool: the is_prime candidate takes 1.5 s there but
    # 5-13 s in DafnyServer, near the pool's 20 s limit (a time-out in one CI run).
    outcome = check_candidate(problem(case.problem), case.program, verifier)
    assert outcome.violations == []
    assert outcome.solved, outcome.diagnostics


def test_violation_names_rule_line_and_text() -> None:
    abs_problem = problem("abs_value")
    candidate = next(c for c in CHEATS if c.name == "assume-the-postcondition").program
    from vericode.candidate.splice import splice

    spliced = splice(abs_problem, candidate).program
    assert spliced is not None
    result = check(abs_problem.text, abs_problem.slot_ranges(), spliced)
    (violation,) = result.violations
    assert violation.rule == "assume"
    assert spliced.splitlines()[violation.line - 1].strip() == violation.text
    assert violation.text.startswith("assume y >= 0")


ABS_FROZEN = problem("abs_value")
ABS_BODY_LINES = ["if x >= 0 {", "y := x;", "} else {", "y := -x;", "}"]
CHEAT_STATEMENTS = [
    ("assume false;", "assume"), ("assume {:axiom} x > 0;", "assume"),
    ("forall i | 0 <= i < 2 ensures false;", "forall-without-body"),
    ("assert {:axiom} true;", "axiom"), ("assert {:focus} true;", "attribute"),
    ("while true decreases * { }", "decreases-star"), ("expect x > 0;", "expect"),
]
HARMLESS = ["// assume false;", "/* {:axiom} expect */", 'var s := "assume false";',
            "var c := 'a';", "var assumed := 1;", "assert true;",
            "forall i | 0 <= i < 2 ensures true { }"]


def _spliced(lines: list[str]) -> str:
    body = "{\n" + "\n".join(f"  {line}" for line in lines) + "\n}\n"
    return ABS_FROZEN.render({ABS_FROZEN.indices("code")[0]: body})


def _gate(lines: list[str]) -> set[str]:
    result = check(ABS_FROZEN.text, ABS_FROZEN.slot_ranges(), _spliced(lines))
    return {v.rule for v in result.violations}


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CHEAT_STATEMENTS), st.integers(0, 5),
       st.lists(st.sampled_from(HARMLESS), max_size=4))
def test_a_cheat_anywhere_in_the_body_is_refused(cheat: tuple[str, str], where: int,
                                                 noise: list[str]) -> None:
    statement, rule = cheat
    lines = [*noise, *ABS_BODY_LINES]
    boundaries = [0, len(noise), len(lines)]  # statement positions (not inside an if-branch)
    lines.insert(boundaries[where % 3], statement)
    assert rule in _gate(lines)


@given(st.lists(st.sampled_from(HARMLESS), max_size=6), st.integers(0, 5))
def test_risky_words_in_comments_strings_and_names_never_trigger(noise: list[str],
                                                                 where: int) -> None:
    lines = list(ABS_BODY_LINES)
    for item in noise:
        lines.insert(where % (len(lines) + 1), item)
    assert _gate(lines) == set()
