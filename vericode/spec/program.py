"""The check programs: one Dafny module per spec, a few lemmas per example.

Dafny's cost is mostly per lemma, so each example gets one lemma that binds its
values and asks every question in its own ``if * { … }`` branch: a failed assertion
is assumed only on its own path, so the verifier's answer about a line is the answer
about one clause. Dafny reports at most 5 errors per lemma, so silence about a line
proves nothing in a lemma with 5 errors: its unanswered questions are asked again
(``recheck``), each in a lemma of its own, where any error is its own. A diagnostic
in a lemma that no line owns (a time-out, reported at the lemma's name) fails every
question of the lemma.

A failed example question is asked again the other way round (``refute``): only when
Dafny proves the negation does the example "break" the clause; otherwise Dafny could
not decide, which the report says instead of blaming the example.

The weak-spec probe is two-step. The first program screens every wrong output at
once with ``assert !(ensures…)``: that verifies when the wrong output breaks some
ensures clause, the usual case. The few that do not are candidates, and the second
program asks about each in its own lemma with the ensures clauses asserted as they
are: only a candidate that verifies there makes the spec weak.

The skeleton's method is included without a body, so Dafny also checks that the
contract is well-defined.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vericode.spec.models import Binding, Clause, Example, Spec
from vericode.spec.render import Out, Renderer, old_name
from vericode.spec.skeleton import HELPER_TEXT, Skeleton
from vericode.spec.types import dafny_name
from vericode.spec.values import Probe, example_values, hints, probes, value_text


@dataclass(frozen=True, eq=False)
class Question:
    """What one branch (or line of the skeleton) asks about one spec."""

    spec: int
    kind: str
    """``wellformed``, ``requires``, ``ensures``, ``screen`` (a probe, first step) or
    ``weak`` (a probe, second step), ``recheck`` or ``refute`` (second program)."""
    example: int | None = None
    clause: Clause | None = None
    probe: Probe | None = None
    of: Question | None = None
    """In the second program: the first program's question asked again (``recheck``,
    ``refute``; for ``weak``, the screen)."""


@dataclass(frozen=True)
class Lemma:
    """The lines of one lemma and the questions it asks."""

    first: int
    last: int
    questions: tuple[Question, ...]


@dataclass
class CheckProgram:
    """CheckProgram text with, for each line, the question it belongs to."""

    lines: list[str] = field(default_factory=list)
    owners: dict[int, Question] = field(default_factory=dict)
    origins: dict[int, int] = field(default_factory=dict)
    """Generated line -> line of the spec file it came from (clauses, definitions)."""
    questions: list[Question] = field(default_factory=list)
    lemmas: list[Lemma] = field(default_factory=list)

    def add(self, text: str, owner: Question | None = None, origin: int | None = None) -> None:
        for k, line in enumerate(text.splitlines()):
            self.lines.append(line)
            number = len(self.lines)
            if owner is not None:
                self.owners[number] = owner
            if origin is not None:
                self.origins[number] = origin + k

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def add_lemma(self, name: str, branches: list[tuple[Question, list[str]]],
                  shared: list[str], origins: dict[Question, int] | None = None) -> None:
        """A lemma binding ``shared`` lines, then one branch per question (just the
        question's lines when it is the only one, so that every error is its own)."""
        first = len(self.lines) + 1
        self.add(f"lemma {name}()\n{{")
        self.add("\n".join(f"  {line}" for line in shared))
        for question, lines in branches:
            self.questions.append(question)
            origin = (origins or {}).get(question)
            if len(branches) == 1:
                self.add("\n".join(f"  {line}" for line in lines), question, origin)
            else:
                self.add("  if * { " + " ".join(lines) + " }", question, origin)
        self.add("}")
        self.lemmas.append(Lemma(first, len(self.lines), tuple(q for q, _ in branches)))

    def append(self, other: CheckProgram) -> None:
        """``other``'s lines after these, with their owners, origins and lemmas."""
        offset = len(self.lines)
        self.lines += other.lines
        self.owners.update({line + offset: q for line, q in other.owners.items()})
        self.origins.update({line + offset: o for line, o in other.origins.items()})
        self.questions += other.questions
        self.lemmas += [Lemma(m.first + offset, m.last + offset, m.questions)
                        for m in other.lemmas]


def build_program(specs: list[tuple[int, Spec, Skeleton]],
                  followups: list[Question] | None = None) -> CheckProgram:
    """The first program (examples, screens, well-formedness) for the numbered specs,
    or with ``followups`` the second one (one lemma per question asked again)."""
    program = CheckProgram()
    for index, spec, skeleton in specs:
        mine = None if followups is None else [q for q in followups if q.spec == index]
        if mine is None or mine:
            _add_module(program, index, spec, skeleton, mine)
    return program


def _add_module(program: CheckProgram, index: int, spec: Spec, skeleton: Skeleton,
                followups: list[Question] | None) -> None:
    renderer = Renderer(spec, check=True)
    body = CheckProgram()
    if followups is None:
        _add_signature(body, index, spec, skeleton)
        for k, example in enumerate(spec.examples, start=1):
            _add_example(body, index, k, spec, example, renderer)
    else:
        for n, question in enumerate(followups, start=1):
            _add_followup(body, n, question, spec, renderer)
    program.add(f"module Check{index}_{spec.name} {{")
    for name in HELPER_TEXT:
        if name in renderer.helpers or name in skeleton.preamble:
            program.add(HELPER_TEXT[name])
    for define in spec.defines:
        program.add(define.text, origin=define.body_line)
    program.append(body)
    program.add("}")


def _add_signature(program: CheckProgram, index: int, spec: Spec, skeleton: Skeleton) -> None:
    wellformed = Question(index, "wellformed")
    program.questions.append(wellformed)
    lines = skeleton.signature.splitlines()
    program.add(lines[0], wellformed)
    for line in lines[1:]:
        clause = _clause_of(spec, skeleton, line)
        program.add(line, Question(index, "wellformed", clause=clause),
                    clause.line if clause else None)


def _clause_of(spec: Spec, skeleton: Skeleton, line: str) -> Clause | None:
    stripped = line.strip()
    for clause, rendered in zip(spec.clauses, skeleton.clauses, strict=True):
        if stripped == f"{rendered.kind} {rendered.dafny}":
            return clause
    return None


def _add_example(program: CheckProgram, index: int, k: int, spec: Spec, example: Example,
                 r: Renderer) -> None:
    """One lemma: the inputs, then one branch per clause and one per wrong output."""
    r.values = example_values(spec, example, None)
    shared = _inputs(spec, example, r)
    branches: list[tuple[Question, list[str]]] = []
    for clause in spec.clauses:
        question = Question(index, clause.kind, k, clause)
        branches.append((question, _ask(spec, example, question, r)))
    for probe in probes(spec, example, r):
        question = Question(index, "screen", k, probe=probe)
        branches.append((question, _ask(spec, example, question, r)))
    origins = {q: q.clause.line for q, _ in branches if q.clause is not None}
    program.add_lemma(f"Example{k}", branches, shared, origins)


def _ask(spec: Spec, example: Example, q: Question, r: Renderer,
         negate: bool = False) -> list[str]:
    """The lines of one question, after the inputs: the outputs it needs, the facts
    about the slices it reads, and its assertion (negated to refute it)."""
    r.values = example_values(spec, example, q.probe)
    if q.kind == "screen":
        outputs = _outputs(spec, example, r, q.probe)
        r.take_facts()
        conjunction = _all_ensures(spec, r)
        return [*outputs, *_facts(r), f"assert !({conjunction});"]
    if q.kind == "weak":
        outputs = _outputs(spec, example, r, q.probe)
        r.take_facts()
        clauses = [f"assert {r.clause(c.expr)};" for c in spec.ensures]
        return [*outputs, *_facts(r), *clauses]
    assert q.clause is not None
    outputs = _outputs(spec, example, r, None) if q.clause.kind == "ensures" else []
    r.take_facts()
    text = r.clause(q.clause.expr, pre_state=q.clause.kind == "requires")
    claim = f"!({text})" if negate else text
    return [*outputs, *_facts(r), f"assert {claim};"]


def _all_ensures(spec: Spec, r: Renderer) -> str:
    parts = [Out(r.clause(c.expr), 0) for c in spec.ensures]
    if len(parts) == 1:
        return parts[0].text
    return " && ".join(r.logic_operand(p, "&&") for p in parts) or "true"


def _add_followup(program: CheckProgram, n: int, question: Question, spec: Spec,
                  r: Renderer) -> None:
    """One question in a lemma of its own: a probe to confirm (``weak``), a question
    to ask again (``recheck``) or the other way round (``refute``)."""
    asked = question.of
    assert question.example is not None and asked is not None
    example = spec.examples[question.example - 1]
    r.values = example_values(spec, example, question.probe)
    shared = _inputs(spec, example, r)
    target = question if question.kind == "weak" else asked
    lines = _ask(spec, example, target, r, negate=question.kind == "refute")
    origins = {question: asked.clause.line} if asked.clause is not None else None
    program.add_lemma(f"Followup{n}", [(question, lines)], shared, origins)


def _facts(r: Renderer) -> list[str]:
    """Assertions of the facts the last rendering gathered (true by construction)."""
    return [f"assert {fact};" for fact in r.take_facts()]


def _inputs(spec: Spec, example: Example, r: Renderer) -> list[str]:
    """``var`` lines for the inputs; a modified array's input is ``old_NAME``."""
    values = {b.name: b for b in example.inputs}
    lines: list[str] = []
    for param in spec.inputs:
        binding = values[param.name]
        target = old_name(param.name) if param.name in spec.frame("modifies") else param.name
        dtype = dafny_name(param.type, arrays_as_seqs=True)
        lines.append(f"var {target}: {dtype} := {value_text(r, binding.value)};")
        if fact := hints(target, binding.value, r):
            lines.append(f"assert {fact};")
    return lines


def _outputs(spec: Spec, example: Example, r: Renderer, probe: Probe | None) -> list[str]:
    """``var`` lines for the outputs (and modified arrays after the call)."""
    outputs = {b.name: b for b in example.outputs}
    lines: list[str] = []
    for name in [p.name for p in spec.outputs] + spec.frame("modifies"):
        declared = spec.param(name)
        assert declared is not None
        dtype = dafny_name(declared.type, arrays_as_seqs=True)
        lines.append(f"var {name}: {dtype} := {_output_value(name, outputs, r, probe)};")
        probed = probe is not None and probe.name == name
        if name in outputs and not probed and (fact := hints(name, outputs[name].value, r)):
            lines.append(f"assert {fact};")
    return lines


def _output_value(name: str, outputs: dict[str, Binding], r: Renderer,
                  probe: Probe | None) -> str:
    if probe is not None and probe.name == name:
        return probe.value
    binding = outputs.get(name)
    return old_name(name) if binding is None else value_text(r, binding.value)
