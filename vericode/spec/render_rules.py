"""How each Dafny-shaped node renders (names, operators, indexing, quantifiers…).

The English phrases are in ``phrases.py``; both tables are looked up by node class.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vericode.spec import nodes as n
from vericode.spec.concrete import element_facts, sliced
from vericode.spec.names import HELPERS
from vericode.spec.quantifiers import render_quantified
from vericode.spec.render_base import (
    ADD,
    ATOM,
    IMP,
    LOGIC,
    LOW,
    PREC,
    REL,
    UNARY,
    Out,
    RendererBase,
    old_name,
)
from vericode.spec.types import ANY, dafny_name

Rule = Callable[[RendererBase, Any], Out]


def _name(r: RendererBase, e: n.Name) -> Out:
    if r.check and r.in_old and r.spec.param(e.name) and e.name in r.spec.frame("modifies"):
        return Out(old_name(e.name), ATOM)
    return Out(e.name, ATOM)


def _the_result(r: RendererBase, e: n.TheResult) -> Out:
    return Out(r.spec.outputs[0].name, ATOM)


def _element_ref(r: RendererBase, e: n.ElementRef) -> Out:
    return r.elements[-1]()


def _binary(r: RendererBase, e: n.Binary) -> Out:
    prec = PREC[e.op]
    if prec == LOGIC:
        text = f"{r.logic_operand(e.left, e.op)} {e.op} {r.logic_operand(e.right, e.op)}"
        return Out(text, LOGIC, e.op)
    if e.op == "==>":
        return Out(f"{r.wrap(e.left, LOGIC)} ==> {r.wrap(e.right, IMP)}", IMP)
    left, right = r.wrap(e.left, prec), r.wrap(e.right, prec + 1)
    return Out(f"{left} {e.op} {right}", prec)


def _chain(r: RendererBase, e: n.Chain) -> Out:
    parts = [r.wrap(e.operands[0], ADD)]
    for op, operand in zip(e.ops, e.operands[1:], strict=True):
        parts += [op, r.wrap(operand, ADD)]
    return Out(" ".join(parts), REL)


def _not(r: RendererBase, e: n.Not) -> Out:
    return Out(f"!{r.wrap(e.operand, UNARY)}", UNARY)


def _negative(r: RendererBase, e: n.Negative) -> Out:
    return Out(f"-{r.wrap(e.operand, UNARY)}", UNARY)


def _index(r: RendererBase, e: n.Index) -> Out:
    return Out(f"{r.wrap(e.target, ATOM)}[{r.render(e.index).text}]", ATOM)


def _slice(r: RendererBase, e: n.Slice) -> Out:
    value = sliced(e, r.values, r.in_old) if r.check and r.values is not None else None
    if value is not None:
        # the literal itself: Dafny computes Sum([1, 2]) but not Sum(a[1..]) for a := [5, 1, 2]
        literal = r.render(value)
        if fact := element_facts(literal.text, value, lambda item: r.render(item).text):
            r.facts.append(fact)
        return literal
    lo = r.render(e.lo).text if e.lo else ""
    hi = r.render(e.hi).text if e.hi else ""
    return Out(f"{r.wrap(e.target, ATOM)}[{lo}..{hi}]", ATOM)


def _member(r: RendererBase, e: n.Member) -> Out:
    if e.field == "Length" and r.check:
        return Out(f"|{r.render(e.target).text}|", ATOM)
    return Out(f"{r.wrap(e.target, ATOM)}.{e.field}", ATOM)


def _call(r: RendererBase, e: n.Call) -> Out:
    if e.func in HELPERS and e.func not in r.spec.defined_names:
        r.helper(e.func)
    args = ", ".join(r.render(a).text for a in e.args)
    return Out(f"{e.func}({args})", ATOM)


def _cardinality(r: RendererBase, e: n.Cardinality) -> Out:
    return Out(f"|{r.render(e.operand).text}|", ATOM)


def _display(r: RendererBase, e: n.Display) -> Out:
    items = ", ".join(r.render(i).text for i in e.items)
    opening, closing = {"seq": ("[", "]"), "set": ("{", "}"),
                        "multiset": ("multiset{", "}")}[e.kind]
    return Out(f"{opening}{items}{closing}", ATOM)


def _map_display(r: RendererBase, e: n.MapDisplay) -> Out:
    items = ", ".join(f"{r.render(k).text} := {r.render(v).text}" for k, v in e.items)
    return Out(f"map[{items}]", ATOM)


def _old(r: RendererBase, e: n.Old) -> Out:
    with r.old():
        inner = r.render(e.operand)
    return inner if r.check else Out(f"old({inner.text})", ATOM)


def _if_then(r: RendererBase, e: n.IfThen) -> Out:
    if e.otherwise is None:
        return Out(f"{r.wrap(e.cond, LOGIC)} ==> {r.wrap(e.then, IMP)}", IMP)
    text = (f"if {r.render(e.cond).text} then {r.render(e.then).text} "
            f"else {r.render(e.otherwise).text}")
    return Out(text, LOW)


def _quantified(r: RendererBase, e: n.Quantified) -> Out:

    return render_quantified(r, e)


def _dafny_quantifier(r: RendererBase, e: n.DafnyQuantifier) -> Out:
    names = ", ".join(v.name + (f": {dafny_name(v.type, r.check)}" if v.type else "")
                      for v in e.vars)
    for v in e.vars:
        r.checker.scope.bound.append({v.name: v.type or ANY})
    try:
        where = f" | {r.render(e.range).text}" if e.range is not None else ""
        body = r.render(e.body).text
    finally:
        for _ in e.vars:
            r.checker.scope.bound.pop()
    return Out(f"{e.kind} {names}{where} :: {body}", LOW)


def _lambda(r: RendererBase, e: n.Lambda) -> Out:
    typed = f": {dafny_name(e.var.type, r.check)}" if e.var.type else ""
    r.checker.scope.bound.append({e.var.name: e.var.type or ANY})
    try:
        body = r.render(e.body).text
    finally:
        r.checker.scope.bound.pop()
    return Out(f"{e.var.name}{typed} => {body}", LOW)


def _literal(r: RendererBase, e: n.Literal) -> Out:
    return Out(e.text, ATOM)


RULES: dict[type[n.Expr], Rule] = {
    n.Name: _name, n.Literal: _literal, n.TheResult: _the_result,
    n.ElementRef: _element_ref, n.Binary: _binary, n.Chain: _chain, n.Not: _not,
    n.Negative: _negative, n.Index: _index, n.Slice: _slice, n.Member: _member,
    n.Call: _call, n.Cardinality: _cardinality, n.Display: _display,
    n.MapDisplay: _map_display, n.Old: _old, n.IfThen: _if_then,
    n.Quantified: _quantified, n.DafnyQuantifier: _dafny_quantifier, n.Lambda: _lambda,
}

