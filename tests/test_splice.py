"""Splicing a candidate into a problem: only slot contents are taken, the rest is noted."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from vericode.candidate.gate import check
from vericode.candidate.splice import SpliceResult, splice
from vericode.dafny.run.verifier import LocalVerifier
from vericode.problem.corpus import load_corpus, load_problem
from vericode.problem.tagged import Problem, load_folder, parse_tagged
from vericode.seams import Verdict

PROBLEMS = Path(__file__).parent / "fixtures" / "problems"
SUM_TO = load_problem(PROBLEMS / "sum_to.dfy")
REFERENCE = (PROBLEMS / "sum_to.ref.dfy").read_text(encoding="utf-8")
BODY = REFERENCE[REFERENCE.index("{\n  s := 0;") : REFERENCE.index("// </vc-code>")]


def frozen_text(problem: Problem) -> str:
    """Everything of the skeleton that is not a slot's content."""
    return "".join(s.text for s in problem.segments()
                   if s.part is None or problem.parts[s.part].frozen)


def spliced_frozen_text(result: SpliceResult) -> str:
    assert result.program is not None
    return "".join(result.program[s:e] for s, e in result.frozen)


def gate(problem: Problem, result: SpliceResult) -> list[str]:
    assert result.program is not None
    verdict = check(problem.text, problem.slot_ranges(), result.program, problem.fillable)
    return [v.rule for v in verdict.violations]


def test_a_correct_body_verifies_and_the_placeholder_does_not(verifier: LocalVerifier) -> None:
    result = splice(SUM_TO, REFERENCE)
    assert result.ok and result.program is not None
    assert result.taken == ["the body of ComputeSum (lines 21-31 of the candidate)"]
    assert result.program == REFERENCE
    assert verifier.verify(result.program, "sum_to.dfy").verdict is Verdict.VERIFIED
    assert verifier.verify(SUM_TO.text, "sum_to.dfy").verdict is Verdict.FAILED
    assert gate(SUM_TO, result) == []


def test_changed_contracts_and_signatures_are_ignored_and_reported_by_line() -> None:
    candidate = ("method ComputeSum(n: int) returns (s: nat)\n"
                 "  requires n >= 0\n"
                 "  ensures s == SumTo(n)\n"
                 "  ensures true\n" + BODY)
    result = splice(SUM_TO, candidate)
    assert result.ignored == [
        "your signature of ComputeSum on line 1 of the candidate was ignored: "
        "signatures are frozen",
        "your requires clause on line 2 of the candidate was ignored: contracts are frozen",
        "your ensures clause on line 4 of the candidate was ignored: contracts are frozen",
    ]
    assert result.program == REFERENCE
    assert result.candidate_line(21) == 5


def test_helpers_go_into_the_helpers_slot_and_map_back_to_the_candidate() -> None:
    candidate = ("lemma SumStep(i: nat)\n  ensures SumTo(i + 1) == SumTo(i) + i\n{\n}\n\n"
                 "predicate Small(x: int) { x < 10 }\n"
                 "method ComputeSum(n: nat) returns (s: nat)\n" + BODY)
    result = splice(SUM_TO, candidate)
    assert result.program is not None
    lines = result.program.splitlines()
    start = lines.index("// <vc-helpers>") + 1
    assert lines[start : start + 6] == [
        "lemma SumStep(i: nat)", "  ensures SumTo(i + 1) == SumTo(i) + i", "{", "}", "",
        "predicate Small(x: int) { x < 10 }"]
    assert result.taken[:2] == ["helper lemma SumStep (lines 1-4 of the candidate)",
                                "helper predicate Small (lines 6-6 of the candidate)"]
    assert result.candidate_line(start + 1) == 1
    assert result.candidate_line(start + 6) == 6
    assert result.candidate_line(1) is None
    assert gate(SUM_TO, result) == []


