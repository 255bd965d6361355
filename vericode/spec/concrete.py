"""Evaluating the little a check program needs to know in Python: integer bounds and
the lengths of literal sequences.

In a check program every name holds a literal, so a quantifier over the indices of
``a`` or the integers between ``2`` and ``n - 1`` ranges over a known, finite set.
Writing it out as one case per value (``(var k := 2; …) && (var k := 3; …)``) gives
Dafny the witnesses it cannot find by itself: ``9`` is not prime because ``k := 3``
divides it.
"""

from __future__ import annotations

from collections.abc import Mapping

from vericode.spec import nodes as n

MAX_CASES = 64
"""Quantifiers over more values than this stay quantifiers."""


class Values:
    """The literal value of each name in one check lemma (and before the call)."""

    def __init__(self, now: Mapping[str, n.Expr], before: Mapping[str, n.Expr]) -> None:
        self.now = dict(now)
        self.before = dict(before)

    def lookup(self, name: str, in_old: bool) -> n.Expr | None:
        if in_old and name in self.before:
            return self.before[name]
        return self.now.get(name)


def integer(e: n.Expr, values: Values, in_old: bool = False) -> int | None:
    """The value of an integer expression over literals, or None when unknown."""
    if isinstance(e, n.Literal):
        return int(e.text) if e.kind == "int" else None
    if isinstance(e, n.Negative):
        inner = integer(e.operand, values, in_old)
        return None if inner is None else -inner
    if isinstance(e, n.Name):
        bound = values.lookup(e.name, in_old)
        return integer(bound, values) if bound is not None else None
    if isinstance(e, n.Cardinality | n.LengthOf):
        return length(e.operand, values, in_old)
    if isinstance(e, n.Member) and e.field == "Length":
        return length(e.target, values, in_old)
    if isinstance(e, n.Old):
        return integer(e.operand, values, True)
    if isinstance(e, n.Binary):
        return _arithmetic(e, values, in_old)
    return None


def _arithmetic(e: n.Binary, values: Values, in_old: bool) -> int | None:
    left, right = integer(e.left, values, in_old), integer(e.right, values, in_old)
    if left is None or right is None:
        return None
    if e.op in ("/", "%"):
        if right == 0:
            return None
        quotient = left // right if right > 0 else -(left // -right)
        return quotient if e.op == "/" else left - right * quotient
    table = {"+": left + right, "-": left - right, "*": left * right}
    return table.get(e.op)


def length(e: n.Expr, values: Values, in_old: bool = False) -> int | None:
    """The number of elements of a literal sequence, string, set or multiset."""
    if isinstance(e, n.Name):
        bound = values.lookup(e.name, in_old)
        return length(bound, values) if bound is not None else None
    if isinstance(e, n.Old):
        return length(e.operand, values, True)
    if isinstance(e, n.Display):
        return len(e.items)
    if isinstance(e, n.Literal) and e.kind == "string":
        chars = string_chars(e.text)
        return None if chars is None else len(chars)
    return None


def string_chars(text: str) -> list[str] | None:
    """The characters of a string literal as char literals (None if it has escapes)."""
    body = text[1:-1]
    if "\\" in body or "'" in body:
        return None
    return [f"'{c}'" for c in body]


def cases(lo: int, hi: int) -> range | None:
    """The values from lo to hi inclusive, if there are few enough to write out."""
    if hi - lo + 1 > MAX_CASES:
        return None
    return range(lo, max(hi + 1, lo))
