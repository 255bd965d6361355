"""A ``Main`` that runs a spec's examples against compiled code.

For each example it calls the spec's method with the example's inputs and prints one
line, ``example K: true`` when every output equals the expected value and
``example K: false`` otherwise, so that the compiled program (JavaScript, C#, Go)
answers whether the verified code and the spec's examples agree.
"""

from __future__ import annotations

from vericode.spec.models import Example, Spec
from vericode.spec.render import Renderer
from vericode.spec.types import dafny_name


def runnable(spec: Spec) -> str | None:
    """Why the examples of ``spec`` cannot be run as compiled code, or None."""
    if not spec.examples:
        return "the spec has no examples"
    if any(p.type.name == "array" for p in spec.params):
        return "examples over arrays are not run (they need heap set-up)"
    return None


def example_main(spec: Spec) -> str:
    """``method Main()`` printing ``example K: true|false`` per example of ``spec``."""
    renderer = Renderer(spec, check=True)
    body = [line for k, example in enumerate(spec.examples, 1)
            for line in _example(spec, example, k, renderer)]
    return "method Main()\n{\n" + "".join(f"  {line}\n" for line in body) + "}\n"


def _example(spec: Spec, example: Example, k: int, renderer: Renderer) -> list[str]:
    types = {p.name: dafny_name(p.type) for p in spec.params}
    inputs = [f"var in{k}_{b.name}: {types[b.name]} := {renderer.render(b.value).text};"
              for b in example.inputs]
    outputs = [p.name for p in spec.params if p.kind == "output"]
    args = ", ".join(f"in{k}_{p.name}" for p in spec.params if p.kind == "input")
    call = f"{spec.name}({args});"
    if outputs:
        call = f"var {', '.join(f'out{k}_{o}' for o in outputs)} := {call}"
    expected = {b.name: renderer.render(b.value).text for b in example.outputs}
    checks = " && ".join(f"out{k}_{o} == ({expected[o]})" for o in outputs if o in expected)
    return [*inputs, call, f'print "example {k}: ", {checks or "true"}, "\\n";']
