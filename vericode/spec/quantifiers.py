"""English quantifiers to Dafny: over the indices of a sequence, the elements of a
collection, or a range of integers; the variable is the user's or a fresh one."""

from __future__ import annotations

from vericode.spec import nodes as n
from vericode.spec.concrete import MAX_CASES, cases, elements, integer, length
from vericode.spec.render_base import ADD, IMP, LOGIC, LOW, UNARY, Out, RendererBase
from vericode.spec.types import INT, SEQUENCES, DType


def render_quantified(r: RendererBase, e: n.Quantified) -> Out:
    expanded = _expanded(r, e) if r.check and r.values is not None else None
    if expanded is not None:
        return expanded
    if e.kind == "integer":
        assert e.lo is not None and e.hi is not None
        var = e.var or r.fresh("k")
        bounds = f"{r.wrap(e.lo, ADD)} <= {var} <= {r.wrap(e.hi, ADD)}"
        with r.binding(var, INT):
            return _quantifier(r, e.quantifier, var, bounds, e.body)
    assert e.domain is not None
    domain = e.domain
    if r.type_of(domain).name in SEQUENCES and (e.kind == "index" or e.var is None):
        return _over_indices(r, e, domain)
    var = e.var or r.fresh("x")
    bounds = f"{var} in {r.wrap(r.as_sequence(domain), ADD)}"
    element = r.domain_element(domain)
    ref = None if e.var else (lambda: Out(var, 8))
    with r.binding(e.var, element, ref):
        return _quantifier(r, e.quantifier, var, bounds, e.body)


def _over_indices(r: RendererBase, e: n.Quantified, domain: n.Expr) -> Out:
    """``forall i :: 0 <= i < |a| ==> …`` with ``a[i]`` for the element."""
    var = e.var or r.fresh("i")
    bounds = f"0 <= {var} < {r.length(domain).text}"
    element = r.domain_element(domain)
    if e.kind == "index":
        with r.binding(var, INT):
            return _quantifier(r, e.quantifier, var, bounds, e.body)
    with r.binding(None, element, lambda: r.element_at(domain, var)):
        return _quantifier(r, e.quantifier, var, bounds, e.body)


def _quantifier(r: RendererBase, quantifier: str, var: str, bounds: str, body: n.Expr) -> Out:
    flag = getattr(body, "negated", None)
    if quantifier == "no" and isinstance(flag, bool):
        flipped = body.model_copy(update={"negated": not flag})
        return _quantifier(r, "every", var, bounds, flipped)
    inner = r.render(body)
    if quantifier == "some":
        return Out(f"exists {var} :: {bounds} && {r.logic_operand(inner, '&&')}", LOW)
    if quantifier == "no":
        return Out(f"forall {var} :: {bounds} ==> !{r.wrap(inner, UNARY)}", LOW)
    return Out(f"forall {var} :: {bounds} ==> {r.wrap(inner, IMP)}", LOW)


def _expanded(r: RendererBase, e: n.Quantified) -> Out | None:
    """In a check program, a quantifier over known values as one case per value (for
    ``no``, each case negated)."""
    assert r.values is not None
    no = e.quantifier == "no"
    if e.kind == "integer":
        assert e.lo is not None and e.hi is not None
        lo, hi = integer(e.lo, r.values, r.in_old), integer(e.hi, r.values, r.in_old)
        values = cases(lo, hi) if lo is not None and hi is not None else None
        if values is None:
            return None
        return _join(r, e.quantifier, [_let(r, e.var, str(k), INT, e.body, no, _int(e, k))
                                       for k in values])
    assert e.domain is not None
    domain = e.domain
    size = length(domain, r.values, r.in_old)
    if r.type_of(domain).name not in SEQUENCES or size is None or size > MAX_CASES:
        return None
    element = r.domain_element(domain)
    if e.kind == "index":
        parts = [_let(r, e.var, str(k), INT, e.body, no, _int(e, k)) for k in range(size)]
    elif e.var is None:
        parts = [_at(r, domain, k, element, e.body, no) for k in range(size)]
    else:
        items = elements(domain, r.values, r.in_old)
        parts = [_let(r, e.var, r.element_at(domain, str(k)).text, element, e.body, no,
                      items[k] if items is not None and k < len(items) else None)
                 for k in range(size)]
    return _join(r, e.quantifier, parts)


def _int(e: n.Expr, k: int) -> n.Expr:
    return n.Literal(line=e.line, column=e.column, text=str(k), kind="int")


def _let(r: RendererBase, var: str | None, value: str, dtype: DType, body: n.Expr,
         negate: bool, known: n.Expr | None = None) -> Out:
    """``var k := 2; body``, negated inside the ``var`` (``!(var …)`` crashes Dafny 2.3
    in a ``<==>``). ``known``: the literal the variable holds, so that quantifiers over
    it are written out too."""
    assert var is not None
    with r.binding(var, dtype), r.knowing(var, known):
        case = _maybe_not(r, r.render(body), negate)
        return Out(f"var {var} := {value}; {case.text}", LOW)


def _at(r: RendererBase, domain: n.Expr, k: int, element: DType, body: n.Expr,
        negate: bool) -> Out:
    with r.binding(None, element, lambda: r.element_at(domain, str(k))):
        return _maybe_not(r, r.render(body), negate)


def _maybe_not(r: RendererBase, out: Out, negate: bool) -> Out:
    return Out(f"!{r.wrap(out, UNARY)}", UNARY) if negate else out


def _join(r: RendererBase, quantifier: str, parts: list[Out]) -> Out:
    """The cases joined: ``||`` for ``some``, ``&&`` for ``every`` and ``no``."""
    op = "||" if quantifier == "some" else "&&"
    if not parts:
        return Out("false" if quantifier == "some" else "true", 8)
    if len(parts) == 1:
        return parts[0]
    return Out(f" {op} ".join(r.logic_operand(p, op) for p in parts), LOGIC, op)
