"""Clauses over slices, chains and quantifier scope, as users wrote them in specs the
corpus did not have (found by writing unseen specs): the checks must not call a right
example wrong. One file, so the module costs two Dafny runs."""

from __future__ import annotations

import pytest

from vericode.dafny.run.verifier import LocalVerifier
from vericode.errors import BadInput
from vericode.spec import FileReport, SpecReport, formalize_text, parse_spec_file
from vericode.spec.formalize import skeletons
from vericode.spec.report import CheckStatus

SPECS = """\
spec SumTail
  input a: seq<int>
  output t: int
  requires: a is not empty
  ensures: t == the sum of a[1..]
  example: a = [5, 1, 2, 7, 1, 0, 3] -> t = 14
  example: a = [5] -> t = 0

spec ZerosInPrefix
  input a: seq<int>
  input k: nat
  output c: nat
  requires: k is at most |a|
  ensures: c == the count of 0 in a[..k]
  example: a = [0, 1, 0, 0], k = 3 -> c = 2
  example: a = [0, 1], k = 0 -> c = 0

spec PositivePrefix
  input a: seq<int>
  input k: nat
  output c: nat
  requires: k is at most |a|
  ensures: c == the number of elements of a[..k] that are positive
  example: a = [1, -1, 2, 3], k = 3 -> c = 2

spec TailSorted
  input a: seq<int>
  output r: bool
  requires: a is not empty
  ensures: r iff a[1..] is sorted
  example: a = [9, 1, 2] -> r = true
  example: a = [9, 2, 1] -> r = false

spec InTail
  input s: string
  input c: char
  output n: nat
  requires: s is not empty
  ensures: n == the number of occurrences of c in s[1..]
  example: s = "aab", c = 'a' -> n = 1

spec Unguarded
  input a: seq<int>
  output t: int
  ensures: t == the sum of a[1..]
  example: a = [5, 1, 2] -> t = 3
  example: a = [] -> t = 0

spec MaxIn
  input a: seq<int>
  output m: int
  requires: a is not empty
  ensures: m is in a
  example: a = [3, 7, 2] -> m = 7

spec SortedOnly
  input a: array<int>
  modifies: a
  ensures: a is sorted
  example: a = [3, 1, 2] -> a = [1, 2, 3]

spec NoZero
  input a: seq<int>
  output b: bool
  ensures: b iff there is no index i of a such that a[i] == 0
  example: a = [1, 2] -> b = true
  example: a = [1, 0] -> b = false

spec AddToSet
  input s: set<int>
  input x: int
  output r: set<int>
  ensures: x is in r
  ensures: every element y of s satisfies y is in r
  example: s = {1, 2}, x = 3 -> r = {1, 2, 3}

spec AddOne
  input m: multiset<int>
  input x: int
  output r: multiset<int>
  ensures: r[x] == m[x] + 1
  ensures: the size of r == the size of m + 1
  example: m = multiset{1, 1, 2}, x = 1 -> r = multiset{1, 1, 1, 2}

spec DoubleAll
  input a: array<int>
  modifies: a
  ensures: every index i of a satisfies a[i] == 2 * old(a[i])
  example: a = [] -> a = []

spec Grid
  input g: seq<seq<int>>
  output b: bool
  ensures: b iff every element r of g satisfies every element x of r satisfies x >= 0
  example: g = [[1, 2], [3]] -> b = true
  example: g = [[1, -2], []] -> b = false

spec AllValuesPositive
  input m: map<int, int>
  output b: bool
  ensures: b iff forall k | k in m :: m[k] > 0
  example: m = map[1 := 5, 2 := 7] -> b = true
  example: m = map[1 := -5] -> b = false

spec UnionOrder
  input s: set<int>
  input t: set<int>
  output u: set<int>
  ensures: u == s + t
  example: s = {1, 2}, t = {} -> u = {2, 1}
  example: s = {2}, t = {1} -> u = {1, 2}

spec SameMap
  input m: map<int, int>
  output r: map<int, int>
  ensures: r == m
  example: m = map[1 := 1, 2 := 2] -> r = map[2 := 2, 1 := 1]

spec Square
  input x: int
  output y: int
  ensures: y == x * x
  example: x = 0 -> y = -0

spec OddThenUnsorted
  input a: seq<int>
  output r: bool
  ensures: r iff every element x of a satisfies x is odd implies a is not strictly sorted
  example: a = [3, 1] -> r = true
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> FileReport:
    from vericode.settings import Settings

    folder = tmp_path_factory.mktemp("slices")
    settings = Settings(cache_dir=folder / "cache")
    return formalize_text(SPECS, "slices.spec", LocalVerifier.from_settings(settings))


def line_of(fragment: str) -> int:
    return next(k for k, line in enumerate(SPECS.splitlines(), 1) if fragment in line)


def spec(report: FileReport, name: str) -> SpecReport:
    return next(s for s in report.specs if s.name == name)


@pytest.mark.parametrize("name", ["SumTail", "ZerosInPrefix", "PositivePrefix", "TailSorted",
                                  "InTail", "Grid", "AllValuesPositive"])
def test_right_examples_over_slices_pass(report: FileReport, name: str) -> None:
    found = spec(report, name)
    assert [c.message for c in found.checks if c.status is CheckStatus.FAILED] == []
    assert any(c.kind == "weak" and c.status is CheckStatus.PASSED for c in found.checks)


def test_a_slice_out_of_range_is_said_to_be_undefined_not_broken(report: FileReport) -> None:
    failed = [c for c in spec(report, "Unguarded").checks if c.status is CheckStatus.FAILED]
    assert [c.kind for c in failed] == ["wellformed", "ensures"]
    assert "is not always defined: lower bound out of range" in failed[0].message
    assert failed[1].line == line_of("a = [] -> t = 0") and failed[1].example == 2
    clause = failed[0].line
    assert clause == line_of("a = [] -> t = 0") - 2
    assert failed[1].message == (f"`ensures: t == the sum of a[1..]` (line {clause}) is not "
                                 "defined for example 2 (`a = [] -> t = 0`): lower bound out "
                                 "of range")


def test_a_quantifier_that_takes_in_an_unrelated_part_gets_a_note(report: FileReport) -> None:
    found = spec(report, "OddThenUnsorted")
    (note,) = [c for c in found.checks if c.kind == "scope"]
    assert note.status is CheckStatus.SKIPPED and note.line == line_of("x is odd implies")
    assert "the condition on x runs to the end of the clause" in note.message
    assert "put the quantifier in parentheses" in note.message
    assert "x in a ==> x % 2 == 1 ==> !(forall" in found.skeleton  # `implies` reads as ==>
    assert found.ok


def test_a_parenthesized_quantifier_gets_no_note() -> None:
    text = SPECS.split("spec OddThenUnsorted")[0] + """\
