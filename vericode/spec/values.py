"""Example values and the obviously wrong outputs the weak-spec probe tries.

A probe is a wrong value for one output: the type's default, the same output of
another example, an input of the same type echoed back, the expected number plus or
minus one (the other truth value for a bool). A spec whose ensures clauses accept
one of these is weak.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from vericode.spec import nodes as n
from vericode.spec.concrete import Values, element_facts, length
from vericode.spec.models import Example, Spec
from vericode.spec.render import Renderer
from vericode.spec.types import DType, as_value, fits

_DEFAULTS = {"int": "0", "nat": "0", "bool": "false", "char": "'a'", "string": '""',
             "real": "0.0", "seq": "[]", "array": "[]", "set": "{}", "multiset": "multiset{}",
             "map": "map[]"}


class Probe(BaseModel):
    """One wrong output to try: ``name`` set to ``value`` instead of the expected one."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    value: str
    why: str


def value_text(renderer: Renderer, value: n.Expr) -> str:
    return renderer.render(value).text


def int_value(value: n.Expr) -> int | None:
    if isinstance(value, n.Literal) and value.kind == "int":
        return int(value.text)
    if isinstance(value, n.Negative) and isinstance(value.operand, n.Literal):
        return -int(value.operand.text)
    return None


def probes(spec: Spec, example: Example, renderer: Renderer) -> list[Probe]:
    """The wrong outputs for ``example``, each different from what it expects."""
    found: list[Probe] = []
    for binding in example.outputs:
        param = spec.param(binding.name)
        assert param is not None
        seen = {canonical(binding.value, renderer)}
        for value, why in _candidates(spec, example, binding.name, param.type, renderer):
            parsed = _parsed(value)
            if param.type.name == "array" and not _same_length(parsed, binding.value):
                continue
            key = canonical(parsed, renderer)
            if key not in seen and not (param.type.name == "nat" and value.startswith("-")):
                seen.add(key)
                found.append(Probe(name=binding.name, value=value, why=why))
    return found


def canonical(value: n.Expr, renderer: Renderer) -> str:
    """A literal's value as text that is equal for equal values: ``{2, 1}`` and
    ``{1, 2}``, ``map[2 := 0, 1 := 0]`` and ``map[1 := 0, 2 := 0]``, ``-0`` and ``0``
    (a probe equal to the expected output is no wrong output)."""
    number = int_value(value)
    if number is not None:
        return str(number)
    if isinstance(value, n.Display):
        items = [canonical(item, renderer) for item in value.items]
        if value.kind == "set":
            items = sorted(set(items))
        elif value.kind == "multiset":
            items = sorted(items)
        return f"{value.kind}[{', '.join(items)}]"
    if isinstance(value, n.MapDisplay):
        pairs = {canonical(k, renderer): canonical(v, renderer) for k, v in value.items}
        return "map[" + ", ".join(f"{k} := {pairs[k]}" for k in sorted(pairs)) + "]"
    return value_text(renderer, value)


def _parsed(text: str) -> n.Expr:
    """A probe's value as a tree (the parser imports this module, hence the late import)."""
    from vericode.spec.parse import parse_expr

    return parse_expr(text)


def _candidates(spec: Spec, example: Example, name: str, dtype: DType,
                renderer: Renderer) -> list[tuple[str, str]]:
    out = [(_DEFAULTS.get(dtype.name, ""), "the type's default")]
    expected = next(b.value for b in example.outputs if b.name == name)
    number = int_value(expected)
    if number is not None:
        out += [(str(number + 1), "one more"), (str(number - 1), "one less")]
    if dtype.name == "bool" and isinstance(expected, n.Literal):
        out.append(("false" if expected.text == "true" else "true", "the other truth value"))
    for k, other in enumerate(spec.examples, start=1):
        for binding in other.outputs:
            if binding.name == name and other is not example:
                out.append((value_text(renderer, binding.value), f"the output of example {k}"))
    for binding in example.inputs:
        param = spec.param(binding.name)
        if param is not None and fits(as_value(param.type), as_value(dtype)):
            out.append((value_text(renderer, binding.value), f"input {binding.name} echoed"))
        if param is not None and param.type.name in ("seq", "array") and \
                fits(param.type.element, dtype) and isinstance(binding.value, n.Display):
            out += [(value_text(renderer, item), f"another element of input {binding.name}")
                    for item in _spread(binding.value.items)]
    out += _nudged(expected, dtype, renderer)
    return [(value, why) for value, why in out if value]


def _spread(items: tuple[n.Expr, ...]) -> list[n.Expr]:
    """At most three elements of a sequence: the first, the last and the middle one."""
    picks = {0, len(items) - 1, len(items) // 2} if items else set()
    return [items[k] for k in sorted(picks)]


def _nudged(expected: n.Expr, dtype: DType, renderer: Renderer) -> list[tuple[str, str]]:
    """A collection output a little off: a sequence reversed; its last number one more
    (which keeps a sorted sequence sorted, so a spec that forgets "permutation of"
    shows); a set with one element more (a spec that says what must be in it but not
    what must not)."""
    if not isinstance(expected, n.Display) or not expected.items:
        return []
    texts = [value_text(renderer, item) for item in expected.items]
    last = int_value(expected.items[-1])
    bumped = [*texts[:-1], str(last + 1)] if last is not None else None
    out: list[tuple[str, str]] = []
    if dtype.name in ("seq", "array"):
        out.append(("[" + ", ".join(texts[::-1]) + "]", "the expected sequence reversed"))
        if bumped:
            out.append(("[" + ", ".join(bumped) + "]", "its last element one more"))
    elif dtype.name == "multiset" and bumped:
        out.append(("multiset{" + ", ".join(bumped) + "}", "its last element one more"))
    elif dtype.name == "set":
        numbers = [int_value(item) for item in expected.items]
        if all(k is not None for k in numbers):
            extra = max(k for k in numbers if k is not None) + 1
            out.append(("{" + ", ".join([*texts, str(extra)]) + "}", "one element more"))
    return out


def hints(name: str, value: n.Expr, renderer: Renderer) -> str:
    """Facts naming each element of the literal ``name`` holds (see ``element_facts``)."""
    return element_facts(name, value, lambda item: value_text(renderer, item))


def _same_length(value: n.Expr, expected: n.Expr) -> bool:
    """An array keeps its length, so a probe of another length proves nothing."""
    empty = Values({}, {})
    return length(value, empty) == length(expected, empty)


def example_values(spec: Spec, example: Example, probe: Probe | None) -> Values:
    """What each name holds in a check lemma; modified arrays also before the call."""
    now = {b.name: b.value for b in example.inputs}
    before = dict(now)
    for binding in example.outputs:
        now[binding.name] = binding.value
    if probe is not None:
        now[probe.name] = _parsed(probe.value)
    return Values(now, before)
