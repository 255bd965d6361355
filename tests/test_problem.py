"""Loading problems: tagged files, JSONL corpora, folders; what a problem says about itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vericode.errors import BadInput
from vericode.problem.corpus import load_corpus, load_problem
from vericode.problem.tagged import load_folder, parse_tagged

FIXTURES = Path(__file__).parent / "fixtures"
PROBLEMS = FIXTURES / "problems"
VERICODING = FIXTURES / "vericoding"
JSONL = VERICODING / "dafny_tasks_sample.jsonl"


def test_a_tagged_file_loads_with_its_parts_in_order_and_its_text_intact() -> None:
    path = PROBLEMS / "sum_to.dfy"
    problem = load_problem(path)
    assert problem.id == "sum_to" and problem.source == str(path)
    assert problem.description == "Sum the natural numbers below n."
    assert problem.meta == {"difficulty": "easy", "tags": "loops, recursion"}
    assert problem.tags == ["loops", "recursion"]
    assert [p.name for p in problem.parts] == ["preamble", "helpers", "spec", "code"]
    assert [p.frozen for p in problem.parts] == [True, False, True, False]
    assert [p.name for p in problem.frozen_parts] == ["preamble", "spec"]
    assert [p.name for p in problem.slots] == ["helpers", "code"]
    assert problem.text == path.read_text(encoding="utf-8")
    filled = problem.render({3: "{ s := 0; }\n"})
    assert filled.endswith("// <vc-code>\n{ s := 0; }\n// </vc-code>\n")
    assert problem.parts[2].text.startswith("method ComputeSum(n: nat) returns (s: nat)\n")
    assert problem.assumptions == [] and problem.undefined == [] and problem.fillable == []


def test_slot_ranges_cover_exactly_the_slots_contents() -> None:
    problem = load_problem(PROBLEMS / "sum_to.dfy")
    text = problem.text
    assert [text[s:e] for s, e in problem.slot_ranges()] == ["", "{\n}\n"]


def test_every_vericoding_tagged_file_loads_and_gives_back_its_text() -> None:
    files = sorted((VERICODING / "tagged").glob("*.dfy"))
    for path in files:
        problem = load_problem(path)
        assert problem.text == path.read_text(encoding="utf-8")
        assert [p.name for p in problem.parts] == ["preamble", "helpers", "spec", "code"]


def test_every_task_of_a_jsonl_corpus_loads_with_its_metadata() -> None:
    problems = load_corpus(JSONL)
    assert len(problems) == 40
    first = problems[0]
    assert first.id == "DA0004" and first.source == f"{JSONL}#DA0004"
    assert first.meta["source"] == "apps" and first.meta["source-id"] == "apps_test_22"
    assert first.description.startswith("Check if a string is an \"s-palindrome\"")
    assert [p.name for p in first.parts] == ["preamble", "helpers", "spec", "code", "postamble"]
    assert first.text.startswith("// <vc-description>\n// Check if a string")


def test_one_jsonl_task_is_addressed_as_corpus_hash_id() -> None:
    problem = load_problem(f"{JSONL}#DV0112")
    assert problem.id == "DV0112"
    code = problem.parts[problem.indices("code")[0]].text
    assert "result := [];" in code


def test_trusted_assumptions_of_the_benchmark_are_listed_at_load() -> None:
    problem = load_problem(f"{JSONL}#DB0029")
    assert [(a.name, a.what) for a in problem.assumptions] == [
        ("Add", "`assume` statement"), ("ModExpPow2", "`assume` statement")]
    lines = problem.text.splitlines()
    assert all("assume" in lines[a.line - 1] for a in problem.assumptions)


def test_axioms_and_body_less_lemmas_in_frozen_text_are_trusted_assumptions() -> None:
    problem = load_problem(PROBLEMS / "trusted.dfy")
    found = [(a.name, a.line, a.what) for a in problem.assumptions]
    assert found == [
        ("Fact", 8, "{:axiom} attribute"),
        ("Fact", 8, "body-less lemma: its contract is assumed"),
        ("Unproven", 11, "body-less lemma: its contract is assumed"),
        ("Library", 5, "`assume` statement"),
    ]


def test_the_placeholder_in_a_slot_is_not_a_trusted_assumption() -> None:
    problem = load_problem(VERICODING / "tagged" / "DA0004_specs.dfy")
    assert "assume" in problem.parts[problem.indices("code")[0]].text
    assert problem.assumptions == []


def test_names_the_frozen_text_uses_but_never_defines_are_flagged() -> None:
    problem = load_problem(VERICODING / "tagged" / "DA0124_specs.dfy")
    assert [(u.name, u.part, u.line) for u in problem.undefined] == [
        ("compute_expected_output", "preamble", 32),
        ("count_responses", "preamble", 39),
        ("get_response_at_index", "preamble", 43),
    ]
    spec = parse_tagged(
        "// <vc-spec>\nmethod M(a: seq<int>) returns (r: int)\n"
        "  ensures forall i :: 0 <= i < |a| ==> Good(a[i], r)\n// </vc-spec>\n"
        "// <vc-code>\n{\n}\n// </vc-code>\n", "inline.dfy")
    assert [(u.name, u.part, u.line, u.column) for u in spec.undefined] == [
        ("Good", "spec", 3, 40)]


def test_no_sample_task_is_flagged_without_cause() -> None:
    flagged = {p.id: sorted(u.name for u in p.undefined) for p in load_corpus(JSONL)
               if p.undefined}
    assert flagged == {
        "DA0124": ["compute_expected_output", "count_responses", "get_response_at_index"],
        "DA0184": ["sum"],
    }


def test_a_folder_loads_its_problems_and_skips_reference_solutions() -> None:
    problems = load_folder(PROBLEMS)
    assert [p.id for p in problems] == ["sum_to", "trusted", "two_specs"]
    assert load_corpus(PROBLEMS) == problems


def test_several_spec_and_code_pairs_keep_their_order() -> None:
    problem = load_problem(PROBLEMS / "two_specs.dfy")
    assert [p.name for p in problem.parts] == [
        "preamble", "helpers", "spec", "code", "spec", "code", "postamble"]
    assert problem.indices("code") == [3, 5]
    assert problem.text == (PROBLEMS / "two_specs.dfy").read_text(encoding="utf-8")


def test_a_missing_helpers_slot_is_added_before_the_first_spec_without_tags() -> None:
    text = "// <vc-spec>\nmethod M()\n// </vc-spec>\n// <vc-code>\n{\n}\n// </vc-code>\n"
    problem = parse_tagged(text, "x.dfy")
    assert [p.name for p in problem.parts] == ["helpers", "spec", "code"]
    assert problem.text == text
    assert problem.slot_ranges()[0] == (0, 0)


@pytest.mark.parametrize("text, message", [
    ("// <vc-spec>\nmethod M()\n// </vc-spec>\n", "x.dfy:1: no <vc-code> part"),
    ("// <vc-spec>\nmethod M()\n", "x.dfy:1: <vc-spec> is never closed"),
    ("// <vc-spec>\nmethod M()\n// </vc-code>\n", "x.dfy:3: </vc-code> does not match"),
    ("// </vc-spec>\n", "x.dfy:1: </vc-spec> does not match (no open tag)"),
    ("// <vc-spec>\n// <vc-code>\n", "x.dfy:2: <vc-code> opens inside <vc-spec>"),
    ("// <vc-prelude>\n// </vc-prelude>\n", "x.dfy:1: unknown tag vc-prelude"),
    ("// <vc-spec>\nmethod M( {\n// </vc-spec>\n// <vc-code>\n{\n}\n// </vc-code>\n",
     "x.dfy:2:"),
])
def test_malformed_tagged_files_are_bad_input_with_file_and_line(text: str, message: str) -> None:
    with pytest.raises(BadInput) as info:
        parse_tagged(text, "x.dfy")
    assert str(info.value).startswith(message)


def test_jsonl_errors_name_the_file_and_line(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    good = {"id": "A", "vc-spec": "method M()", "vc-code": "{\n}"}
    corpus.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(BadInput, match=rf"^{corpus}:2:2: not JSON"):
        load_corpus(corpus)
    corpus.write_text(json.dumps(good) + "\n" + json.dumps({"id": "B"}) + "\n")
    with pytest.raises(BadInput, match=rf"^{corpus}:2:1: missing or non-string keys: vc-spec"):
        load_corpus(corpus)
    corpus.write_text(json.dumps(good) + "\n")
    with pytest.raises(BadInput, match=r"no problem with id 'Z' \(ids include A\)"):
        load_problem(f"{corpus}#Z")
    with pytest.raises(BadInput, match=r"name one problem as"):
        load_problem(corpus)
    with pytest.raises(BadInput, match=r"cannot read"):
        load_problem(tmp_path / "missing.dfy")
    with pytest.raises(BadInput, match=r"no problems here"):
        load_corpus(tmp_path)
