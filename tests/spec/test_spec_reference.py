"""The spec-language reference: generated from the grammar and the phrase table, so
the checked-in file must be what the generator writes today, name every phrase, and
show examples that parse and render; ``vericode phrases`` lists the same table."""

from __future__ import annotations

import json

import pytest

from vericode.cli.main import main
from vericode.errors import BadInput
from vericode.spec import parse_spec_file
from vericode.spec.catalog import CONTEXT, FAMILIES, PHRASE_TABLE, Phrase, matching
from vericode.spec.errors import PHRASES, REFERENCE
from vericode.spec.reference import DOC, MISTAKES, error_of, generate, render_clause
from vericode.spec.skeleton import HELPER_TEXT
from vericode.spec.types import ARITY


def test_the_checked_in_reference_is_what_the_generator_writes() -> None:
    assert DOC.read_text(encoding="utf-8") == generate(), (
        "docs/spec-language.md is out of date: run `python -m vericode.spec.reference`")


def test_every_phrase_family_type_and_helper_is_in_the_reference() -> None:
    doc = DOC.read_text(encoding="utf-8")
    missing = [p.words for p in PHRASE_TABLE if f"**{p.words}**: `{p.example}`" not in doc]
    assert missing == []
    assert all(f"### {f[0].upper()}{f[1:]}" in doc for f in FAMILIES)
    assert all(f"- `{name}`" in doc for name in ARITY)
    assert all(f" {name}" in doc for name in HELPER_TEXT)
    for kind in ("spec NAME", "input NAME: TYPE", "requires: CLAUSE", "define:",
                 "modifies: NAME, …", "example: INPUTS -> OUTPUTS", "// …"):
        assert f"`{kind}`" in doc


def test_the_suggestions_are_the_phrase_table() -> None:
    assert tuple(p.words for p in PHRASE_TABLE) == PHRASES
    assert len(set(PHRASES)) == len(PHRASES)


@pytest.mark.parametrize("phrase", PHRASE_TABLE, ids=lambda p: p.words)
def test_each_example_renders_to_the_dafny_the_reference_shows(phrase: Phrase) -> None:
    dafny = render_clause(phrase.example)
    assert dafny and dafny in DOC.read_text(encoding="utf-8")
    assert not any(word in dafny for word in (" is ", " of ", " that "))


@pytest.mark.parametrize(("wrong", "right", "why"), MISTAKES)
def test_each_mistake_is_an_error_and_its_fix_is_read(wrong: str, right: str,
                                                      why: str) -> None:
    message = error_of(wrong)
    assert message and message.splitlines()[0] in DOC.read_text(encoding="utf-8")
    assert render_clause(right.split(":", 1)[1].strip())


def test_a_clause_the_grammar_cannot_read_names_the_reference() -> None:
    with pytest.raises(BadInput) as caught:
        parse_spec_file(CONTEXT + "  ensures: y is atleast x\n", "bad.spec")
    lines = caught.value.message.splitlines()
    assert lines[0] == "bad.spec:11:17: cannot read this clause: unexpected `atleast`"
    assert lines[-1] == f"(the phrases a clause may use: {REFERENCE}, or `vericode phrases WORD`)"


def test_a_header_error_does_not_name_the_phrases() -> None:
    with pytest.raises(BadInput) as caught:
        parse_spec_file("spec 1S\n  input x: int\n", "bad.spec")
    assert REFERENCE not in caught.value.message


def test_phrases_lists_the_matching_phrases(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["phrases", "palindrome"]) == 0
    out = capsys.readouterr().out
    assert "is a palindrome" in out and "s[i] == s[|s| - 1 - i]" in out
    assert "is sorted" not in out


def test_phrases_json_has_every_phrase_with_its_dafny(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["phrases", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["phrases"]
    assert [d["phrase"] for d in data] == list(PHRASES)
    bigger = next(d for d in data if d["phrase"] == "is bigger than")
    assert bigger == {"family": "comparisons in words", "phrase": "is bigger than",
                      "example": "y is bigger than x", "dafny": "y > x"}


def test_phrases_says_when_nothing_matches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["phrases", "zebra"]) == 0
    assert "no phrase mentions 'zebra'" in capsys.readouterr().out
    assert matching("zebra") == []
