"""The phrases users asked for (palindromes, reversal, subsequences, element counts,
`bigger`/`smaller`, relative clauses, named and nested element quantifiers), with the
real verifier: right examples pass every check, wrong ones break the clause they
should. All specs share one file: one Dafny run (two with the follow-ups)."""

from __future__ import annotations

import pytest

from vericode.dafny.run.verifier import LocalVerifier
from vericode.errors import BadInput
from vericode.spec import FileReport, SpecReport, formalize_text, parse_spec_file
from vericode.spec.report import CheckStatus
from vericode.spec.skeleton import build

RIGHT = """\
spec Palindrome
  input s: string
  output r: bool
  ensures: r iff s is a palindrome
  example: s = "abba" -> r = true
  example: s = "abc" -> r = false

spec Reverse
  input a: seq<int>
  output b: seq<int>
  ensures: b is the reverse of a
  example: a = [1, 2, 3] -> b = [3, 2, 1]
  example: a = [] -> b = []

spec KeepPositive
  input a: seq<int>
  output b: seq<int>
  ensures: b keeps the order of a
  ensures: every element x of b is positive
  ensures: every element x of a that is positive is in b
  example: a = [1, -2, 3] -> b = [1, 3]

spec Subsequence
  input a: seq<int>
  input b: seq<int>
  output r: bool
  ensures: r iff b is a subsequence of a
  example: a = [1, 2, 3], b = [1, 3] -> r = true
  example: a = [1, 2, 3], b = [3, 1] -> r = false

spec TwoDistinct
  input a: seq<int>
  output r: bool
  ensures: r iff a has at least 2 distinct elements
  example: a = [4, 4, 5] -> r = true
  example: a = [4, 4, 4] -> r = false

spec Largest
  input a: seq<int>
  output x: int
  requires: a has at least 1 element
  ensures: x is in a
  ensures: every element y of a is at most x
  example: a = [1, 7, 3] -> x = 7

spec HasMaximum
  input a: seq<int>
  output r: bool
  ensures: r iff there is an element x of a such that every element y of a is at most x
  example: a = [2, 5] -> r = true
  example: a = [] -> r = false

spec BiggerCount
  input a: seq<int>
  input k: int
  output n: nat
  ensures: n == the number of elements of a that are bigger than k
  ensures: no element x of a that is smaller than k is in [n]
  example: a = [1, 5, 3], k = 2 -> n = 2
"""

WRONG = {
    "Palindrome": ('example: s = "abba" -> r = true', 'example: s = "abca" -> r = true'),
    "Reverse": ("example: a = [1, 2, 3] -> b = [3, 2, 1]",
                "example: a = [1, 2, 3] -> b = [3, 1, 2]"),
    "KeepPositive": ("example: a = [1, -2, 3] -> b = [1, 3]",
                     "example: a = [1, -2, 3] -> b = [3, 1]"),
    "Subsequence": ("example: a = [1, 2, 3], b = [1, 3] -> r = true",
                    "example: a = [1, 2, 3], b = [1, 4] -> r = true"),
    "TwoDistinct": ("example: a = [4, 4, 5] -> r = true", "example: a = [4, 4, 5] -> r = false"),
    "Largest": ("example: a = [1, 7, 3] -> x = 7", "example: a = [1, 7, 3] -> x = 3"),
    "HasMaximum": ("example: a = [2, 5] -> r = true", "example: a = [2, 5] -> r = false"),
    "BiggerCount": ("example: a = [1, 5, 3], k = 2 -> n = 2",
                    "example: a = [1, 5, 3], k = 2 -> n = 3"),
}
"""Each spec's first example made wrong."""


def _formalize(text: str, tmp_path_factory: pytest.TempPathFactory) -> FileReport:
    from vericode.settings import Settings

    cache = tmp_path_factory.mktemp("cache")
    verifier = LocalVerifier.from_settings(Settings(timeout=30, cache_dir=cache))
    return formalize_text(text, "phrases.spec", verifier)


def _wrong_text() -> str:
    text = RIGHT
    for right, wrong in WRONG.values():
        assert text.count(right) == 1
        text = text.replace(right, wrong)
    return text


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[FileReport, FileReport]:
    return _formalize(RIGHT, tmp_path_factory), _formalize(_wrong_text(), tmp_path_factory)