def test_a_redefinition_of_a_frozen_name_is_kept_for_the_gate_to_refuse() -> None:
    candidate = "ghost function SumTo(n: nat): nat { 0 }\n" + REFERENCE
    result = splice(SUM_TO, candidate)
    assert result.taken[0] == (
        "your function SumTo (lines 1-1 of the candidate) redeclares a frozen name; it is "
        "kept in the helpers, where the integrity gate refuses it")
    assert result.program is not None
    assert "ghost function SumTo(n: nat): nat { 0 }" in result.program
    assert spliced_frozen_text(result) == frozen_text(SUM_TO)
    assert "redeclared" in gate(SUM_TO, result)


def test_an_exact_copy_of_frozen_text_is_left_out_with_a_note() -> None:
    preamble = SUM_TO.parts[0].text
    result = splice(SUM_TO, "// echo\n" + preamble.replace("\n{", "  {") + BODY.join(
        ["method ComputeSum(n: nat) returns (s: nat)\n  ensures s == SumTo(n)\n", ""]))
    assert result.ignored == ["your copy of the frozen function SumTo on line 2 is the "
                              "problem's own; the problem's is used"]
    assert result.program == REFERENCE


def test_a_candidate_that_does_not_parse_says_where() -> None:
    result = splice(SUM_TO, "method ComputeSum(n: nat) returns (s: nat\n{\n}\n")
    assert not result.ok and result.program is None
    assert (result.error_line, result.error_column) == (2, 1)
    assert result.error is not None and result.error.startswith(
        "the candidate does not parse at line 2, column 1: unexpected '{")


def test_a_missing_or_bodiless_spec_method_keeps_the_placeholder() -> None:
    result = splice(SUM_TO, "method ComputeSum(n: nat) returns (s: nat)\n")
    assert result.program == SUM_TO.text
    assert result.ignored == [
        "your method ComputeSum on line 1 has no body; the problem's placeholder is kept",
        "the candidate gives no body for ComputeSum; the problem's placeholder is kept"]


def test_several_spec_and_code_pairs_are_all_filled(verifier: LocalVerifier) -> None:
    problem = load_problem(PROBLEMS / "two_specs.dfy")
    candidate = ("method Quadruple(x: int) returns (y: int)\n{\n  y := Double(Double(x));\n}\n"
                 "function Double(x: int): int\n{\n  x + x\n}\n")
    result = splice(problem, candidate)
    assert result.program is not None
    assert result.taken == ["the body of Quadruple (lines 2-4 of the candidate)",
                            "the body of Double (lines 6-8 of the candidate)"]
    assert spliced_frozen_text(result) == frozen_text(problem)
    assert verifier.verify(result.program, "two.dfy").verdict is Verdict.VERIFIED
    assert gate(problem, result) == []


def test_every_vericoding_task_given_back_as_a_candidate_splices_to_itself() -> None:
    vericoding = Path(__file__).parent / "fixtures" / "vericoding"
    problems = load_corpus(vericoding / "dafny_tasks_sample.jsonl")
    problems += load_folder(vericoding / "tagged")
    assert len(problems) == 52
    for problem in problems:
        candidate = "".join(p.text for p in problem.parts)
        result = splice(problem, candidate)
        assert result.program == problem.text, (problem.id, result.error, result.taken)
        assert not [n for n in result.ignored if "placeholder" in n], problem.id


FILLABLE = parse_tagged(
    "// <vc-spec>\nfunction Triple(x: int): int\n  ensures Triple(x) == 3 * x\n\n"
    "method UseTriple(x: int) returns (y: int)\n  ensures y == 3 * x\n// </vc-spec>\n"
    "// <vc-code>\n{\n}\n// </vc-code>\n", "fillable.dfy")


def test_a_bodiless_spec_function_gets_the_candidates_body(verifier: LocalVerifier) -> None:
    assert FILLABLE.fillable == ["Triple"] and FILLABLE.assumptions == []
    candidate = ("function Triple(x: int): int\n  ensures Triple(x) == 3 * x\n{ 3 * x }\n"
                 "method UseTriple(x: int) returns (y: int) { y := Triple(x); }\n")
    result = splice(FILLABLE, candidate)
    assert result.program is not None
    assert "  ensures Triple(x) == 3 * x\n{ 3 * x }\n\nmethod UseTriple" in result.program
    assert result.candidate_line(4) == 3 and result.candidate_line(3) is None
    assert spliced_frozen_text(result) == frozen_text(FILLABLE)
    assert verifier.verify(result.program, "fillable.dfy").verdict is Verdict.VERIFIED
    assert gate(FILLABLE, result) == []


