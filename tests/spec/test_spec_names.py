"""Name and type checks: unknown names, phrases on the wrong type, binders that would
hide a name, and examples that do not fit their spec; all with file:line:column."""

from __future__ import annotations

import pytest

from vericode.errors import BadInput
from vericode.spec import parse_spec_file
from vericode.spec.formalize import skeletons

HEADER = "spec S\n  input a: seq<int>\n  input x: int\n  input b: array<int>\n  output m: int\n"


def _error(lines: str) -> str:
    text = HEADER + lines
    with pytest.raises(BadInput) as caught:
        skeletons(parse_spec_file(text, "s.spec"))
    return caught.value.message


def test_an_unknown_name_is_an_error_with_a_suggestion() -> None:
    message = _error("  ensures: m is in aa\n")
    assert message.splitlines()[0] == "s.spec:6:20: unknown name `aa`"
    assert "did you mean `a`" in message


@pytest.mark.parametrize("clause, column, words", [
    ("x is sorted", 12, "`is sorted` needs a sequence, array or string, but this is int"),
    ("a is even", 12, "`is even` needs a number, but this is seq<int>"),
    ("x is empty", 12, "`is empty` needs a collection"),
    ("m == the sum of x", 28, "`sum of` needs a sequence, array or string, but this is int"),
    ("x is a permutation of a", 12, "`is a permutation of` needs"),
    ("m is in x", 20, "membership (`in`) needs a collection"),
    ("every element y of x satisfies y > 0", 31, "`element … of` needs"),
    ("a is at least 3", 12, "`is at least` needs a number or char, but this is seq<int>"),
    ("m && x > 0", 12, "a condition needs bool, but this is int"),
    ("|b| > 0", 13, "`|…|` needs seq or string or set or multiset or map, but this is array<int>"),
])
def test_a_phrase_on_the_wrong_type_is_an_error_at_its_subject(
        clause: str, column: int, words: str) -> None:
    message = _error(f"  ensures: {clause}\n")
    assert message.startswith(f"s.spec:6:{column}: ")
    assert words in message.splitlines()[0]


def test_a_quantifier_may_not_hide_a_name_of_the_spec() -> None:
    message = _error("  ensures: every element x of a satisfies x > 0\n")
    assert "`x` already names something in this spec" in message


def test_the_result_needs_exactly_one_output() -> None:
    text = ("spec S\n  input a: int\n  output p: int\n  output q: int\n"
            "  ensures: the result > a\n")
    with pytest.raises(BadInput, match="`the result` needs exactly one output"):
        skeletons(parse_spec_file(text))


def test_bound_names_are_visible_only_inside_their_quantifier() -> None:
    message = _error("  ensures: (forall k :: k > 0) && k > 1\n")
    assert "unknown name `k`" in message


@pytest.mark.parametrize("example, words", [
    ("a = [1], x = 2, b = [1] -> m = true", "`m` is a int, but this value is a bool"),
    ("a = [1], b = [1] -> m = 1", "gives no value for input `x`"),
    ("a = [1], x = 1, b = [1], y = 2 -> m = 1", "`y` is not an input of S"),
    ("a = [1], x = x, b = [1] -> m = 1", "an example value must be a literal"),
])
def test_examples_must_fit_the_spec(example: str, words: str) -> None:
    assert words in _error(f"  example: {example}\n")


def test_frames_name_arrays() -> None:
    assert "`modifies: a` needs an array input named a" in _error("  modifies: a\n")


def test_old_is_only_for_ensures() -> None:
    assert "`old(…)` only makes sense in ensures:" in _error("  requires: old(x) > 0\n")


def test_a_define_block_may_not_take_a_helper_name() -> None:
    message = _error("  define:\n    ghost function Sum(s: seq<int>): int { 0 }\n")
    assert "define: declares `Sum`" in message


def test_requires_cannot_mention_an_output() -> None:
    assert "requires: cannot mention an output" in _error("  requires: m > 0\n")


@pytest.mark.parametrize("text, where, words", [
    ("spec Sum\n  input a: seq<int>\n  output s: int\n  ensures: s == the sum of a\n",
     "1:6", "`Sum` cannot name a spec: it is a helper function"),
    ("spec method\n  input a: int\n  output s: int\n", "1:6", "it is a Dafny keyword"),
    ("spec F\n  input a: int\n  output s: int\n  define: function F(k: int): int { k }\n",
     "1:6", "a define: block declares it too"),
    ("spec A\n  input var: int\n  output s: int\n", "2:9",
     "`var` cannot name a parameter: it is a Dafny keyword"),
    ("spec A\n  input a: seq<int>\n  output r: bool\n"
     "  ensures: r iff forall var :: var in a ==> var > 0\n", "4:18",
     "`var` is a Dafny keyword: the quantifier needs another name"),
    ('spec A\n  input x: string\n  output y: bool\n  ensures: y iff x == "h\u00e9llo"\n', "4:23",
     "`\u00e9` in a string literal: Dafny reads only ASCII there; write it as \\u00e9"),
    ("spec A\n  input c: char\n  output y: bool\n  example: c = '\u00e9' -> y = true\n", "4:16",
     "in a char literal"),
    ("spec A\n  input x: int\n  output y: int\n\nspec A\n  input x: int\n  output y: int\n",
     "5:6", "a second spec named A in this file"),
    ("spec A\n  input a: array<int>\n  modifies: a\n"
     "  ensures: every index i of a satisfies a[i] == old(a)[i] + 1\n", "4:49",
     "`old(a)` is the array `a` itself in Dafny, not its contents before the call"),
    ("spec A\n  input a: array<int>\n  modifies: a\n  ensures: a[..] == old(a)[..]\n", "4:21",
     "`old(a)` is the array `a` itself"),
])
def test_names_dafny_reserves_and_non_ascii_literals_are_errors(
        text: str, where: str, words: str) -> None:
    with pytest.raises(BadInput) as caught:
        skeletons(parse_spec_file(text, "r.spec"))
    first = caught.value.message.splitlines()[0]
    assert first.startswith(f"r.spec:{where}: ") and words in first


def test_the_escape_the_message_advises_is_read_in_strings_and_chars() -> None:
    text = ("spec A\n  input c: char\n  input s: string\n  output y: bool\n"
            "  ensures: y iff c == '\\u00e9' and s == \"h\\u00e9\"\n"
            "  example: c = '\\u00e9', s = \"h\\u00e9\" -> y = true\n")
    (skeleton,) = skeletons(parse_spec_file(text, "e.spec"))
    assert "ensures y <==> c == '\\u00e9' && s == \"h\\u00e9\"" in skeleton.text
