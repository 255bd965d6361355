"""Taking the Dafny program out of a model's reply."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vericode.candidate.extract import extract_code, extract_program, fenced_blocks

prose_line = st.text(
    alphabet=st.sampled_from(list("abcdefgh XYZ.,:;!?'\"`()-*#")), max_size=40,
).filter(lambda line: not line.lstrip().startswith("```") and not line.lstrip().startswith("~~~"))
prose = st.lists(prose_line, max_size=4).map("\n".join)


@st.composite
def programs(draw: st.DrawFn) -> str:
    """A program built from whole constructs, so comments and strings are balanced."""
    chunks = [
        ["method M(x: int) returns (y: int)", "  ensures y == x", "{", "  y := x;", "}"],
        ['const Fence := "```";'], ['const Ticks := "a ``` b";'],
        ["// a comment with ``` inside"], ["/* a block comment", "```", "*/"],
        ['const V := @"verbatim', "```dafny", "```", '";'], [""], ["function F(): int { 1 }"],
    ]
    picked = draw(st.lists(st.sampled_from(chunks), min_size=1, max_size=6))
    return "\n".join(line for chunk in picked for line in chunk)


@settings(max_examples=150, deadline=None)
@given(before=prose, program=programs(), after=prose,
       language=st.sampled_from(["dafny", "dfy", ""]))
def test_a_fenced_program_comes_back_exactly(before: str, program: str, after: str,
                                             language: str) -> None:
    reply = f"{before}\n```{language}\n{program}\n```\n{after}"
    assert extract_code(reply) == program


def _no_bare_fence(text: str) -> bool:
    return not any(line.strip(" \t").startswith("```") and not line.strip(" \t`")
                   for line in text.split("\n"))


any_text = st.text(alphabet=st.sampled_from(list('ab{}();:="\'`/*@ \n\t')), max_size=80)


@settings(max_examples=150, deadline=None)
@given(before=prose, program=any_text.filter(_no_bare_fence), after=prose)
def test_any_text_without_a_bare_fence_line_comes_back_exactly(before: str, program: str,
                                                               after: str) -> None:
    """Even text that does not lex (an open string or comment) ends at the fence."""
    reply = f"{before}\n```dafny\n{program}\n```\n{after}"
    assert extract_code(reply) == program


@settings(max_examples=50, deadline=None)
@given(program=programs())
def test_a_reply_without_a_fence_is_the_program(program: str) -> None:
    if "```" not in program:
        assert extract_program(program).fenced is False
        assert extract_code(program) == program


def test_the_last_dafny_block_wins_over_earlier_and_unlabelled_ones() -> None:
    reply = (
        "The original:\n```dafny\nmethod Old() {}\n```\n"
        "Some Python for comparison:\n```python\nprint('hi')\n```\n"
        "A plain block:\n```\nmethod Plain() {}\n```\n"
        "The fix:\n```dafny\nmethod New() {}\n```\nDone."
    )
    extracted = extract_program(reply)
    assert extracted.code == "method New() {}"
    assert extracted.start_line == 15
    assert [b.language for b in fenced_blocks(reply)] == ["dafny", "python", "", "dafny"]


def test_an_unlabelled_block_is_taken_when_no_block_says_dafny() -> None:
    reply = "```text\nnot this\n```\n```\nmethod M() {}\n```\n"
    assert extract_code(reply) == "method M() {}"


def test_blocks_in_other_languages_only_give_nothing() -> None:
    assert extract_code("```python\nprint(1)\n```") == ""


def test_an_unclosed_fence_runs_to_the_end() -> None:
    assert extract_code("Here:\n```dafny\nmethod M() {}\n") == "method M() {}\n"


def test_a_longer_fence_needs_a_longer_close() -> None:
    reply = "````dafny\nmethod M() {}\n```\nstill code\n````\n"
    assert extract_code(reply) == "method M() {}\n```\nstill code"


def test_a_broken_program_still_ends_at_the_first_fence() -> None:
    reply = '```dafny\nmethod M() { var s := "open; }\n```\nprose with a "quote\n'
    assert extract_code(reply) == 'method M() { var s := "open; }'


def test_windows_line_endings() -> None:
    reply = "Answer:\r\n```dafny\r\nmethod M() {}\r\n```\r\n"
    assert extract_code(reply) == "method M() {}"
