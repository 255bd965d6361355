"""The typing rule of each clause node: what it needs of its parts, what it gives.

Kept apart from ``names.py`` so that each rule is a small function a reader can
find by the node's name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from vericode.spec import nodes as n
from vericode.spec.errors import SpecError
from vericode.spec.names import HELPERS, TypeCheckerBase, collection_of, element_type, sequence_of
from vericode.spec.phrase_types import PHRASE_RULES
from vericode.spec.types import (
    ANY,
    BOOL,
    CHAR,
    INT,
    NUMBERS,
    SEQUENCES,
    STRING,
    DType,
    fits,
    join,
    seq_of,
)

Rule = Callable[[TypeCheckerBase, Any], DType]
"""A typing rule: the checker and a node of one class in, the node's type out."""

_LOGIC = {"&&", "||", "==>", "<==>"}
_ORDERED = (*NUMBERS, "char", "set", "multiset", "seq", "string")


def _binary(c: TypeCheckerBase, e: n.Binary) -> DType:
    if e.op in _LOGIC:
        c.boolean(e.left)
        c.boolean(e.right)
        return BOOL
    left, right = c.infer(e.left), c.infer(e.right)
    if e.op in ("/", "%"):
        c.number(e.left, f"`{e.op}`")
        c.number(e.right, f"`{e.op}`")
        return INT
    allowed = (*NUMBERS, "set", "multiset") + (("seq", "string") if e.op == "+" else ())
    c.expect(e.left, f"`{e.op}`", *allowed)
    return c.same(e.left, e.right, f"`{e.op}`") if not (left.is_any or right.is_any) else ANY


def _chain(c: TypeCheckerBase, e: n.Chain) -> DType:
    _chain_directions(e)
    for left, op, right in zip(e.operands, e.ops, e.operands[1:], strict=False):
        if op not in ("==", "!="):
            c.expect(left, f"`{op}`", *_ORDERED)
        c.same(left, right, f"`{op}`")
    return BOOL


def _chain_directions(e: n.Chain) -> None:
    """Dafny's rule for a chain `a < b <= c`: one direction (`<` and `<=`, or `>` and
    `>=`, with any `==`) and at most one `!=`."""
    seen: set[str] = set()
    for op, operand in zip(e.ops, e.operands[1:], strict=True):
        kind = {"<": "up", "<=": "up", ">": "down", ">=": "down", "!=": "ne"}.get(op, "eq")
        against = {"up": "down", "down": "up", "ne": "ne"}.get(kind)
        clash = against in seen
        if clash:
            raise SpecError(operand.line, operand.column,
                            f"`{op}` cannot join this chain of comparisons (Dafny allows one "
                            "direction, and `!=` only once): split it with `and`")
        seen.add(kind)


def _membership(c: TypeCheckerBase, e: n.Membership) -> DType:
    coll = collection_of(c, e.collection, "membership (`in`)")
    item = c.infer(e.element)
    if not coll.is_any and not _fits_element(coll, item):
        raise SpecError(e.element.line, e.element.column,
                        f"membership asks whether a {item} is in a {coll}")
    return BOOL


def _fits_element(coll: DType, item: DType) -> bool:
    return fits(element_type(coll), item)


def _index(c: TypeCheckerBase, e: n.Index) -> DType:
    target = c.expect(e.target, "indexing", *SEQUENCES, "map", "multiset")
    if target.name == "map":
        key = c.infer(e.index)
        if target.args and not fits(target.args[0], key):
            raise SpecError(e.index.line, e.index.column, f"a {target} has no {key} keys")
        return target.args[1] if target.args else ANY
    if target.name == "multiset":
        c.infer(e.index)
        return INT
    c.number(e.index, "an index")
    return element_type(target)


def _slice(c: TypeCheckerBase, e: n.Slice) -> DType:
    target = sequence_of(c, e.target, "a slice")
    for bound in (e.lo, e.hi):
        if bound is not None:
            c.number(bound, "a slice bound")
    return STRING if target.name == "string" else seq_of(element_type(target))


def _member(c: TypeCheckerBase, e: n.Member) -> DType:
    target = c.infer(e.target)
    fields = {("array", "Length"): INT, ("map", "Keys"): DType(name="set", args=target.args[:1]),
              ("map", "Values"): DType(name="set", args=target.args[1:])}
    if target.is_any:
        return ANY
    if (target.name, e.field) not in fields:
        raise SpecError(e.line, e.column, f"a {target} has no member `{e.field}`")
    return fields[(target.name, e.field)]


def _call(c: TypeCheckerBase, e: n.Call) -> DType:
    for arg in e.args:
        if isinstance(arg, n.Lambda) and e.func == "CountIf" and len(e.args) == 2:
            _lambda_over(c, arg, element_type(c.infer(e.args[0])), predicate=True)
        else:
            c.infer(arg)
    if e.func == "multiset":
        return DType(name="multiset", args=(element_type(c.infer(e.args[0])),))
    if e.func in c.scope.functions:
        return ANY
    if e.func in HELPERS:
        arity = 2 if e.func in ("Count", "CountIf", "IsSubsequence") else 1
        if len(e.args) != arity:
            raise SpecError(e.line, e.column, f"`{e.func}` takes {arity} argument(s)")
        return HELPERS[e.func]
    c.name(n.Name(line=e.line, column=e.column, name=e.func))
    return ANY


