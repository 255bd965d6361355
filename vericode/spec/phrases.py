"""How each English phrase renders to Dafny.

The forms are the ones a Dafny programmer would write by hand: ``|a| > 0`` for "a is
not empty", ``lo <= y <= hi`` for "y is between lo and hi", ``multiset(b) ==
multiset(a)`` for a permutation, a ``forall i, j`` for sortedness, and calls of the
skeleton's helper functions for sums, products, extremes and counts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vericode.spec import nodes as n
from vericode.spec.render_base import ADD, ATOM, LOGIC, LOW, MUL, REL, UNARY, Out, RendererBase

Rule = Callable[[RendererBase, Any], Out]

_NEGATE = {">=": "<", "<=": ">", ">": "<=", "<": ">=", "==": "!=", "!=": "=="}
_AGGREGATES = {"sum": "Sum", "product": "Product", "maximum": "Max", "minimum": "Min"}
_SIGNS = {"positive": (">", "0"), "negative": ("<", "0"), "nonnegative": (">=", "0"),
          "zero": ("==", "0")}


def _not(out: Out, negated: bool) -> Out:
    if not negated:
        return out
    return Out(f"!{out.text}" if out.prec >= UNARY else f"!({out.text})", UNARY)


def _compare(r: RendererBase, left: n.Expr | Out, op: str, right: n.Expr | Out,
             negated: bool = False) -> Out:
    op = _NEGATE[op] if negated else op
    return Out(f"{r.wrap(left, ADD)} {op} {r.wrap(right, ADD)}", REL)


def _emptiness(r: RendererBase, e: n.Emptiness) -> Out:
    return Out(f"{r.length(e.subject).text} {'>' if e.negated else '=='} 0", REL)


def _membership(r: RendererBase, e: n.Membership) -> Out:
    op = "!in" if e.negated else "in"
    collection = r.wrap(r.as_sequence(e.collection), ADD)
    return Out(f"{r.wrap(e.element, ADD)} {op} {collection}", REL)


def _word_comparison(r: RendererBase, e: n.WordComparison) -> Out:
    return _compare(r, e.subject, e.op, e.other, e.negated)


def _between(r: RendererBase, e: n.Between) -> Out:
    text = f"{r.wrap(e.lo, ADD)} <= {r.wrap(e.subject, ADD)} <= {r.wrap(e.hi, ADD)}"
    return _not(Out(text, REL), e.negated)


def _parity(r: RendererBase, e: n.Parity) -> Out:
    remainder = "0" if e.even != e.negated else "1"
    return Out(f"{r.wrap(e.subject, MUL)} % 2 == {remainder}", REL)


def _sign(r: RendererBase, e: n.Sign) -> Out:
    op, zero = _SIGNS[e.sign]
    return _compare(r, e.subject, op, Out(zero, ATOM), e.negated)


def _divisibility(r: RendererBase, e: n.Divisibility) -> Out:
    remainder = f"{r.wrap(e.dividend, MUL)} % {r.wrap(e.divisor, UNARY)} == 0"
    literal = isinstance(e.divisor, n.Literal) and e.divisor.text.strip("0") != ""
    nonzero = f"{r.wrap(e.divisor, ADD)} != 0"
    out = Out(remainder, REL) if literal else Out(f"{nonzero} && {remainder}", LOGIC, "&&")
    return _not(out, e.negated)


def _pairwise(r: RendererBase, subject: n.Expr, op: str) -> Out:
    """``forall i, j :: 0 <= i < j < |a| ==> a[i] OP a[j]``."""
    i, j = r.fresh("i"), r.fresh("i")
    length = r.length(subject).text
    left, right = r.element_at(subject, i).text, r.element_at(subject, j).text
    return Out(f"forall {i}, {j} :: 0 <= {i} < {j} < {length} ==> {left} {op} {right}", LOW)


def _sortedness(r: RendererBase, e: n.Sortedness) -> Out:
    op = (">" if e.descending else "<") + ("" if e.strict else "=")
    return _not(_pairwise(r, e.subject, op), e.negated)


def _distinctness(r: RendererBase, e: n.Distinctness) -> Out:
    return _pairwise(r, e.subject, "!=")


def _as_multiset(r: RendererBase, e: n.Expr) -> str:
    if r.type_of(e).name == "multiset":
        return r.wrap(e, ADD)
    return f"multiset({r.as_sequence(e).text})"


def _permutation(r: RendererBase, e: n.Permutation) -> Out:
    op = "!=" if e.negated else "=="
    return Out(f"{_as_multiset(r, e.subject)} {op} {_as_multiset(r, e.other)}", REL)


def _length_is(r: RendererBase, e: n.LengthIs) -> Out:
    return _compare(r, r.length(e.subject), "==", e.length)


def _aggregate(r: RendererBase, e: n.Aggregate) -> Out:
    name = r.helper(_AGGREGATES[e.kind])
    return Out(f"{name}({r.as_sequence(e.operand).text})", ATOM)


def _length_of(r: RendererBase, e: n.LengthOf) -> Out:
    return r.length(e.operand)


def _count_of(r: RendererBase, e: n.CountOf) -> Out:
    name = r.helper("Count")
    return Out(f"{name}({r.as_sequence(e.collection).text}, {r.render(e.item).text})", ATOM)


def _count_where(r: RendererBase, e: n.CountWhere) -> Out:
    name = r.helper("CountIf")
    var = r.fresh("x")
    with r.binding(None, r.domain_element(e.collection), lambda: Out(var, ATOM)):
        test = r.render(e.test).text
    return Out(f"{name}({r.as_sequence(e.collection).text}, {var} => {test})", ATOM)


def _palindrome(r: RendererBase, e: n.Palindrome) -> Out:
    """Every index reads the same from both ends, as a quantifier (written out case by
    case in a check program, like the user's own)."""
    i = r.fresh("i")
    where = {"line": e.line, "column": e.column}
    index = n.Name(**where, name=i)
    last = n.Binary(**where, op="-", left=n.LengthOf(**where, operand=e.subject),
                    right=n.Literal(**where, text="1", kind="int"))
    mirror = n.Binary(**where, op="-", left=last, right=index)
    body = n.Chain(**where, operands=(n.Index(**where, target=e.subject, index=index),
                                      n.Index(**where, target=e.subject, index=mirror)),
                   ops=("==",))
    every = n.Quantified(**where, quantifier="every", kind="index", var=i,
                         domain=e.subject, body=body)
    return _not(r.render(every), e.negated)


def _subsequence(r: RendererBase, e: n.Subsequence) -> Out:
    name = r.helper("IsSubsequence")
    text = f"{name}({r.as_sequence(e.subject).text}, {r.as_sequence(e.other).text})"
    return _not(Out(text, ATOM), e.negated)


def _element_count(r: RendererBase, e: n.ElementCount) -> Out:
    size = r.length(e.subject)
    if e.distinct and r.type_of(e.subject).name != "set":
        size = Out(f"{r.helper('DistinctCount')}({r.as_sequence(e.subject).text})", ATOM)
    return _compare(r, size, e.op, e.count)


def _reverse(r: RendererBase, e: n.Reverse) -> Out:
    return Out(f"{r.helper('Reversed')}({r.as_sequence(e.operand).text})", ATOM)


PHRASES: dict[type[n.Expr], Rule] = {
    n.Palindrome: _palindrome, n.Subsequence: _subsequence,
    n.ElementCount: _element_count, n.Reverse: _reverse,
    n.Emptiness: _emptiness, n.Membership: _membership, n.WordComparison: _word_comparison,
    n.Between: _between, n.Parity: _parity, n.Sign: _sign, n.Divisibility: _divisibility,
    n.Sortedness: _sortedness, n.Distinctness: _distinctness, n.Permutation: _permutation,
    n.LengthIs: _length_is, n.Aggregate: _aggregate, n.LengthOf: _length_of,
    n.CountOf: _count_of, n.CountWhere: _count_where,
}
