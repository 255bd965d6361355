"""The gate's allow-lists, as properties: every refused construct, inserted anywhere in
the bodies of honest candidates, is refused by its rule; the honest candidates alone
are accepted. No verifier here: the real-Dafny side is test_gate_attack.py."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vericode.candidate.extract import extract_program
from vericode.candidate.gate import check
from vericode.candidate.rules import ALLOWED_ATTRIBUTES, ALLOWED_KEYWORDS, DAFNY_KEYWORDS
from vericode.candidate.splice import splice
from vericode.dafny.syntax.lexer import TokenKind, tokenize
from vericode.dafny.syntax.program import parse_program
from vericode.problem.tagged import Problem, parse_tagged

HONEST_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "gate" / "attack" / "honest"
HONEST = [(p.stem, json.loads(p.read_text(encoding="utf-8")))
          for p in sorted(HONEST_DIR.glob("*.json")) if p.stem != "verify_true_attribute"]
REFUSED_KEYWORDS = sorted(DAFNY_KEYWORDS - ALLOWED_KEYWORDS)
OFF_LIST = {"axiom": "axiom", "verify": "verify-false", "inline": "inline",
            "extern": "extern", "imported": "extern", "focus": "attribute",
            "selective_checking": "attribute", "start_checking_here": "attribute",
            "autoReq": "attribute"}
ARGUMENTS = ["", "false", "(false)", "((false))", "!true", "0", "1", "1 == 2", '"false"',
             "true", "true, false"]
BODILESS_FORALLS = [
    "forall ensures false;", "label L: forall ensures false;",
    "if case true => forall ensures false;", "forall i | 0 <= i < 1 ensures 1 in {};",
    "forall i ensures var j := i; false;", "{ forall ensures false; }",
    "calc { 1; == { forall ensures false; } 1; }", "forall x: int\n  ensures false;",
    "label A: label B: forall ensures false;",
]
SPACE = st.sampled_from(["", " ", "  ", "\n", " /* c */ "])


def _problem(record: dict[str, str]) -> Problem:
    return parse_tagged(record["problem"], "honest.dfy")


def _rules(problem: Problem, candidate: str) -> set[str]:
    spliced = splice(problem, extract_program(candidate).code)
    assert spliced.program is not None, spliced.error
    result = check(problem.text, problem.slot_ranges(), spliced.program, problem.fillable,
                   "Dafny 2.3.0.10506")
    return {v.rule for v in result.violations}


def _statement_positions(candidate: str) -> list[int]:
    """Line starts inside a body where a statement may go: the code before ends a
    statement or opens a block, the code after starts one."""
    bodies = [d.body for _, d in parse_program(candidate).walk() if d.body is not None]
    code = [t for t in tokenize(candidate) if not t.is_trivia]
    comments = [(t.offset, t.end) for t in tokenize(candidate) if t.kind is TokenKind.COMMENT]
    out = []
    for before, after in itertools.pairwise(code):
        gap = candidate[before.end : after.offset]
        if before.text in (";", "{", "}") and "\n" in gap and after.text not in _NOT_FIRST and (
                any(b.start < before.end and after.offset < b.end for b in bodies)):
            out.append(before.end + gap.index("\n") + 1)
    return [o for o in out if not any(s < o < e for s, e in comments)]


_NOT_FIRST = frozenset({"else", "{", "invariant", "decreases", "ensures", "modifies", "case",
                        "}"})


def _insert(candidate: str, where: int, statement: str) -> str:
    positions = _statement_positions(candidate)
    at = positions[where % len(positions)]
    return candidate[:at] + statement + "\n" + candidate[at:]


def test_every_honest_candidate_is_accepted() -> None:
    assert len(HONEST) >= 25
    for name, record in HONEST:
        assert _rules(_problem(record), record["candidate"]) == set(), name


def test_the_lists_agree_with_the_brief() -> None:
    assert {"inline", "verify", "axiom", "extern", "imported"}.isdisjoint(ALLOWED_ATTRIBUTES)
    assert {"timeLimitMultiplier", "autoTriggers", "opaque", "fuel", "trigger",
            "induction", "split_here", "isolate_assertions"} <= ALLOWED_ATTRIBUTES
    assert {"copredicate", "colemma", "comethod", "inductive", "free", "parallel",
            "refines", "abstract", "import", "include", "assume", "expect", "twostate",
            "least", "greatest", "module", "iterator", "yield"} <= set(REFUSED_KEYWORDS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HONEST), st.sampled_from(REFUSED_KEYWORDS), st.integers(0, 999))
def test_a_refused_keyword_anywhere_in_a_body_is_refused(honest: tuple[str, dict[str, str]],
                                                         keyword: str, where: int) -> None:
    _, record = honest
    candidate = _insert(record["candidate"], where, f"{keyword} true;")
    assert keyword in _rules(_problem(record), candidate)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HONEST), st.sampled_from(sorted(OFF_LIST)), st.sampled_from(ARGUMENTS),
       st.lists(SPACE, min_size=4, max_size=4), st.integers(0, 999))
def test_an_attribute_off_the_list_is_refused_whatever_its_spacing_and_argument(
        honest: tuple[str, dict[str, str]], name: str, argument: str, spaces: list[str],
        where: int) -> None:
    _, record = honest
    a, b, c, d = spaces
    c = c if c.strip() or not argument else c + " "  # a name and its argument stay apart
    attribute = f"{{{a}:{b}{name}{c}{argument}{d}}}"
    candidate = _insert(record["candidate"], where, f"assert {attribute} true;")
    assert OFF_LIST[name] in _rules(_problem(record), candidate)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HONEST), st.sampled_from(BODILESS_FORALLS), st.integers(0, 999))
def test_a_bodiless_forall_anywhere_is_refused(honest: tuple[str, dict[str, str]],
                                               statement: str, where: int) -> None:
    _, record = honest
    candidate = _insert(record["candidate"], where, statement)
    assert "forall-without-body" in _rules(_problem(record), candidate)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HONEST), st.integers(0, 999))
def test_decreases_star_the_candidate_adds_is_refused(honest: tuple[str, dict[str, str]],
                                                      where: int) -> None:
    _, record = honest
    candidate = _insert(record["candidate"], where, "while true decreases * { }")
    assert "decreases-star" in _rules(_problem(record), candidate)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HONEST), st.integers(0, 999),
       st.sampled_from(["forall i | 0 <= i < 3 ensures i in {0, 1, 2} { }",
                        "label L: forall i | 0 <= i < 1 ensures var j := i; j < 1 { }",
                        "assert forall k :: k in {} ==> false;",
                        "assert {:trigger} { :fuel F, 2 } true;"]))
def test_harmless_statements_anywhere_change_nothing(honest: tuple[str, dict[str, str]],
                                                     where: int, statement: str) -> None:
    _, record = honest
    candidate = _insert(record["candidate"], where, statement)
    rules = _rules(_problem(record), candidate)
    assert not rules & {"forall-without-body", "attribute", "decreases-star"}
