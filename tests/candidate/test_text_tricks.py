"""Text that Dafny reads differently (Boogie's preprocessor, a lone CR), inserted at
random lines of honest candidates: never solved, through the one path every candidate
takes (``check_candidate``: canonical text, the gate, the verifier, the second reading).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vericode.candidate.check import check_candidate
from vericode.dafny.run.backends import open_verifier
from vericode.dafny.syntax.lexer import tokenize
from vericode.problem.tagged import parse_tagged
from vericode.seams import Verifier
from vericode.settings import Settings

HONEST_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "gate" / "attack" / "honest"
HONEST = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(HONEST_DIR.glob("*.json"))
          if p.stem != "verify_true_attribute"]
DIRECTIVES = ["#if VERICODE", "#else", "#endif", "#if !X", "#line 3", "  #endif", "\t#else"]
CR_TRICKS = ["// note\r  assume false;", "// a\r#if X", "// b\r  assume {:axiom} false;"]
QUICK = settings(max_examples=12, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def pool() -> Iterator[Verifier]:
    with open_verifier(Settings(verifier="server", cache=False), jobs=2) as verifier:
        yield verifier


def honest_lines() -> st.SearchStrategy[tuple[dict[str, str], int]]:
    return st.sampled_from(HONEST).flatmap(lambda case: st.tuples(
        st.just(case), st.integers(0, case["candidate"].count("\n"))))


def insert_line(candidate: str, where: int, line: str) -> str:
    lines = candidate.split("\n")
    return "\n".join([*lines[:where], line, *lines[where:]])


@QUICK
@given(honest_lines(), st.sampled_from(DIRECTIVES))
def test_a_preprocessor_line_anywhere_is_refused(pool: Verifier,
                                                 chosen: tuple[dict[str, str], int],
                                                 directive: str) -> None:
    case, where = chosen
    problem = parse_tagged(case["problem"], "honest.dfy")
    outcome = check_candidate(problem, insert_line(case["candidate"], where, directive), pool)
    assert not outcome.solved
    assert outcome.error or "preprocessor-line" in {v.rule for v in outcome.violations}


@QUICK
@given(honest_lines(), st.sampled_from(CR_TRICKS))
def test_code_behind_a_lone_cr_is_seen_and_refused(
        pool: Verifier, chosen: tuple[dict[str, str], int], trick: str) -> None:
    """After canonical text a lone CR is a line end for vericode as for Dafny, so the
    code it would hide is seen: an ``assume`` is refused, a directive too; or splicing
    left it out (it was in the candidate's copy of a frozen contract), or it fell inside
    a block comment of the candidate: then what was solved is the honest program."""
    case, where = chosen
    problem = parse_tagged(case["problem"], "honest.dfy")
    outcome = check_candidate(problem, insert_line(case["candidate"], where, trick), pool)
    if outcome.solved:
        assert outcome.spliced is not None
        code = [t.text for t in tokenize(outcome.spliced) if not t.is_trivia]
        assert "assume" not in code, "a solved program holds no assume outside comments"
        return
    rules = {v.rule for v in outcome.violations}
    assert outcome.error or rules & {"assume", "axiom", "preprocessor-line", "dafny-reading"}
