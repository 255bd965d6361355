"""Typing rules of the English phrases: each says which types its subject may have,
so that `x is sorted` for an int is an error at `x`, not a Dafny message later."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vericode.spec import nodes as n
from vericode.spec.errors import SpecError
from vericode.spec.names import TypeCheckerBase, collection_of, element_type, sequence_of
from vericode.spec.types import BOOL, INT, NAT, NUMBERS, SEQUENCES, STRING, DType, fits, seq_of

Rule = Callable[[TypeCheckerBase, Any], DType]


def _emptiness(c: TypeCheckerBase, e: n.Emptiness) -> DType:
    collection_of(c, e.subject, "`is empty`")
    return BOOL


def _word_comparison(c: TypeCheckerBase, e: n.WordComparison) -> DType:
    if e.op not in ("==", "!="):
        c.expect(e.subject, f"`{_words(e.op)}`", *NUMBERS, "char")
    c.same(e.subject, e.other, f"`{_words(e.op)}`")
    return BOOL


def _words(op: str) -> str:
    return {">=": "is at least", "<=": "is at most", ">": "is greater than",
            "<": "is less than", "==": "is equal to", "!=": "is different from"}[op]


def _between(c: TypeCheckerBase, e: n.Between) -> DType:
    c.expect(e.subject, "`is between`", *NUMBERS, "char")
    c.same(e.subject, e.lo, "`is between`")
    c.same(e.subject, e.hi, "`is between`")
    return BOOL


def _parity(c: TypeCheckerBase, e: n.Parity) -> DType:
    c.number(e.subject, "`is even`" if e.even else "`is odd`")
    return BOOL


def _sign(c: TypeCheckerBase, e: n.Sign) -> DType:
    c.number(e.subject, f"`is {e.sign}`")
    return BOOL


def _divisibility(c: TypeCheckerBase, e: n.Divisibility) -> DType:
    c.number(e.divisor, "`divides`")
    c.number(e.dividend, "`divides`")
    return BOOL


def _sortedness(c: TypeCheckerBase, e: n.Sortedness) -> DType:
    subject = sequence_of(c, e.subject, "`is sorted`")
    element = element_type(subject)
    if not element.is_(*NUMBERS, "char"):
        raise SpecError(e.subject.line, e.subject.column,
                        f"`is sorted` needs numbers or characters to order, not {element}")
    return BOOL


def _permutation(c: TypeCheckerBase, e: n.Permutation) -> DType:
    a = c.expect(e.subject, "`is a permutation of`", "seq", "array", "string", "multiset")
    b = c.expect(e.other, "`is a permutation of`", "seq", "array", "string", "multiset")
    if not fits(element_type(a), element_type(b)):
        raise SpecError(e.other.line, e.other.column,
                        f"`is a permutation of` compares a {a} with a {b}")
    return BOOL


def _distinctness(c: TypeCheckerBase, e: n.Distinctness) -> DType:
    sequence_of(c, e.subject, "`has no duplicates`")
    return BOOL


def _length_is(c: TypeCheckerBase, e: n.LengthIs) -> DType:
    collection_of(c, e.subject, "`has length`")
    c.number(e.length, "`has length`")
    return BOOL


def _aggregate(c: TypeCheckerBase, e: n.Aggregate) -> DType:
    subject = sequence_of(c, e.operand, f"`{e.kind} of`")
    element = element_type(subject)
    if not element.is_("int", "nat"):
        raise SpecError(e.operand.line, e.operand.column,
                        f"`{e.kind} of` needs a sequence or array of integers, not {subject}")
    return INT


def _length_of(c: TypeCheckerBase, e: n.LengthOf) -> DType:
    collection_of(c, e.operand, "`length of`")
    return INT


def _count_of(c: TypeCheckerBase, e: n.CountOf) -> DType:
    coll = sequence_of(c, e.collection, "`count of … in`")
    item = c.infer(e.item)
    if not fits(element_type(coll), item):
        raise SpecError(e.item.line, e.item.column, f"`count of` looks for a {item} in a {coll}")
    return INT


def _count_where(c: TypeCheckerBase, e: n.CountWhere) -> DType:
    coll = sequence_of(c, e.collection, "`the number of elements of`")
    c.scope.elements.append(element_type(coll))
    try:
        c.boolean(e.test)
    finally:
        c.scope.elements.pop()
    return NAT


def _palindrome(c: TypeCheckerBase, e: n.Palindrome) -> DType:
    sequence_of(c, e.subject, "`is a palindrome`")
    return BOOL


def _subsequence(c: TypeCheckerBase, e: n.Subsequence) -> DType:
    a = sequence_of(c, e.subject, "`is a subsequence of`")
    b = sequence_of(c, e.other, "`is a subsequence of`")
    if not fits(element_type(a), element_type(b)):
        raise SpecError(e.other.line, e.other.column,
                        f"`is a subsequence of` compares a {a} with a {b}")
    return BOOL


def _element_count(c: TypeCheckerBase, e: n.ElementCount) -> DType:
    if e.distinct:
        c.expect(e.subject, "`has … distinct elements`", *SEQUENCES, "set")
    else:
        collection_of(c, e.subject, "`has … elements`")
    c.number(e.count, "`has … elements`")
    return BOOL


def _reverse(c: TypeCheckerBase, e: n.Reverse) -> DType:
    subject = sequence_of(c, e.operand, "`the reverse of`")
    return STRING if subject.name == "string" else seq_of(element_type(subject))


PHRASE_RULES: dict[type[n.Expr], Rule] = {
    n.Palindrome: _palindrome, n.Subsequence: _subsequence,
    n.ElementCount: _element_count, n.Reverse: _reverse,
    n.Emptiness: _emptiness, n.WordComparison: _word_comparison, n.Between: _between,
    n.Parity: _parity, n.Sign: _sign, n.Divisibility: _divisibility,
    n.Sortedness: _sortedness, n.Permutation: _permutation, n.Distinctness: _distinctness,
    n.LengthIs: _length_is, n.Aggregate: _aggregate, n.LengthOf: _length_of,
    n.CountOf: _count_of, n.CountWhere: _count_where,
}
