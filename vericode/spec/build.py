"""From lark's parse tree to clause nodes: one method per rule of ``spec.lark``.

English phrases whose subject is ``every element of a`` come out as a ``Quantified``
around the phrase, with ``ElementRef`` standing for the element, so the renderer
needs no special case for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lark import Token, Transformer, v_args
from lark.tree import Meta

from vericode.spec import nodes as n
from vericode.spec.errors import SpecError
from vericode.spec.types import ARITY, DType

_OPS = {"and": "&&", "&&": "&&", "or": "||", "||": "||", "iff": "<==>", "<==>": "<==>",
        "==>": "==>", "implies": "==>"}
_COMPARISON_WORDS = {
    ("at", "least"): ">=", ("at", "most"): "<=", ("equal", "to"): "==",
    ("different", "from"): "!=",
}
_AGGREGATES = {"sum": "sum", "product": "product", "maximum": "maximum", "max": "maximum",
               "largest": "maximum", "minimum": "minimum", "min": "minimum",
               "smallest": "minimum"}
_QUANTIFIERS = {"every": "every", "each": "every", "all": "every", "some": "some",
                "no": "no", "a": "some", "an": "some"}


def _pos(meta: Meta) -> dict[str, int]:
    return {"line": meta.line, "column": meta.column}


def _exprs(items: list[Any]) -> list[n.Expr]:
    return [item for item in items if isinstance(item, n.Expr)]


def _words(items: list[Any]) -> list[str]:
    return [str(item) for item in items if isinstance(item, Token)]


def _negated(items: list[Any]) -> bool:
    return any(isinstance(i, Token) and i.type == "NOT" for i in items)


def _phrase(meta: Meta, cls: type[n.Expr], **fields: Any) -> n.Expr:
    """Build a phrase; an ``every element of a`` subject turns it into a quantifier
    (about ``x`` for ``every element x of a``, kept to the elements its relative
    clause ``that is …`` admits)."""
    subject = next(((k, v) for k, v in fields.items() if isinstance(v, n.ElementOf)), None)
    if subject is None:
        return cls(**_pos(meta), **fields)
    key, of = subject
    where = {"line": of.line, "column": of.column}
    ref = n.Name(**where, name=of.var) if of.var else n.ElementRef(**where)
    body = _restricted(of.quantifier, of.where, cls(**_pos(meta), **{**fields, key: ref}))
    return n.Quantified(**_pos(meta), quantifier=of.quantifier, kind=of.kind,
                        var=of.var, domain=of.domain, body=body)


def _restricted(quantifier: str, where: n.Expr | None, body: n.Expr) -> n.Expr:
    """A quantifier's body kept to the elements a relative clause admits: every one
    that is P is Q (`P ==> Q`); some (or no) one that is P is Q (`P && Q`)."""
    if where is None:
        return body
    op = "==>" if quantifier == "every" else "&&"
    return n.Binary(line=where.line, column=where.column, op=op, left=where, right=body)


@dataclass(frozen=True)
class _That:
    """A relative clause (`that is positive`) before the element it is about is known."""

    items: list[Any]

    def about(self, subject: n.Expr) -> n.Expr:
        return _element_test(self.items, _exprs(self.items), subject)


@v_args(meta=True)
class ClauseBuilder(Transformer[Token, Any]):
    """Turns expression subtrees into ``vericode.spec.nodes``; needs the source text
    (displays are told apart by their opening bracket)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    # ---- logic ------------------------------------------------------------------
    def binary(self, meta: Meta, items: list[Any]) -> n.Expr:
        left, op, right = items
        return n.Binary(**_pos(meta), op=_OPS[str(op)], left=left, right=right)

    def iff_words(self, meta: Meta, items: list[Any]) -> n.Expr:
        left, right = _exprs(items)
        return n.Binary(**_pos(meta), op="<==>", left=left, right=right)

    def if_after(self, meta: Meta, items: list[Any]) -> n.Expr:
        then, cond = _exprs(items)
        return n.IfThen(**_pos(meta), cond=cond, then=then, otherwise=None)

    def not_words(self, meta: Meta, items: list[Any]) -> n.Expr:
        return n.Not(**_pos(meta), operand=_exprs(items)[0])

    not_op = not_words

    def if_then(self, meta: Meta, items: list[Any]) -> n.Expr:
        parts = _exprs(items)
        return n.IfThen(**_pos(meta), cond=parts[0], then=parts[1],
                        otherwise=parts[2] if len(parts) > 2 else None)

    def quantified(self, meta: Meta, items: list[Any]) -> n.Expr:
        tokens = [t for t in items if isinstance(t, Token)]
        types = [t.type for t in tokens]
        lead = tokens[1] if types[0] == "FOR" else tokens[0]
        quantifier = "some" if "THERE" in types else _QUANTIFIERS[str(lead)]
        if "THERE" in types and "NO" in types:
            quantifier = "no"
        indices = {"INDEX", "POSITION", "INDICES", "POSITIONS"}
        kind = "integer" if "INTEGER" in types else (
            "index" if indices & set(types) else "element")
        var = next((str(t) for t in tokens if t.type == "NAME"), None)
        if var is None and kind == "index":
            raise SpecError(meta.line, meta.column, "name the index: `an index i of a …`")
        parts, that = _exprs(items), _that(items)
        where = None if that is None else that.about(
            n.Name(**_pos(meta), name=var) if var else n.ElementRef(**_pos(meta)))
        body = _restricted(quantifier, where, parts[-1]) if len(parts) > (
            2 if kind == "integer" else 1) else where
        assert body is not None
        if kind == "integer":
            return n.Quantified(**_pos(meta), quantifier=quantifier, kind=kind, var=var,
                                domain=None, lo=parts[0], hi=parts[1], body=body)
        return n.Quantified(**_pos(meta), quantifier=quantifier, kind=kind, var=var,
                            domain=parts[0], body=body)

    def that_clause(self, meta: Meta, items: list[Any]) -> _That:
        return _That(items)

    def dafny_quantifier(self, meta: Meta, items: list[Any]) -> n.Expr:
        bound = tuple(i for i in items if isinstance(i, n.BoundVar))
        parts = _exprs(items)
        return n.DafnyQuantifier(**_pos(meta), kind=str(items[0]), vars=bound,
                                 range=parts[0] if len(parts) > 1 else None, body=parts[-1])

    def lambda_expr(self, meta: Meta, items: list[Any]) -> n.Expr:
        var, body = items
        return n.Lambda(**_pos(meta), var=var, body=body)

    def bound_var(self, meta: Meta, items: list[Any]) -> n.BoundVar:
        given = items[1] if len(items) > 1 else None
        return n.BoundVar(**_pos(meta), name=str(items[0]), type=given)

    def type(self, meta: Meta, items: list[Any]) -> DType:
        name = str(items[0])
        args = tuple(i for i in items if isinstance(i, DType))
        if name not in ARITY:
            raise SpecError(meta.line, meta.column, f"unknown type `{name}`",
                            "types: " + ", ".join(sorted(ARITY)))
        if len(args) != ARITY[name]:
            raise SpecError(meta.line, meta.column,
                            f"`{name}` takes {ARITY[name]} type argument(s), not {len(args)}")
        return DType(name=name, args=args)

    # ---- comparisons and phrases ------------------------------------------------
    def chain(self, meta: Meta, items: list[Any]) -> n.Expr:
        ops = tuple(str(t) for t in items if isinstance(t, Token))
        return n.Chain(**_pos(meta), operands=tuple(_exprs(items)), ops=ops)

    def membership_op(self, meta: Meta, items: list[Any]) -> n.Expr:
        element, collection = _exprs(items)
        return n.Membership(**_pos(meta), element=element, collection=collection,
                            negated=items[1].type == "NOTIN")

    def emptiness(self, meta: Meta, items: list[Any]) -> n.Expr:
        nonempty = any(isinstance(i, Token) and i.type.startswith("NONEMPTY") for i in items)
        return _phrase(meta, n.Emptiness, subject=items[0],
                       negated=_negated(items) or nonempty)

    def is_value(self, meta: Meta, items: list[Any]) -> n.Expr:
        subject, other = _exprs(items)
        return _phrase(meta, n.WordComparison, subject=subject, op="==", other=other,
                       negated=_negated(items))

    def membership(self, meta: Meta, items: list[Any]) -> n.Expr:
        element, collection = _exprs(items)
        return _phrase(meta, n.Membership, element=element, collection=collection,
                       negated=_negated(items))

    def containment(self, meta: Meta, items: list[Any]) -> n.Expr:
        collection, element = _exprs(items)
        return _phrase(meta, n.Membership, element=element, collection=collection,
                       negated=_negated(items))

    def comparison_words(self, meta: Meta, items: list[Any]) -> str:
        words = tuple(w.lower() for w in _words(items))
        pair = (words[0], words[1]) if len(words) > 1 else (words[0], "")
        if pair in _COMPARISON_WORDS:
            return _COMPARISON_WORDS[pair]
        greater = words[0] in ("greater", "larger", "bigger", "more")
        strict = "equal" not in words
        return (">" if greater else "<") + ("" if strict else "=")

    def word_comparison(self, meta: Meta, items: list[Any]) -> n.Expr:
        subject, other = _exprs(items)
        op = next((i for i in items if isinstance(i, str) and not isinstance(i, Token)), "==")
        return _phrase(meta, n.WordComparison, subject=subject, op=op, other=other,
                       negated=_negated(items))

    def between(self, meta: Meta, items: list[Any]) -> n.Expr:
        subject, lo, hi = _exprs(items)
        return _phrase(meta, n.Between, subject=subject, lo=lo, hi=hi,
                       negated=_negated(items))

    def parity(self, meta: Meta, items: list[Any]) -> n.Expr:
        return _phrase(meta, n.Parity, subject=items[0], even="even" in _words(items),
                       negated=_negated(items))

    def sign(self, meta: Meta, items: list[Any]) -> n.Expr:
        word = _words(items)[-1].replace("-", "")
        return _phrase(meta, n.Sign, subject=items[0], sign=word, negated=_negated(items))

    def divisibility(self, meta: Meta, items: list[Any]) -> n.Expr:
        dividend, divisor = _exprs(items)
        return _phrase(meta, n.Divisibility, divisor=divisor, dividend=dividend,
                       negated=_negated(items))

    def divides(self, meta: Meta, items: list[Any]) -> n.Expr:
        divisor, dividend = _exprs(items)
        return _phrase(meta, n.Divisibility, divisor=divisor, dividend=dividend,
                       negated=_negated(items))

    def sortedness(self, meta: Meta, items: list[Any]) -> n.Expr:
        words = _words(items)
        descending = "descending" in words or "decreasing" in words
        return _phrase(meta, n.Sortedness, subject=items[0], descending=descending,
                       strict="strictly" in words, negated=_negated(items))

    def permutation(self, meta: Meta, items: list[Any]) -> n.Expr:
        subject, other = _exprs(items)
        return _phrase(meta, n.Permutation, subject=subject, other=other,
                       negated=_negated(items))

    def distinctness(self, meta: Meta, items: list[Any]) -> n.Expr:
        return _phrase(meta, n.Distinctness, subject=_exprs(items)[0])

    def length_is(self, meta: Meta, items: list[Any]) -> n.Expr:
        subject, length = _exprs(items)
        return _phrase(meta, n.LengthIs, subject=subject, length=length)

    def same_length(self, meta: Meta, items: list[Any]) -> n.Expr:
        subject, other = _exprs(items)
        length = n.LengthOf(line=other.line, column=other.column, operand=other)
        return _phrase(meta, n.LengthIs, subject=subject, length=length)

    def element_of(self, meta: Meta, items: list[Any]) -> n.Expr:
        tokens = [t for t in items if isinstance(t, Token)]
        var = next((str(t) for t in tokens if t.type == "NAME"), None)
        index = any(t.type in ("INDEX", "INDICES", "POSITION", "POSITIONS") for t in tokens)
        if index and var is None:
            raise SpecError(meta.line, meta.column, "name the index: `every index i of a …`",
                            "or talk about the elements: `every element of a …`")
        that, subject = _that(items), n.Name(**_pos(meta), name=var) if var else None
        where = None if that is None else that.about(subject or n.ElementRef(**_pos(meta)))
        return n.ElementOf(**_pos(meta), quantifier=_QUANTIFIERS[str(items[0])],
                           domain=_exprs(items)[0], kind="index" if index else "element",
                           var=var, where=where)

    def element_count(self, meta: Meta, items: list[Any]) -> n.Expr:
        subject, count = _exprs(items)
        op = next((i for i in items if isinstance(i, str) and not isinstance(i, Token)), "==")
        return _phrase(meta, n.ElementCount, subject=subject, op=op, count=count,
                       distinct="distinct" in _words(items))

    def palindrome(self, meta: Meta, items: list[Any]) -> n.Expr:
        return _phrase(meta, n.Palindrome, subject=items[0], negated=_negated(items))

    def subsequence(self, meta: Meta, items: list[Any]) -> n.Expr:
        subject, other = _exprs(items)
        return _phrase(meta, n.Subsequence, subject=subject, other=other,
                       negated=_negated(items))

    def reverse_of(self, meta: Meta, items: list[Any]) -> n.Expr:
        return n.Reverse(**_pos(meta), operand=_exprs(items)[0])

    # ---- arithmetic and atoms ---------------------------------------------------
    def binary_arith(self, meta: Meta, items: list[Any]) -> n.Expr:
        left, op, right = items
        return n.Binary(**_pos(meta), op=str(op), left=left, right=right)

    def negative(self, meta: Meta, items: list[Any]) -> n.Expr:
        return n.Negative(**_pos(meta), operand=_exprs(items)[0])

    def index(self, meta: Meta, items: list[Any]) -> n.Expr:
        target, position = items
        return n.Index(**_pos(meta), target=target, index=position)

    def slice(self, meta: Meta, items: list[Any]) -> n.Expr:
        dots = next(i for i, item in enumerate(items) if isinstance(item, Token))
        lo = items[1] if dots == 2 else None
        hi = items[dots + 1] if dots + 1 < len(items) else None
        return n.Slice(**_pos(meta), target=items[0], lo=lo, hi=hi)

    def member(self, meta: Meta, items: list[Any]) -> n.Expr:
        return n.Member(**_pos(meta), target=items[0], field=str(items[1]))

    def literal(self, meta: Meta, items: list[Any]) -> n.Expr:
        token = items[0]
        kind = {"INT": "int", "STRING": "string", "CHAR": "char"}.get(token.type, "bool")
        return n.Literal(**_pos(meta), text=str(token), kind=kind)

    def name(self, meta: Meta, items: list[Any]) -> n.Expr:
        return n.Name(**_pos(meta), name=str(items[0]))

    def call(self, meta: Meta, items: list[Any]) -> n.Expr:
        head = items[0]
        func = head.name if isinstance(head, n.Name) else str(head)
        return n.Call(**_pos(meta), func=func, args=tuple(_exprs(items[1:])))

    def cardinality(self, meta: Meta, items: list[Any]) -> n.Expr:
        return n.Cardinality(**_pos(meta), operand=items[0])

    def display(self, meta: Meta, items: list[Any]) -> n.Expr:
        opening = self.text[meta.start_pos]
        kind = {"[": "seq", "{": "set"}.get(opening, "multiset")
        return n.Display(**_pos(meta), kind=kind, items=tuple(_exprs(items)))

    def map_display(self, meta: Meta, items: list[Any]) -> n.Expr:
        pairs = tuple(i for i in items if isinstance(i, tuple))
        return n.MapDisplay(**_pos(meta), items=pairs)

    def map_item(self, meta: Meta, items: list[Any]) -> tuple[n.Expr, n.Expr]:
        return items[0], items[1]

    def old(self, meta: Meta, items: list[Any]) -> n.Expr:
        return n.Old(**_pos(meta), operand=_exprs(items)[0])

    def aggregate(self, meta: Meta, items: list[Any]) -> n.Expr:
        words = _words(items)
        kind = next(_AGGREGATES[w] for w in words if w in _AGGREGATES)
        return n.Aggregate(**_pos(meta), kind=kind, operand=_exprs(items)[0])

    def length_of(self, meta: Meta, items: list[Any]) -> n.Expr:
        return n.LengthOf(**_pos(meta), operand=_exprs(items)[0])

    def count_of(self, meta: Meta, items: list[Any]) -> n.Expr:
        item, collection = _exprs(items)
        return n.CountOf(**_pos(meta), item=item, collection=collection)

    def count_where(self, meta: Meta, items: list[Any]) -> n.Expr:
        that = _that(items)
        assert that is not None
        test = that.about(n.ElementRef(**_pos(meta)))
        return n.CountWhere(**_pos(meta), collection=_exprs(items)[0], test=test)

    def the_result(self, meta: Meta, items: list[Any]) -> n.Expr:
        return n.TheResult(**_pos(meta))


def _that(items: list[Any]) -> _That | None:
    return next((i for i in items if isinstance(i, _That)), None)


def _element_test(items: list[Any], rest: list[n.Expr], ref: n.Expr) -> n.Expr:
    """A relative clause (``that are positive``) as a phrase about ``ref``."""
    words, negated = _words(items), _negated(items)
    where = {"line": ref.line, "column": ref.column}
    op = next((i for i in items if isinstance(i, str) and not isinstance(i, Token)), None)
    if op is not None:
        return n.WordComparison(**where, subject=ref, op=op, other=rest[0], negated=negated)
    if "between" in words:
        return n.Between(**where, subject=ref, lo=rest[0], hi=rest[1], negated=negated)
    if "in" in words:
        return n.Membership(**where, element=ref, collection=rest[0], negated=negated)
    if "even" in words or "odd" in words:
        return n.Parity(**where, subject=ref, even="even" in words, negated=negated)
    sign = words[-1].replace("-", "")
    return n.Sign(**where, subject=ref, sign=sign, negated=negated)