def _failed(spec: SpecReport) -> list[tuple[str, int | None]]:
    return [(c.kind, c.example) for c in spec.checks if c.status is CheckStatus.FAILED]


def test_right_examples_pass_every_check(reports: tuple[FileReport, FileReport]) -> None:
    right, _ = reports
    assert [(s.name, _failed(s)) for s in right.specs if _failed(s)] == []
    assert {s.name for s in right.specs} == set(WRONG)


@pytest.mark.parametrize("name", sorted(WRONG))
def test_a_wrong_example_breaks_an_ensures(reports: tuple[FileReport, FileReport],
                                           name: str) -> None:
    _, wrong = reports
    spec = next(s for s in wrong.specs if s.name == name)
    assert ("ensures", 1) in _failed(spec)
    assert all(example == 1 for kind, example in _failed(spec) if kind == "ensures")


@pytest.mark.parametrize(("clause", "dafny"), [
    ("s is a palindrome", "forall i :: 0 <= i < |s| ==> s[i] == s[|s| - 1 - i]"),
    ("s is not a palindrome", "!(forall i :: 0 <= i < |s| ==> s[i] == s[|s| - 1 - i])"),
    ("b is the reverse of a", "b == Reversed(a)"),
    ("b is not a subsequence of a", "!IsSubsequence(b, a)"),
    ("a has at most 3 elements", "|a| <= 3"),
    ("a has exactly 2 distinct elements", "DistinctCount(a) == 2"),
    ("x is bigger than 2 and x is smaller than 9", "x > 2 && x < 9"),
    ("every element of a that is even is positive",
     "forall i :: 0 <= i < |a| ==> a[i] % 2 == 0 ==> a[i] > 0"),
    ("some element y of a that is positive is bigger than x",
     "exists y :: y in a && y > 0 && y > x"),
    ("no element y of a that is in b is negative", "forall y :: y in a ==> !(y in b && y < 0)"),
    ("there is an element of a that is zero", "exists i :: 0 <= i < |a| && a[i] == 0"),
    ("every element y of a satisfies every element z of b is at most y",
     "forall y :: y in a ==> (forall z :: z in b ==> z <= y)"),
    ("every index i of a that is less than 3 satisfies a[i] > 0",
     "forall i :: 0 <= i < |a| ==> i < 3 ==> a[i] > 0"),
])
def test_the_new_phrases_render(clause: str, dafny: str) -> None:
    spec_file = parse_spec_file(HEAD + f"  ensures: {clause}\n", "new.spec")
    assert build(spec_file.specs[0]).clauses[0].dafny == dafny


HEAD = "spec S\n  input a: seq<int>\n  input b: seq<int>\n  input s: string\n  output x: int\n"


@pytest.mark.parametrize(("clause", "message"), [
    ("x is a palindrome", "`is a palindrome` needs a sequence, array or string, but this is int"),
    ("a is a subsequence of s", "`is a subsequence of` compares a seq<int> with a string"),
    ("x has at least 2 elements", "`has … elements` needs a collection"),
    ("every index of a is positive", "name the index: `every index i of a …`"),
])
def test_misused_phrases_are_errors_at_their_words(clause: str, message: str) -> None:
    with pytest.raises(BadInput, match=message.replace("(", r"\(").replace("…", ".")):
        build(parse_spec_file(HEAD + f"  ensures: {clause}\n", "new.spec").specs[0])


def test_a_suggestion_never_repeats_what_was_written() -> None:
    with pytest.raises(BadInput) as caught:
        parse_spec_file(HEAD + "  ensures: x is at most of a\n", "new.spec")
    assert '"is at most"' not in caught.value.message


def test_an_error_inside_a_definition_is_reported_at_its_line(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    text = ("spec D\n  input a: seq<int>\n  output b: int\n  define:\n"
            "    function First(s: seq<int>): int\n    {\n      s[0]\n    }\n"
            "  ensures: b == First(a)\n  example: a = [1, 3] -> b = 1\n")
    with pytest.raises(BadInput) as caught:
        _formalize(text, tmp_path_factory)
    assert caught.value.message.splitlines() == [
        "phrases.spec:7: Dafny cannot prove this definition well-defined: index out of range",
        "  in: s[0]"]