def _display(c: TypeCheckerBase, e: n.Display) -> DType:
    element = ANY
    for item in e.items:
        element = join(element, c.infer(item))
    return DType(name=e.kind, args=(element,))


def _map_display(c: TypeCheckerBase, e: n.MapDisplay) -> DType:
    key, value = ANY, ANY
    for k, v in e.items:
        key, value = join(key, c.infer(k)), join(value, c.infer(v))
    return DType(name="map", args=(key, value))


def _if_then(c: TypeCheckerBase, e: n.IfThen) -> DType:
    c.boolean(e.cond)
    if e.otherwise is None:
        c.boolean(e.then)
        return BOOL
    return c.same(e.then, e.otherwise, "`if … then … else …`")


def _quantified(c: TypeCheckerBase, e: n.Quantified) -> DType:
    if e.kind == "integer":
        assert e.lo is not None and e.hi is not None
        c.number(e.lo, "a range")
        c.number(e.hi, "a range")
        bound = INT
    elif e.kind == "index":
        assert e.domain is not None
        sequence_of(c, e.domain, "`index … of`")
        bound = INT
    else:
        assert e.domain is not None
        bound = element_type(c.expect(e.domain, "`element … of`", *SEQUENCES, "set",
                                      "multiset"))
    return _with_bound(c, e, bound)


def _with_bound(c: TypeCheckerBase, e: n.Quantified, bound: DType) -> DType:
    if e.var is None:
        c.scope.elements.append(bound)
        try:
            c.boolean(e.body)
        finally:
            c.scope.elements.pop()
        return BOOL
    with c.bound((e.var, bound, e)):
        c.boolean(e.body)
    return BOOL


def _dafny_quantifier(c: TypeCheckerBase, e: n.DafnyQuantifier) -> DType:
    with c.bound(*[(var.name, var.type or ANY, var) for var in e.vars]):
        if e.range is not None:
            c.boolean(e.range)
        c.boolean(e.body)
    return BOOL


def _lambda(c: TypeCheckerBase, e: n.Lambda) -> DType:
    return _lambda_over(c, e, ANY, predicate=False)


def _lambda_over(c: TypeCheckerBase, e: n.Lambda, given: DType, predicate: bool) -> DType:
    """A lambda's parameter is bound like a quantifier's (never hiding a spec name);
    the predicate ``CountIf`` takes must give a condition."""
    with c.bound((e.var.name, e.var.type or given, e.var)):
        if predicate:
            c.boolean(e.body)
        else:
            c.infer(e.body)
    return ANY


def _element_ref(c: TypeCheckerBase, e: n.ElementRef) -> DType:
    return c.scope.elements[-1] if c.scope.elements else ANY


def _the_result(c: TypeCheckerBase, e: n.TheResult) -> DType:
    if len(c.scope.outputs) != 1:
        raise SpecError(e.line, e.column, "`the result` needs exactly one output; "
                        f"this spec has {len(c.scope.outputs)}: name the output instead")
    return c.scope.params[c.scope.outputs[0]]


def _unary(kind: str) -> Rule:
    def rule(c: TypeCheckerBase, e: Any) -> DType:
        operand: n.Expr = e.operand
        if kind == "not":
            c.boolean(operand)
            return BOOL
        if kind == "negative":
            c.number(operand, "`-`")
            return INT
        if kind == "card":
            c.expect(operand, "`|…|`", "seq", "string", "set", "multiset", "map")
            return INT
        return c.infer(operand)
    return rule


RULES: dict[type[n.Expr], Rule] = {
    n.Name: lambda c, e: c.name(e),
    n.Literal: lambda c, e: {"int": INT, "string": STRING, "char": CHAR, "bool": BOOL}[e.kind],
    n.TheResult: _the_result,
    n.ElementRef: _element_ref,
    n.Binary: _binary,
    n.Chain: _chain,
    n.Membership: _membership,
    n.Not: _unary("not"),
    n.Negative: _unary("negative"),
    n.Cardinality: _unary("card"),
    n.Old: _unary("old"),
    n.Index: _index,
    n.Slice: _slice,
    n.Member: _member,
    n.Call: _call,
    n.Display: _display,
    n.MapDisplay: _map_display,
    n.IfThen: _if_then,
    n.Quantified: _quantified,
    n.DafnyQuantifier: _dafny_quantifier, n.Lambda: _lambda,
}
RULES.update(PHRASE_RULES)


class TypeChecker(TypeCheckerBase):
    """Infers types bottom-up; raises ``SpecError`` on an unknown name or a misfit."""

    RULES: ClassVar[dict[type, Callable[[Any, Any], DType]]] = RULES
