"""The shape of a spec beyond its grammar: unique names, outputs, frames that name
arrays, and examples that give every input and output a literal of the right type."""

from __future__ import annotations

from vericode.spec import nodes as n
from vericode.spec.errors import SpecError, suggest
from vericode.spec.models import Binding, Example, Spec
from vericode.spec.names import HELPERS, Scope, TypeChecker
from vericode.spec.types import as_value, fits


def check_structure(spec: Spec) -> None:
    _check_params(spec)
    _check_frames(spec)
    _check_helpers(spec)
    outputs = {p.name for p in spec.outputs}
    for clause in spec.requires:
        for e in n.walk(clause.expr):
            if isinstance(e, n.Old):
                raise SpecError(e.line, e.column, "`old(…)` only makes sense in ensures:")
            if isinstance(e, n.TheResult) or (isinstance(e, n.Name) and e.name in outputs):
                raise SpecError(e.line, e.column, "requires: cannot mention an output "
                                "(it has no value before the call)")
    for example in spec.examples:
        _check_example(spec, example)


def _check_params(spec: Spec) -> None:
    seen: set[str] = set()
    for param in spec.params:
        if param.name in seen:
            raise SpecError(param.line, param.column, f"`{param.name}` is declared twice")
        seen.add(param.name)
    if not spec.outputs and not spec.frame("modifies"):
        raise SpecError(spec.line, spec.column, f"spec {spec.name} has no output",
                        "add a line `output NAME: TYPE` (or `modifies: a` for an array)")


def _check_frames(spec: Spec) -> None:
    for frame in spec.frames:
        for name in frame.names:
            param = spec.param(name)
            if param is None or param.type.name != "array":
                raise SpecError(frame.line, frame.column,
                                f"`{frame.kind}: {name}` needs an array input named {name}")


def _check_helpers(spec: Spec) -> None:
    for define in spec.defines:
        clash = sorted(set(define.names) & set(HELPERS))
        if clash:
            raise SpecError(define.line, define.column,
                            f"define: declares `{clash[0]}`, a helper vericode renders "
                            "phrases with; give yours another name")


def _check_example(spec: Spec, example: Example) -> None:
    inputs = {p.name for p in spec.inputs}
    outputs = {p.name for p in spec.outputs} | set(spec.frame("modifies"))
    _check_side(spec, example, example.inputs, inputs, "input")
    _check_side(spec, example, example.outputs, outputs, "output")
    before = {b.name: b.value for b in example.inputs}
    for binding in example.outputs:
        if binding.name in before and not _same_size(before[binding.name], binding.value):
            raise SpecError(binding.line, binding.column,
                            f"array `{binding.name}` cannot change its length")


def _check_side(spec: Spec, example: Example, bindings: tuple[Binding, ...],
                expected: set[str], side: str) -> None:
    given = [b.name for b in bindings]
    for binding in bindings:
        if binding.name not in expected:
            raise SpecError(binding.line, binding.column,
                            f"`{binding.name}` is not an {side} of {spec.name}",
                            suggest(binding.name, sorted(expected)))
        if given.count(binding.name) > 1:
            raise SpecError(binding.line, binding.column, f"`{binding.name}` is given twice")
        _check_value(spec, binding)
    missing = sorted(expected - set(given))
    required = missing if side == "input" else [m for m in missing if m not in
                                                 spec.frame("modifies")]
    if required:
        raise SpecError(example.line, example.column,
                        f"this example gives no value for {side} `{required[0]}`")


def _check_value(spec: Spec, binding: Binding) -> None:
    value = binding.value
    bad = next((e for e in n.walk(value) if not _is_literal_part(e)), None)
    if bad is not None:
        raise SpecError(bad.line, bad.column, "an example value must be a literal "
                        "(numbers, true/false, 'c', \"text\", [..], {..}, multiset{..}, map[..])")
    param = spec.param(binding.name)
    assert param is not None
    found = TypeChecker(Scope(params={}, outputs=[], functions=set())).infer(value)
    if not fits(as_value(param.type), found):
        raise SpecError(value.line, value.column,
                        f"`{binding.name}` is a {param.type}, but this value is a {found}")
    if param.type.name == "nat" and isinstance(value, n.Negative):
        raise SpecError(value.line, value.column, f"`{binding.name}` is a nat: not negative")


def _is_literal_part(e: n.Expr) -> bool:
    if isinstance(e, n.Negative):
        return isinstance(e.operand, n.Literal) and e.operand.kind == "int"
    return isinstance(e, n.Literal | n.Display | n.MapDisplay)


def _same_size(a: n.Expr, b: n.Expr) -> bool:
    sizes = [len(e.items) if isinstance(e, n.Display) else None for e in (a, b)]
    return sizes[0] == sizes[1]