spec OddThenUnsorted
  input a: seq<int>
  output r: bool
  ensures: r iff (every element x of a satisfies x is odd) and a is not strictly sorted
"""
    parsed = parse_spec_file(text, "p.spec")
    from vericode.spec.scope import scope_notes

    assert scope_notes(parsed.specs[-1]) == []


@pytest.mark.parametrize(("chain", "op"), [("x != y != z", "!="), ("x < y > z", ">"),
                                           ("x <= y == z >= x", ">=")])
def test_a_chain_dafny_rejects_is_an_error_at_its_column(chain: str, op: str) -> None:
    line = f"  ensures: r == ({chain})"
    text = f"spec C\n  input x: int\n  input y: int\n  input z: int\n  output r: bool\n{line}\n"
    with pytest.raises(BadInput) as raised:
        skeletons(parse_spec_file(text, "c.spec"))
    column = len(line) - 1  # the operand after the operator that breaks the chain
    assert raised.value.message.startswith(f"c.spec:6:{column}: `{op}` ")
    assert "cannot join this chain of comparisons" in raised.value.message


@pytest.mark.parametrize("chain", ["x < y != z", "x == y != z", "x <= y == z < x"])
def test_a_chain_dafny_accepts_is_read(chain: str) -> None:
    text = f"spec C\n  input x: int\n  input y: int\n  input z: int\n  output r: bool\n" \
           f"  ensures: r == ({chain})\n"
    (skeleton,) = skeletons(parse_spec_file(text, "c.spec"))
    assert f"ensures r == ({chain})" in skeleton.text


@pytest.mark.parametrize(("name", "wrong", "why"), [
    ("MaxIn", {"m": "3"}, "another element of input a"),
    ("SortedOnly", {"a": "[1, 2, 4]"}, "its last element one more"),
    ("AddToSet", {"r": "{1, 2, 3, 4}"}, "one element more"),
    ("AddOne", {"r": "multiset{1, 1, 1, 3}"}, "its last element one more"),
])
def test_textbook_weak_specs_are_caught(report: FileReport, name: str,
                                        wrong: dict[str, str], why: str) -> None:
    (weak,) = [c for c in spec(report, name).checks if c.kind == "weak"]
    assert weak.status is CheckStatus.FAILED and weak.wrong_output == wrong
    assert f"({why})" in weak.message


def test_no_index_such_that_is_checked_without_crashing_dafny(report: FileReport) -> None:
    """`b <==> !(var i := 0; …)` crashes Dafny 2.3; the negation goes inside the `var`."""
    found = spec(report, "NoZero")
    assert found.ok and all(c.status is not CheckStatus.FAILED for c in found.checks)


def test_an_example_with_no_wrong_output_to_try_says_so(report: FileReport) -> None:
    (weak,) = [c for c in spec(report, "DoubleAll").checks if c.kind == "weak"]
    assert weak.status is CheckStatus.SKIPPED and "no obviously wrong output" in weak.message


@pytest.mark.parametrize("name", ["UnionOrder", "SameMap", "Square"])
def test_the_expected_value_written_otherwise_is_no_wrong_output(
        report: FileReport, name: str) -> None:
    """{2, 1} is {1, 2}, a map's order does not matter, -0 is 0: none is a probe."""
    found = spec(report, name)
    assert found.ok, [c.message for c in found.checks if c.status is CheckStatus.FAILED]
    assert {c.status for c in found.checks if c.kind == "weak"} <= {CheckStatus.PASSED,
                                                                   CheckStatus.SKIPPED}
