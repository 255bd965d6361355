"""The syntax tree of a clause: one class per rule of ``spec.lark``.

Rule ``word_comparison`` builds a ``WordComparison``, rule ``sortedness`` a
``Sortedness``, and so on; a few grammar aliases fold into one class (``containment``
and ``membership_op`` are ``Membership``s, ``not_words`` and ``not_op`` are ``Not``s,
``binary_arith`` and ``iff_words`` are ``Binary``s). Every node keeps the line and
column where its text starts, so a name error points at the word.
"""

from __future__ import annotations

from typing import Literal as Choice

from pydantic import BaseModel, ConfigDict

from vericode.spec.types import DType


class Node(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    line: int
    column: int


class Expr(Node):
    """Any clause or part of one."""


class Name(Expr):
    name: str


class Literal(Expr):
    text: str
    """As written in Dafny: ``3``, ``"abc"``, ``'c'``, ``true``."""
    kind: Choice["int", "string", "char", "bool"]


class TheResult(Expr):
    """``the result``: the spec's only output."""


class ElementRef(Expr):
    """The element an ``every element of a`` subject talks about (bound when rendered)."""


class Binary(Expr):
    op: str
    """A Dafny operator: ``<==>``, ``==>``, ``&&``, ``||``, ``+``, ``-``, ``*``, ``/``, ``%``."""
    left: Expr
    right: Expr


class Chain(Expr):
    """Dafny comparisons, possibly chained: ``0 <= i < |a|``."""

    operands: tuple[Expr, ...]
    ops: tuple[str, ...]


class Not(Expr):
    operand: Expr


class Negative(Expr):
    operand: Expr


class Index(Expr):
    target: Expr
    index: Expr


class Slice(Expr):
    target: Expr
    lo: Expr | None
    hi: Expr | None


class Member(Expr):
    target: Expr
    field: str


class Call(Expr):
    func: str
    args: tuple[Expr, ...]


class Cardinality(Expr):
    operand: Expr


class Display(Expr):
    kind: Choice["seq", "set", "multiset"]
    items: tuple[Expr, ...]


class MapDisplay(Expr):
    items: tuple[tuple[Expr, Expr], ...]


class Old(Expr):
    operand: Expr


class IfThen(Expr):
    """``if c then t`` (an implication) or ``if c then t else e`` (a choice)."""

    cond: Expr
    then: Expr
    otherwise: Expr | None


class BoundVar(Node):
    name: str
    type: DType | None


class DafnyQuantifier(Expr):
    kind: Choice["forall", "exists"]
    vars: tuple[BoundVar, ...]
    range: Expr | None
    body: Expr


class Lambda(Expr):
    """``x => x > 0``: a function argument (``CountIf(a, x => x > 0)``)."""

    var: BoundVar
    body: Expr


class Quantified(Expr):
    """English quantifiers: ``every element x of a satisfies …``, ``there is an index i
    of a such that …``, ``every integer k between lo and hi satisfies …``, and the
    subject form ``every element of a is …`` (``var`` None, body about ``ElementRef``)."""

    quantifier: Choice["every", "some", "no"]
    kind: Choice["element", "index", "integer"]
    var: str | None
    domain: Expr | None
    lo: Expr | None = None
    hi: Expr | None = None
    body: Expr


class ElementOf(Expr):
    """``every element of a``: a subject that becomes a ``Quantified`` around its phrase;
    ``every element x of a that is positive``: with the variable named (the phrase is
    about ``x``) and a relative clause (``where``, a phrase about the element)."""

    quantifier: Choice["every", "some", "no"]
    domain: Expr
    kind: Choice["element", "index"] = "element"
    var: str | None = None
    where: Expr | None = None


# ---- phrases ---------------------------------------------------------------------


class Emptiness(Expr):
    subject: Expr
    negated: bool


class Membership(Expr):
    element: Expr
    collection: Expr
    negated: bool


class WordComparison(Expr):
    subject: Expr
    op: str
    """The Dafny operator it means: ``>=``, ``<=``, ``>``, ``<``, ``==``, ``!=``."""
    other: Expr
    negated: bool


class Between(Expr):
    subject: Expr
    lo: Expr
    hi: Expr
    negated: bool


class Parity(Expr):
    subject: Expr
    even: bool
    negated: bool


class Sign(Expr):
    subject: Expr
    sign: Choice["positive", "negative", "nonnegative", "zero"]
    negated: bool


class Divisibility(Expr):
    divisor: Expr
    dividend: Expr
    negated: bool


class Sortedness(Expr):
    subject: Expr
    descending: bool
    strict: bool
    negated: bool


class Permutation(Expr):
    subject: Expr
    other: Expr
    negated: bool


class Distinctness(Expr):
    subject: Expr


class LengthIs(Expr):
    subject: Expr
    length: Expr


class Aggregate(Expr):
    kind: Choice["sum", "product", "maximum", "minimum"]
    operand: Expr


class LengthOf(Expr):
    operand: Expr


class CountOf(Expr):
    item: Expr
    collection: Expr


class CountWhere(Expr):
    """``the number of elements of a that are positive``: ``test`` is a phrase about
    ``ElementRef``."""

    collection: Expr
    test: Expr


class Palindrome(Expr):
    """``s is a palindrome``: it reads the same backwards."""

    subject: Expr
    negated: bool


class Subsequence(Expr):
    """``b is a subsequence of a`` / ``b keeps the order of a``: the elements of ``b``
    occur in ``a`` in the same order (not necessarily side by side)."""

    subject: Expr
    other: Expr
    negated: bool


class ElementCount(Expr):
    """``a has at least 3 (distinct) elements``."""

    subject: Expr
    op: str
    """The Dafny operator the count is compared with: ``>=``, ``<=``, ``==``, …"""
    count: Expr
    distinct: bool


class Reverse(Expr):
    """``the reverse of a``: a sequence, last element first."""

    operand: Expr


def children(node: Expr) -> list[Expr]:
    """The sub-expressions of a node, in source order."""
    out: list[Expr] = []
    for field in type(node).model_fields:
        value = getattr(node, field)
        if isinstance(value, Expr):
            out.append(value)
        elif isinstance(value, tuple):
            out.extend(_flatten(value))
    return out


def _flatten(values: tuple[object, ...]) -> list[Expr]:
    out: list[Expr] = []
    for value in values:
        if isinstance(value, Expr):
            out.append(value)
        elif isinstance(value, tuple):
            out.extend(_flatten(value))
    return out


def walk(node: Expr) -> list[Expr]:
    """The node and all its descendants (iteratively, so deep clauses do not overflow)."""
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(reversed(children(current)))
    return out
