"""The prompts: dialect notes per verifier, the gate's rules, templates strict about names."""

from __future__ import annotations

from string import Template

import pytest

from tests.solve.conftest import ABS
from vericode.api import load_any
from vericode.candidate.check import CheckOutcome
from vericode.repair import prompts
from vericode.repair.prompts import Conversation, first_prompt, repair_prompt, system_prompt
from vericode.seams import Diagnostic, Location, Related, Severity, Verdict

LEGACY = "Dafny 2.3.0.10506 (z3 4.8.12)"


def test_the_system_prompt_fits_the_verifier() -> None:
    legacy, modern = system_prompt(LEGACY), system_prompt("Dafny 4.9.1")
    assert "Dafny 2.3.0.10506" in legacy and "do not write `function method`" in legacy
    assert "Dafny 4.9.1" in modern and "an older Dafny" not in modern
    for text in (legacy, modern):
        assert "`ghost function`" in text and "```dafny" in text
        for rule in ("assume", "{:axiom}", "{:verify false}", "{:extern}", "without a body",
                     "`forall` statements", "expect", "decreases *", "include", "import",
                     "redeclares", "signature"):
            assert rule in text, rule


def test_legacy_is_read_from_the_version() -> None:
    assert prompts.is_legacy(LEGACY) and prompts.is_legacy("Dafny 3.13.1")
    assert not prompts.is_legacy("Dafny 4.10.0") and not prompts.is_legacy("")


def test_the_first_prompt_carries_the_problem() -> None:
    problem = load_any(str(ABS))
    text = first_prompt(problem)
    assert text.startswith("Problem abs_value.")
    assert "Return the absolute value of an integer x" in text
    assert problem.text in text and "<vc-code>" in text


def test_templates_refuse_undefined_names() -> None:
    with pytest.raises(KeyError):
        prompts.templates.render("vericode.repair", "first", problem_id="x")
    assert isinstance(prompts.templates.template("vericode.repair", "repair"), Template)


def test_a_repair_prompt_without_a_program_says_why() -> None:
    problem = load_any(str(ABS))
    text = repair_prompt(problem, "", None, "the reply was empty")
    assert "could not be used: the reply was empty" in text
    parse = CheckOutcome(accepted=False, error="does not parse at line 2", error_line=2)
    text = repair_prompt(problem, "```dafny\nmethod Abs( {\n```", parse)
    assert "does not parse at line 2" in text and "   2 | method Abs( {" in text


def test_many_errors_are_counted_not_all_quoted() -> None:
    problem = load_any(str(ABS))
    where = Location(file="p.dfy", line=1, column=1, source_line="x")
    related = (Related(location=where, message="here"),)
    many = [Diagnostic(location=where, severity=Severity.ERROR, message=f"e{n}", related=related)
            for n in range(25)]
    outcome = CheckOutcome(accepted=True, verdict=Verdict.FAILED, diagnostics=many,
                           spliced="x\n")
    text = repair_prompt(problem, "", outcome)
    assert "e19" in text and "e20" not in text and "and 5 more" in text


def test_compact_history_keeps_the_latest_exchange_only() -> None:
    problem = load_any(str(ABS))
    compact, full = (Conversation(problem, LEGACY, history) for history in ("compact", "full"))
    for chat in (compact, full):
        chat.repair("one", "fix one")
        chat.repair("", "fix two")
    assert [m.content for m in compact.messages()[2:]] == ["(empty reply)", "fix two"]
    assert [m.content for m in full.messages()[2:]] == ["one", "fix one", "(empty reply)",
                                                         "fix two"]