expressions = st.recursive(
    st.sampled_from(["0", "1", "n", "s", "SumTo(n)", "n - 1", "true"]),
    lambda inner: st.tuples(inner, st.sampled_from([" + ", " * ", " == ", " <= ", " && "]),
                            inner).map(lambda t: f"({''.join(t)})"),
    max_leaves=6)
edits = st.lists(st.tuples(
    st.sampled_from(["if n == 0 then 0 else SumTo(n - 1) + (n - 1)", "ensures s == SumTo(n)",
                     "returns (s: nat)", "ghost function", "(n: nat)", "// <vc-spec>\n"]),
    expressions, st.sampled_from(["replace", "prefix-ensures", "prefix-requires"])),
    min_size=1, max_size=4)


def _edited(edits: list[tuple[str, str, str]]) -> str:
    text = REFERENCE
    for target, expression, how in edits:
        if target.startswith(("ensures", "if")) or how == "replace":
            new = {"ensures s == SumTo(n)": f"ensures {expression}",
                   "returns (s: nat)": "returns (s: int, t: int)",
                   "ghost function": "function", "(n: nat)": "(n: int, m: int)",
                   "// <vc-spec>\n": ""}.get(target, expression)
        else:
            keyword = "ensures" if how == "prefix-ensures" else "requires"
            new = f"{target}\n  {keyword} {expression}" if target.startswith("ret") else target
        text = text.replace(target, new, 1)
    return text


@settings(max_examples=60, deadline=None)
@given(edits)
def test_edits_to_frozen_text_in_a_candidate_never_reach_the_program(
        edits: list[tuple[str, str, str]]) -> None:
    result = splice(SUM_TO, _edited(edits))
    assert result.ok, result.error
    assert spliced_frozen_text(result) == frozen_text(SUM_TO)
    assert result.program is not None
    for part in SUM_TO.parts:
        if part.frozen:
            assert part.opening() + part.text + part.closing() in result.program


def test_helpers_the_problem_suggests_stay_unless_the_candidate_replaces_them() -> None:
    text = (PROBLEMS / "sum_to.dfy").read_text(encoding="utf-8").replace(
        "// <vc-helpers>\n", "// <vc-helpers>\nlemma Hint(n: nat) ensures SumTo(n) >= 0 {}\n")
    problem = parse_tagged(text, "hinted.dfy")
    kept = splice(problem, "method ComputeSum(n: nat) returns (s: nat)\n" + BODY)
    assert kept.program is not None
    assert "// <vc-helpers>\nlemma Hint(n: nat) ensures SumTo(n) >= 0 {}\n// </vc-helpers>" \
        in kept.program
    replaced = splice(problem, "lemma Hint(n: nat) ensures true {}\n"
                               "method ComputeSum(n: nat) returns (s: nat)\n" + BODY)
    assert replaced.program is not None
    assert "// <vc-helpers>\nlemma Hint(n: nat) ensures true {}\n// </vc-helpers>" \
        in replaced.program
    assert replaced.taken[0] == "helper lemma Hint (lines 1-1 of the candidate)"


def test_a_bare_body_fills_the_only_spec_callable() -> None:
    result = splice(SUM_TO, "\n" + BODY)
    assert result.taken == [
        "the whole candidate as the body of ComputeSum (lines 2-12 of the candidate)"]
    assert result.program == REFERENCE
    assert result.candidate_line(21) == 2
    two = splice(load_problem(PROBLEMS / "two_specs.dfy"), "{\n  x + x\n}\n")
    assert not two.ok and two.error is not None and "unexpected '{" in two.error
