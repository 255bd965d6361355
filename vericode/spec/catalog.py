"""The phrase table: every English phrase the grammar reads, by family, each with a
clause that uses it.

One table serves three readers: error messages suggest its phrases (``errors``),
``vericode phrases`` lists them, and ``docs/spec-language.md`` is generated from it
(``vericode.spec.reference``), where each example is parsed and rendered to Dafny,
so an example that stops working fails the reference's test.

The examples are clauses of one spec, ``CONTEXT``: its names are what they may use.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT = """\
spec Context
  input a: seq<int>
  input b: seq<int>
  input s: string
  input x: int
  input k: int
  input lo: int
  input hi: int
  input t: set<int>
  output y: int
"""
"""The spec every example is a clause of (``the result`` is its one output, ``y``)."""


@dataclass(frozen=True)
class Phrase:
    family: str
    words: str
    """The phrase as suggestions name it: ``is at least``."""
    example: str
    """A clause that uses it, over the names of ``CONTEXT``."""


FAMILIES: dict[str, str] = {
    "emptiness and length": "How many elements a sequence, string, set or map has.",
    "membership": "Whether a value is an element of a collection.",
    "comparisons in words": "Numbers (and characters) compared in words; `bigger` and "
                            "`larger` mean `greater`, `smaller` and `fewer` mean `less`.",
    "signs and divisibility": "Signs, parity and divisors of integers.",
    "every / some element": "Quantifiers over the elements or indices of a collection, or "
                            "a range of integers. The subject form (`every element of a is "
                            "positive`) may name its element (`every element x of a`) and "
                            "keep to some elements with a relative clause (`that is …`); "
                            "quantifiers nest.",
    "order": "Sorted sequences, permutations, subsequences, reversal, palindromes.",
    "counting": "How often a value occurs, how many elements pass a test.",
    "aggregates": "Sum, product, maximum and minimum of a sequence of integers (rendered "
                  "with helper functions the skeleton defines).",
    "logic": "Conditions joined in words; Dafny's `&&`, `||`, `!`, `==>`, `<==>` work too.",
    "outputs": "Naming the output.",
}
"""Each family of phrases and what it is for, in the order the reference shows them."""


def _family(family: str, *rows: tuple[str, str]) -> tuple[Phrase, ...]:
    assert family in FAMILIES, family
    return tuple(Phrase(family, words, example) for words, example in rows)


PHRASE_TABLE: tuple[Phrase, ...] = (
    *_family("emptiness and length",
             ("is empty", "a is empty"),
             ("is not empty", "a is not empty"),
             ("is non-empty", "s is non-empty"),
             ("has length", "a has length 3"),
             ("has the same length as", "a has the same length as b"),
             ("the length of", "the length of a is at least 2"),
             ("the size of", "the size of t == 2"),
             ("has at least", "a has at least 2 elements"),
             ("has at least K distinct elements", "a has at least 2 distinct elements"),
             ("has exactly", "a has exactly k elements"),
             ("has more than", "a has more than k distinct elements")),
    *_family("membership",
             ("is in", "x is in a"),
             ("is not in", "x is not in t"),
             ("is an element of", "x is an element of b"),
             ("contains", "a contains x"),
             ("does not contain", "s does not contain 'z'"),
             ("occurs in", "x occurs in a"),
             ("does not occur in", "x does not occur in b")),
    *_family("comparisons in words",
             ("is at least", "y is at least x"),
             ("is at most", "y is at most x"),
             ("is greater than", "y is greater than x"),
             ("is bigger than", "y is bigger than x"),
             ("is less than", "y is less than x"),
             ("is smaller than", "y is smaller than x"),
             ("is greater than or equal to", "y is greater than or equal to x"),
             ("is less than or equal to", "y is less than or equal to x"),
             ("is equal to", "y is equal to x"),
             ("is different from", "y is different from x"),
             ("equals", "y equals x + 1"),
             ("is between", "y is between lo and hi")),
    *_family("signs and divisibility",
             ("is positive", "x is positive"),
             ("is negative", "x is negative"),
             ("is non-negative", "x is non-negative"),
             ("is zero", "x is zero"),
             ("is even", "x is even"),
             ("is odd", "x is odd"),
             ("divides", "k divides x"),
             ("does not divide", "k does not divide x"),
             ("is divisible by", "x is divisible by 3"),
             ("is a multiple of", "x is a multiple of k")),
    *_family("every / some element",
             ("every element of", "every element of a is positive"),
             ("some element of", "some element of a is even"),
             ("no element of", "no element of a is negative"),
             ("all elements of", "all elements of a are at most 9"),
             ("every element x of", "every element z of a satisfies z > 0"),
             ("all elements x of", "all elements z of a satisfy z >= lo"),
             ("every element x of … is", "there is an element z of a such that every "
                                         "element w of a is at most z"),
             ("that is", "every element of a that is positive is at most hi"),
             ("that are", "all elements z of a that are even are in b"),
             ("every index i of", "every index i of a satisfies a[i] >= i"),
             ("for every index i of", "for every index i of a, a[i] != x"),
             ("there is an index i of", "there is an index i of a such that a[i] == x"),
             ("there exists an index i of", "there exists an index i of a with a[i] > 0"),
             ("there is an element x of", "there is an element z of a such that z > x"),
             ("there is an element of … that is",
              "there is an element of a that is bigger than x"),
             ("there is no element x of", "there is no element z of a such that z == x"),
             ("every integer k between", "every integer j between 2 and x - 1 satisfies "
                                         "x % j != 0"),
             ("satisfies", "every element z of b satisfies z != x"),
             ("such that", "there is an index i of b such that b[i] == 0")),
    *_family("order",
             ("is sorted", "a is sorted"),
             ("is sorted ascending", "a is sorted ascending"),
             ("is sorted descending", "a is sorted descending"),
             ("is strictly sorted", "a is strictly sorted"),
             ("is sorted in ascending order", "a is sorted in ascending order"),
             ("is sorted in descending order", "b is sorted in descending order"),
             ("is sorted in increasing order", "a is sorted in increasing order"),
             ("is a permutation of", "a is a permutation of b"),
             ("has no duplicates", "a has no duplicates"),
             ("has distinct elements", "b has distinct elements"),
             ("is a palindrome", "s is a palindrome"),
             ("the reverse of", "b is the reverse of a"),
             ("is a subsequence of", "b is a subsequence of a"),
             ("keeps the order of", "b keeps the order of a")),
    *_family("counting",
             ("the count of", "the count of x in a is at least 1"),
             ("the number of occurrences of", "the number of occurrences of 'a' in s == 2"),
             ("the number of elements of", "the number of elements of a that are "
                                           "positive == y")),
    *_family("aggregates",
             ("the sum of", "y == the sum of a"),
             ("the product of", "y == the product of b"),
             ("the maximum of", "a is not empty implies y == the maximum of a"),
             ("the minimum of", "a is not empty implies y == the minimum of a"),
             ("the largest element of", "a is not empty implies y == the largest element "
                                        "of a"),
             ("the smallest element of", "a is not empty implies y is the smallest element "
                                         "of a")),
    *_family("logic",
             ("and", "x is positive and y is positive"),
             ("or", "x is positive or y == 0"),
             ("not", "not (x is in a)"),
             ("implies", "x is positive implies y is positive"),
             ("if", "y == x if x is positive"),
             ("then", "if x is even then y == 0"),
             ("else", "if x > 0 then y == x else y == -x"),
             ("if and only if", "y == 0 if and only if x is even"),
             ("iff", "y == 1 iff x is in t")),
    *_family("outputs",
             ("the result", "the result is at least x")),
)
"""Every phrase, by family."""

PHRASES: tuple[str, ...] = tuple(p.words for p in PHRASE_TABLE)
"""The phrases a suggestion may name (the readable forms of the grammar)."""


def matching(word: str) -> list[Phrase]:
    """The phrases whose words, family or example mention ``word`` (all for none)."""
    wanted = word.lower().strip()
    return [p for p in PHRASE_TABLE
            if wanted in p.words or wanted in p.family or wanted in p.example.lower()]
