"""Evaluating the little a check program needs to know in Python: integer bounds and
the lengths of literal sequences.

In a check program every name holds a literal, so a quantifier over the indices of
``a`` or the integers between ``2`` and ``n - 1`` ranges over a known, finite set.
Writing it out as one case per value (``(var k := 2; …) && (var k := 3; …)``) gives
Dafny the witnesses it cannot find by itself: ``9`` is not prime because ``k := 3``
divides it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

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


def elements(e: n.Expr, values: Values, in_old: bool = False) -> list[n.Expr] | None:
    """The elements of a literal sequence or string (chars as char literals), or None."""
    if isinstance(e, n.Name):
        bound = values.lookup(e.name, in_old)
        return elements(bound, values) if bound is not None else None
    if isinstance(e, n.Old):
        return elements(e.operand, values, True)
    if isinstance(e, n.Display) and e.kind == "seq":
        return list(e.items)
    if isinstance(e, n.Literal) and e.kind == "string":
        chars = string_chars(e.text)
        return None if chars is None else [
            n.Literal(line=e.line, column=e.column, text=c, kind="char") for c in chars]
    return None


def sliced(e: n.Slice, values: Values, in_old: bool = False) -> n.Expr | None:
    """The literal a slice of a literal sequence or string stands for (``[1, 2]`` for
    ``a[1..]`` when ``a`` holds ``[5, 1, 2]``), or None when it is unknown, empty or out
    of bounds (Dafny then judges the slice itself)."""
    target = e.target
    if isinstance(target, n.Name):
        bound = values.lookup(target.name, in_old)
        target = bound if bound is not None else target
    if isinstance(target, n.Display) and target.kind == "seq":
        size = len(target.items)
    elif isinstance(target, n.Literal) and target.kind == "string" and \
            string_chars(target.text) is not None:
        size = len(target.text) - 2
    else:
        return None
    lo = 0 if e.lo is None else integer(e.lo, values, in_old)
    hi = size if e.hi is None else integer(e.hi, values, in_old)
    if lo is None or hi is None or not 0 <= lo < hi <= size:
        return None  # an empty literal has no element type for Dafny to infer
    if isinstance(target, n.Display):
        return target.model_copy(update={"items": target.items[lo:hi]})
    assert isinstance(target, n.Literal)
    return target.model_copy(update={"text": '"' + target.text[1:-1][lo:hi] + '"'})


def element_facts(target: str, value: n.Expr, item_text: Callable[[n.Expr], str]) -> str:
    """Facts naming each element of a literal sequence or string (``a[0] == 5 && …``),
    or each key of a map (``m[1] == -5``), so that Dafny finds the witnesses it needs
    (the index where two sequences differ, the pair out of order, the key that breaks
    a ``forall k | k in m``); ``target`` is the Dafny text that holds it."""
    if isinstance(value, n.MapDisplay):
        return " && ".join(f"{target}[{item_text(key)}] == {item_text(held)}"
                           for key, held in value.items[:MAX_CASES])
    if isinstance(value, n.Display) and value.kind == "seq":
        items = [item_text(item) for item in value.items]
    elif isinstance(value, n.Literal) and value.kind == "string":
        items = string_chars(value.text) or []
    else:
        return ""
    return " && ".join(f"{target}[{k}] == {item}" for k, item in enumerate(items[:MAX_CASES]))


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
