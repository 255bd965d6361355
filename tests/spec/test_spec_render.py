"""Rendering: each phrase family to the Dafny a person would write, parentheses only
where Dafny needs them, fresh names that never capture, and the tagged format."""

from __future__ import annotations

import pytest

from vericode.spec import parse_spec_file, render, render_tagged
from vericode.spec.skeleton import build

HEADER = """\
spec S
  input a: seq<int>
  input b: array<int>
  input s: set<int>
  input ms: multiset<int>
  input mp: map<int, int>
  input t: string
  input x: int
  input i: int
  output m: int
  output ok: bool
"""


def _dafny(clause: str) -> str:
    spec = parse_spec_file(HEADER + f"  ensures: {clause}\n").specs[0]
    return build(spec).clauses[0].dafny


@pytest.mark.parametrize("clause, dafny", [
    # emptiness and length
    ("a is empty", "|a| == 0"),
    ("a is not empty", "|a| > 0"),
    ("b is not empty", "b.Length > 0"),
    ("mp is empty", "|mp| == 0"),
    ("the length of a == m", "|a| == m"),
    ("the size of s is at least 2", "|s| >= 2"),
    ("a has length 3", "|a| == 3"),
    ("b has length x", "b.Length == x"),
    # membership
    ("m is in a", "m in a"),
    ("m is not in b", "m !in b[..]"),
    ("a contains x", "x in a"),
    ("t does not contain 'z'", "'z' !in t"),
    ("x is an element of s", "x in s"),
    ("x is in mp", "x in mp"),
    # comparisons in words
    ("m is at least x", "m >= x"),
    ("m is at most x + 1", "m <= x + 1"),
    ("m is greater than x", "m > x"),
    ("m is less than x", "m < x"),
    ("m is greater than or equal to x", "m >= x"),
    ("m is less than or equal to x", "m <= x"),
    ("m is equal to x", "m == x"),
    ("m equals x", "m == x"),
    ("m is different from x", "m != x"),
    ("m is not at least x", "m < x"),
    ("m is between 0 and x", "0 <= m <= x"),
    ("m is not between 0 and x", "!(0 <= m <= x)"),
    ("m is positive", "m > 0"),
    ("m is negative", "m < 0"),
    ("m is non-negative", "m >= 0"),
    ("m is not zero", "m != 0"),
    # quantifiers
    ("every element of a is at most m", "forall j :: 0 <= j < |a| ==> a[j] <= m"),
    ("every element of b is positive", "forall j :: 0 <= j < b.Length ==> b[j] > 0"),
    ("some element of a is even", "exists j :: 0 <= j < |a| && a[j] % 2 == 0"),
    ("no element of a is negative", "forall j :: 0 <= j < |a| ==> a[j] >= 0"),
    ("all elements of a are in s", "forall j :: 0 <= j < |a| ==> a[j] in s"),
    ("every element of s is positive", "forall y :: y in s ==> y > 0"),
    ("every element y of a satisfies y > x", "forall y :: y in a ==> y > x"),
    ("every element y of b satisfies y > x", "forall y :: y in b[..] ==> y > x"),
    ("there is an index k of a such that a[k] == x",
     "exists k :: 0 <= k < |a| && a[k] == x"),
    ("there is no index k of a such that a[k] == x",
     "forall k :: 0 <= k < |a| ==> !(a[k] == x)"),
    ("for every index k of a, a[k] > 0", "forall k :: 0 <= k < |a| ==> a[k] > 0"),
    ("every integer k between 2 and x satisfies x % k != 0",
     "forall k :: 2 <= k <= x ==> x % k != 0"),
    ("forall k | 0 <= k < |a| :: a[k] > 0", "forall k | 0 <= k < |a| :: a[k] > 0"),
    # sortedness, permutation, distinctness
    ("a is sorted", "forall j, k :: 0 <= j < k < |a| ==> a[j] <= a[k]"),
    ("a is sorted in descending order", "forall j, k :: 0 <= j < k < |a| ==> a[j] >= a[k]"),
    ("b is strictly sorted", "forall j, k :: 0 <= j < k < b.Length ==> b[j] < b[k]"),
    ("a is strictly sorted descending", "forall j, k :: 0 <= j < k < |a| ==> a[j] > a[k]"),
    ("a is not sorted", "!(forall j, k :: 0 <= j < k < |a| ==> a[j] <= a[k])"),
    ("a is a permutation of b", "multiset(a) == multiset(b[..])"),
    ("b is a permutation of old(b)", "multiset(b[..]) == multiset(old(b[..]))"),
    ("a is a permutation of ms", "multiset(a) == ms"),
    ("a has no duplicates", "forall j, k :: 0 <= j < k < |a| ==> a[j] != a[k]"),
    # count, sum, product, maximum, minimum
    ("m == the count of x in a", "m == Count(a, x)"),
    ("m == the number of occurrences of 'a' in t", "m == Count(t, 'a')"),
    ("m == the sum of a", "m == Sum(a)"),
    ("m == the sum of b", "m == Sum(b[..])"),
    ("m == sum of a[1..] + 1", "m == Sum(a[1..]) + 1"),
    ("m == the product of a", "m == Product(a)"),
    ("m == the maximum of a", "m == Max(a)"),
    ("the minimum of a is at most m", "Min(a) <= m"),
    # even, odd, divides
    ("m is even", "m % 2 == 0"),
    ("m is odd", "m % 2 == 1"),
    ("m is not odd", "m % 2 == 0"),
    ("x divides m", "x != 0 && m % x == 0"),
    ("3 divides m", "m % 3 == 0"),
    ("m is divisible by x + 1", "x + 1 != 0 && m % (x + 1) == 0"),
    ("x does not divide m", "!(x != 0 && m % x == 0)"),
    # logic
    ("if x > 0 then m == x", "x > 0 ==> m == x"),
    ("if x > 0 then m == x else m == 0", "if x > 0 then m == x else m == 0"),
    ("ok if and only if x is in a", "ok <==> x in a"),
    ("ok iff (m is even or m is odd)", "ok <==> m % 2 == 0 || m % 2 == 1"),
    ("m is even and m is positive or ok", "(m % 2 == 0 && m > 0) || ok"),
    ("not ok and (ok or m > 0)", "!ok && (ok || m > 0)"),
    ("not (m is in a)", "!(m in a)"),
    ("if ok then m is in a and m is even", "ok ==> m in a && m % 2 == 0"),
    ("x > 0 ==> x is positive ==> ok", "x > 0 ==> x > 0 ==> ok"),
    ("(x > 0 ==> ok) ==> m > 0", "(x > 0 ==> ok) ==> m > 0"),
    ("m == (x - 1) * (x + 1) - -x", "m == (x - 1) * (x + 1) - -x"),
    ("m == x - (i - 1)", "m == x - (i - 1)"),
    ("m == |mp.Keys|", "m == |mp.Keys|"),
    # Dafny inside English
    ("if ok then 0 <= m < |a| and a[m] == x", "ok ==> 0 <= m < |a| && a[m] == x"),
    ("every element y of a satisfies y in s && y != m", "forall y :: y in a ==> y in s && y != m"),
])
def test_each_phrase_renders_to_plain_dafny(clause: str, dafny: str) -> None:
    assert _dafny(clause) == dafny


