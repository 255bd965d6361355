"""A spec as a Dafny skeleton: helper functions, the user's definitions, and the
method with its contract, one clause per line under the words it came from.

``render`` gives the plain skeleton (a bodiless method, which Dafny accepts);
``render_tagged`` the same parts in the tagged problem format the problem loader
reads (``// <vc-preamble>`` … ``// </vc-code>``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from vericode.errors import BadInput
from vericode.spec.errors import SpecError
from vericode.spec.models import Spec
from vericode.spec.render import Renderer
from vericode.spec.types import dafny_name
from vericode.spec.validate import check_spec

HELPER_TEXT = {
    "Sum": """\
ghost function Sum(s: seq<int>): int
{
  if |s| == 0 then 0 else s[0] + Sum(s[1..])
}""",
    "Product": """\
ghost function Product(s: seq<int>): int
{
  if |s| == 0 then 1 else s[0] * Product(s[1..])
}""",
    "Max": """\
ghost function Max(s: seq<int>): int
  requires |s| > 0
{
  if |s| == 1 then s[0] else var m := Max(s[1..]); if s[0] > m then s[0] else m
}""",
    "Min": """\
ghost function Min(s: seq<int>): int
  requires |s| > 0
{
  if |s| == 1 then s[0] else var m := Min(s[1..]); if s[0] < m then s[0] else m
}""",
    "Count": """\
ghost function Count<T(==)>(s: seq<T>, x: T): nat
{
  if |s| == 0 then 0 else (if s[0] == x then 1 else 0) + Count(s[1..], x)
}""",
    "CountIf": """\
ghost function CountIf<T>(s: seq<T>, p: T -> bool): nat
{
  if |s| == 0 then 0 else (if p(s[0]) then 1 else 0) + CountIf(s[1..], p)
}""",
    "Reversed": """\
ghost function Reversed<T>(s: seq<T>): seq<T>
{
  if |s| == 0 then [] else Reversed(s[1..]) + [s[0]]
}""",
    "IsSubsequence": """\
ghost predicate IsSubsequence<T(==)>(s: seq<T>, t: seq<T>)
  decreases |t|
{
  |s| == 0 || (|t| > 0 && if s[0] == t[0] then IsSubsequence(s[1..], t[1..])
                          else IsSubsequence(s, t[1..]))
}""",
    "DistinctCount": """\
ghost function DistinctCount<T(==)>(s: seq<T>): nat
{
  if |s| == 0 then 0 else (if s[0] in s[1..] then 0 else 1) + DistinctCount(s[1..])
}""",
}
"""Helper definitions, recursive from the front so Dafny computes them on literals."""


class RenderedClause(BaseModel):
    """One clause as the user wrote it and as Dafny reads it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    text: str
    dafny: str
    line: int
    formalized_by: str | None = None
    """The model that wrote the Dafny (``--formalize llm``); None: the grammar did."""


class Skeleton(BaseModel):
    """The parts of a rendered spec."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    description: str
    preamble: str
    """Helper functions and the spec's ``define:`` blocks."""
    signature: str
    """The method header and its contract, without a body."""
    clauses: tuple[RenderedClause, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(part for part in (self.preamble, self.signature) if part) + "\n"


def build(spec: Spec) -> Skeleton:
    """Check and render one spec (``BadInput`` at its first name or type error)."""
    try:
        check_spec(spec)
    except SpecError as exc:
        raise BadInput(f"spec {spec.name}:{exc.line}:{exc.column}: {exc.message}") from None
    renderer = Renderer(spec)
    clauses = tuple(RenderedClause(kind=c.kind, text=c.text, dafny=renderer.clause(c.expr),
                                   line=c.line, formalized_by=c.formalized_by)
                    for c in spec.clauses)
    helpers = [HELPER_TEXT[name] for name in HELPER_TEXT if name in renderer.helpers]
    preamble = "\n\n".join([*helpers, *(d.text for d in spec.defines)])
    return Skeleton(name=spec.name, description=spec.description, preamble=preamble,
                    signature=_signature(spec, clauses), clauses=clauses)


def _signature(spec: Spec, clauses: tuple[RenderedClause, ...]) -> str:
    params = ", ".join(f"{p.name}: {dafny_name(p.type)}" for p in spec.inputs)
    outputs = ", ".join(f"{p.name}: {dafny_name(p.type)}" for p in spec.outputs)
    lines = [f"method {spec.name}({params})" + (f" returns ({outputs})" if outputs else "")]
    if spec.frame("reads"):
        lines.append(f"  // reads {', '.join(spec.frame('reads'))}")
    if spec.frame("modifies"):
        lines.append(f"  modifies {', '.join(spec.frame('modifies'))}")
    for clause in clauses:
        words = " ".join(clause.text.split())
        if clause.formalized_by is not None:
            lines.append(f"  // formalized by model ({clause.formalized_by}): {words}")
        elif words != clause.dafny:
            lines.append(f"  // {words}")
        lines.append(f"  {clause.kind} {clause.dafny}")
    return "\n".join(lines)


def render(spec: Spec) -> str:
    """The Dafny skeleton of one spec (Dafny 4 syntax; the method has no body)."""
    return build(spec).text


def render_tagged(spec: Spec) -> str:
    """The skeleton as a tagged problem: description, preamble, helpers, spec, code."""
    skeleton = build(spec)
    description = [f"// {line}".rstrip() for line in skeleton.description.splitlines()]
    parts = ["// <vc-description>", *description, "// </vc-description>",
             "// <vc-preamble>", *([skeleton.preamble] if skeleton.preamble else []),
             "// </vc-preamble>", "// <vc-helpers>", "// </vc-helpers>",
             "// <vc-spec>", skeleton.signature, "// </vc-spec>",
             "// <vc-code>", "{", "}", "// </vc-code>"]
    return "\n".join(parts) + "\n"