def test_fresh_names_avoid_every_name_of_the_clause() -> None:
    # i is an input and j, k are bound by the user: the quantifier takes the next free name
    clause = "every element of a is at most i and (forall j, k :: j == k ==> ok)"
    assert _dafny(clause) == (
        "(forall i0 :: 0 <= i0 < |a| ==> a[i0] <= i) && (forall j, k :: j == k ==> ok)")


def test_nested_quantifiers_get_different_names() -> None:
    assert _dafny("every element of a is at most m and some element of a is even") == (
        "(forall j :: 0 <= j < |a| ==> a[j] <= m) && (exists k :: 0 <= k < |a| && a[k] % 2 == 0)")


def test_the_result_names_the_only_output() -> None:
    text = "spec S\n  input x: int\n  output r: int\n  ensures: the result is at least x\n"
    assert build(parse_spec_file(text).specs[0]).clauses[0].dafny == "r >= x"


MAX = """\
spec MaxElement
  "Return the largest element
  of a sequence."
  input a: seq<int>
  output m: int
  requires: a is not empty
  ensures: m == the maximum of a
  ensures: m in a
"""


def test_the_skeleton_has_helpers_signature_and_commented_clauses() -> None:
    spec = parse_spec_file(MAX.replace('of a sequence."', "").replace(
        '"Return the largest element\n', '"Return the largest element."\n')).specs[0]
    assert render(spec) == """\
ghost function Max(s: seq<int>): int
  requires |s| > 0
{
  if |s| == 1 then s[0] else var m := Max(s[1..]); if s[0] > m then s[0] else m
}

method MaxElement(a: seq<int>) returns (m: int)
  // a is not empty
  requires |a| > 0
  // m == the maximum of a
  ensures m == Max(a)
  ensures m in a
"""


def test_the_tagged_problem_has_every_section_in_order() -> None:
    text = ('spec Twice\n  "Double x.\\nExactly."\n  input x: int\n  output y: int\n'
            "  ensures: y == 2 * x\n")
    assert render_tagged(parse_spec_file(text).specs[0]) == """\
// <vc-description>
// Double x.\\nExactly.
// </vc-description>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method Twice(x: int) returns (y: int)
  ensures y == 2 * x
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
"""


def test_modifies_and_reads_frame_an_array_method() -> None:
    text = ("spec Zero\n  input a: array<int>\n  input b: array<int>\n  modifies: a\n"
            "  reads: b\n  ensures: every index k of a satisfies a[k] == 0\n")
    signature = build(parse_spec_file(text).specs[0]).signature
    assert signature.splitlines()[:3] == [
        "method Zero(a: array<int>, b: array<int>)", "  // reads b", "  modifies a"]


@pytest.mark.parametrize("clause, dafny", [
    ("m is the maximum of a", "m == Max(a)"),
    ("the result is the sum of the elements of a", "m == Sum(a)"),
    ("m is x + 1", "m == x + 1"),
    ("m is not x", "m != x"),
    ("ok is true", "ok == true"),
    ("a is non-empty", "|a| > 0"),
    ("a is nonempty", "|a| > 0"),
    ("x occurs in a", "x in a"),
    ("x does not occur in a", "x !in a"),
    ("m is a multiple of 3", "m % 3 == 0"),
    ("a has distinct elements", "forall j, k :: 0 <= j < k < |a| ==> a[j] != a[k]"),
    ("the elements of a are distinct", "forall j, k :: 0 <= j < k < |a| ==> a[j] != a[k]"),
    ("a is sorted in increasing order", "forall j, k :: 0 <= j < k < |a| ==> a[j] <= a[k]"),
    ("a is sorted in decreasing order", "forall j, k :: 0 <= j < k < |a| ==> a[j] >= a[k]"),
    ("all elements y of a satisfy y > 0", "forall y :: y in a ==> y > 0"),
    ("for all indices k of a, a[k] > 0", "forall k :: 0 <= k < |a| ==> a[k] > 0"),
    ("there exists an element y of s such that y > x", "exists y :: y in s && y > x"),
    ("some element y of a satisfies y == x", "exists y :: y in a && y == x"),
])
def test_common_variants_of_the_phrases(clause: str, dafny: str) -> None:
    assert _dafny(clause.replace("the result", "m")) == dafny


@pytest.mark.parametrize("clause, dafny", [
    ("m == 0 if a is empty", "|a| == 0 ==> m == 0"),
    ("m is the largest element of a", "m == Max(a)"),
    ("m is the smallest value of b", "m == Min(b[..])"),
    ("m == max of a + min of a", "m == Max(a) + Min(a)"),
    ("a has the same length as b", "|a| == b.Length"),
])
def test_more_variants(clause: str, dafny: str) -> None:
    assert _dafny(clause) == dafny


@pytest.mark.parametrize("clause, dafny", [
    ("m == the number of elements of a that are positive", "m == CountIf(a, y => y > 0)"),
    ("m is the count of elements of b that are not at least x",
     "m == CountIf(b[..], y => y < x)"),
    ("m == the number of elements of a that are in s", "m == CountIf(a, y => y in s)"),
    ("m == the number of elements of t that are between 'a' and 'z'",
     "m == CountIf(t, y => 'a' <= y <= 'z')"),
    ("m == the number of elements of a that are odd", "m == CountIf(a, y => y % 2 == 1)"),
])
def test_counting_the_elements_that_pass_a_test(clause: str, dafny: str) -> None:
    assert _dafny(clause) == dafny


DESIGN_EXAMPLE = """\
spec MaxElement
  "Return the largest element of a non-empty sequence of integers."
  input a: seq<int>
  output m: int
  requires: a is not empty
  ensures: m is in a
  ensures: every element of a is at most m
  example: a = [3, 7, 2] -> m = 7
  example: a = [-1] -> m = -1

spec Clamp
  input x: int
  input lo: int
  input hi: int
  output y: int
  requires: lo is at most hi
  ensures: y is between lo and hi
  ensures: if x is between lo and hi then y == x
  example: x = 5, lo = 0, hi = 3 -> y = 3
"""


def test_the_example_of_the_design_renders_as_the_design_shows() -> None:
    first, second = parse_spec_file(DESIGN_EXAMPLE).specs
    lines = [line for line in render(first).splitlines() if not line.strip().startswith("//")]
    assert lines == [
        "method MaxElement(a: seq<int>) returns (m: int)",
        "  requires |a| > 0",
        "  ensures m in a",
        "  ensures forall i :: 0 <= i < |a| ==> a[i] <= m",
    ]
    assert [c.dafny for c in build(second).clauses] == [
        "lo <= hi", "lo <= y <= hi", "lo <= x <= hi ==> y == x"]
