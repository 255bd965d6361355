"""Splicing: a candidate's bodies and helpers into the problem's frozen skeleton.

The skeleton is the problem's; the candidate is only a source of slot contents. From
the candidate's declarations we take the bodies of the spec's callables (matched by
name; they go into the code slots, or right after a body-less spec function) and new
helper declarations (they go into the helpers slot). Everything frozen comes from the
problem, byte for byte, whatever the candidate wrote; every clause, signature or copy
we did not take is reported with its candidate line, so the model hears why.

A candidate that redefines a frozen name is not quietly dropped: its declaration is
kept among the helpers, where the integrity gate refuses it as a redeclaration. Only
an exact copy (same code tokens) of a frozen declaration is left out, with a note:
echoing the skeleton is not cheating. Helpers the problem suggests in its own helpers
slot stay, unless the candidate declares the same name (then the candidate's wins).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from vericode.dafny.syntax.lexer import TokenKind
from vericode.dafny.syntax.program import (
    DafnySyntaxError,
    Decl,
    Program,
    Span,
    parse_program,
    parse_skeleton,
)
from vericode.dafny.syntax.stream import dafny_code_tokens
from vericode.problem.tagged import Problem

Piece = tuple[str, int | None]
"""Text for the spliced program and the candidate line it starts on (None: frozen)."""


class SpliceResult(BaseModel):
    """The spliced program, what was taken and left, and the way back to the candidate."""

    model_config = ConfigDict(extra="forbid")

    program: str | None = None
    """The spliced program; None when the candidate does not parse."""
    taken: list[str] = Field(default_factory=list)
    ignored: list[str] = Field(default_factory=list)
    line_map: dict[int, int] = Field(default_factory=dict)
    """Line of the spliced program -> line of the candidate, for lines from the candidate."""
    frozen: list[tuple[int, int]] = Field(default_factory=list)
    """``[start, end)`` offsets of the program's text that came from the problem."""
    error: str | None = None
    """Why the candidate could not be used (it does not parse), with line and column."""
    error_line: int | None = None
    error_column: int | None = None

    @property
    def ok(self) -> bool:
        return self.program is not None

    def candidate_line(self, line: int) -> int | None:
        """The candidate line that a line of the spliced program came from, if any."""
        return self.line_map.get(line)


def splice(problem: Problem, candidate: str) -> SpliceResult:
    """Put ``candidate``'s bodies and helpers into ``problem``'s skeleton.

    A candidate that is nothing but one ``{ ... }`` block is taken as the body of the
    problem's only spec callable (models often answer with just the body).
    """
    skeleton = _Skeleton.of(problem)
    bare = _bare_body(candidate)
    if bare is not None and len(skeleton.code_slots) == 1:
        plan = _Plan(problem, skeleton, parse_program("", "candidate"))
        plan.take_bare_body(candidate, bare)
        return plan.result()
    try:
        program = parse_program(candidate, "candidate")
    except DafnySyntaxError as exc:
        return SpliceResult(
            error=f"the candidate does not parse at line {exc.line}, column {exc.column}: "
                  f"{exc.detail}",
            error_line=exc.line, error_column=exc.column)
    plan = _Plan(problem, skeleton, program)
    for decl in program.decls:
        plan.take(decl)
    return plan.result()


def _bare_body(candidate: str) -> Span | None:
    """The span of the candidate when it is exactly one balanced ``{ ... }`` block."""
    try:
        tokens = dafny_code_tokens(candidate)
    except DafnySyntaxError:
        return None
    if not tokens or tokens[0].text != "{" or tokens[-1].text != "}":
        return None
    depth = 0
    for i, tok in enumerate(tokens):
        depth += (tok.text == "{") - (tok.text == "}") if tok.kind is TokenKind.PUNCT else 0
        if depth == 0 and i < len(tokens) - 1:
            return None
    first = tokens[0]
    return Span(first.offset, tokens[-1].end, first.line, first.column)


@dataclass
class _Skeleton:
    """The problem's declarations: who gets a body from which slot, what is frozen."""

    program: Program
    code_slots: dict[str, int]
    """Callable name -> index of the code part holding its body."""
    insert_after: dict[str, int]
    """Body-less spec callable -> offset in ``problem.text`` right after its declaration."""
    frozen: dict[str, Decl]
    given: dict[str, Decl]
    """Declarations the problem itself puts in its helpers slot (suggested helpers)."""
    pinned: dict[str, tuple[int, Decl]]
    """Declarations with a contract inside a code slot (a lemma stating the real spec
    after the method body): part of the spec, only their bodies are the candidate's."""

    @classmethod
    def of(cls, problem: Problem) -> _Skeleton:
        program = parse_skeleton(problem.text, problem.source)
        ranges = problem.part_ranges()
        code = [(s, e, i) for s, e, i in ranges if problem.parts[i].name == "code"]
        in_slot = [(s, e) for s, e, i in ranges if not problem.parts[i].frozen]
        frozen = {d.name: d for d in program.decls
                  if not any(s <= d.span.start < e for s, e in in_slot)}
        slots = {d.name: i for d in frozen.values() if d.body for s, e, i in code
                 if s <= d.body.start < e}
        pinned = {d.name: (i, d) for d in program.decls for s, e, i in code
                  if s <= d.span.start < e and d.is_callable and d.clauses}
        fillable = {d.name: d.span.end for d in program.decls if d.name in problem.fillable}
        helpers = [(s, e) for s, e, i in ranges if problem.parts[i].name == "helpers"]
        given = {d.name: d for d in program.decls
                 if any(s <= d.span.start < e for s, e in helpers)}
        return cls(program, slots, fillable, frozen, given, pinned)


@dataclass
class _Plan:
    problem: Problem
    skeleton: _Skeleton
    candidate: Program
    fills: dict[int, list[Piece]] = field(default_factory=dict)
    inserts: dict[int, Piece] = field(default_factory=dict)
    helpers: list[Piece] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    pinned_bodies: dict[str, Piece] = field(default_factory=dict)

    def take(self, decl: Decl) -> None:
        """Route one top-level candidate declaration: a body, a copy, or a helper."""
        target = self._target(decl)
        if decl.is_callable and decl.name in self.skeleton.pinned:
            self._pinned(decl)
        elif target is not None:
            piece = self._body(decl)
            if piece is not None and target[0] == "slot":
                self.fills[target[1]] = [piece]
            elif piece is not None:
                self.inserts[target[1]] = ("\n" + piece[0].rstrip("\n"), piece[1])
        elif decl.name in self.skeleton.frozen and self._same(decl):
            self.ignored.append(f"your copy of the frozen {decl.kind} {decl.name} on line "
                                f"{decl.line} is the problem's own; the problem's is used")
        else:
            self._helper(decl)

    def take_bare_body(self, candidate: str, body: Span) -> None:
        """The whole candidate is the body of the problem's one spec callable."""
        ((name, slot),) = self.skeleton.code_slots.items()
        self.fills[slot] = [(body.of(candidate) + "\n", body.line)]
        self.taken.append(f"the whole candidate as the body of {name} (lines {body.line}-"
                          f"{_last_line(candidate, body)} of the candidate)")

    def _target(self, decl: Decl) -> tuple[str, int] | None:
        """Where this declaration's body goes, if it is a spec callable not yet filled."""
        if not decl.is_callable:
            return None
        slot = self.skeleton.code_slots.get(decl.name)
        if slot is not None and slot not in self.fills:
            return "slot", slot
        after = self.skeleton.insert_after.get(decl.name)
        if after is not None and after not in self.inserts:
            return "insert", after
        return None

    def _body(self, decl: Decl) -> Piece | None:
        """The candidate's body for a spec callable, noting any contract it changed."""
        frozen = self.skeleton.frozen.get(decl.name)
        if frozen is not None:
            self.ignored.extend(_contract_notes(decl, frozen, self.candidate,
                                                self.skeleton.program))
        if decl.body is None:
            self.ignored.append(f"your {decl.kind} {decl.name} on line {decl.line} has no "
                                "body; the problem's placeholder is kept")
            return None
        self.taken.append(f"the body of {decl.name} (lines {decl.body.line}-"
                          f"{_last_line(self.candidate.text, decl.body)} of the candidate)")
        return decl.body.of(self.candidate.text) + "\n", decl.body.line

    def _pinned(self, decl: Decl) -> None:
        """The candidate's body for a declaration with a contract inside a code slot."""
        if decl.name in self.pinned_bodies:
            self._helper(decl)  # a second one: the gate refuses the redeclaration
            return
        pinned = self.skeleton.pinned[decl.name][1]
        self.ignored.extend(_contract_notes(decl, pinned, self.candidate, self.skeleton.program))
        piece = self._body(decl)
        if piece is not None:
            self.pinned_bodies[decl.name] = (piece[0].removesuffix("\n"), piece[1])

    def _helper(self, decl: Decl) -> None:
        text = decl.span.of(self.candidate.text)
        self.helpers.append((text + "\n", decl.line))
        lines = f"lines {decl.line}-{_last_line(self.candidate.text, decl.span)}"
        what = f"{decl.kind} {decl.name}".rstrip()
        if decl.name in self.skeleton.frozen or decl.name in self.skeleton.code_slots:
            self.taken.append(f"your {what} ({lines} of the candidate) redeclares a frozen "
                              "name; it is kept in the helpers, where the integrity gate "
                              "refuses it")
        else:
            self.taken.append(f"helper {what} ({lines} of the candidate)")

    def _with_pinned(self, part: int) -> list[Piece]:
        """A code slot that holds declarations with contracts: the problem's text, its
        bodies replaced by the candidate's (a body it does not give stays the problem's
        placeholder, which then has to verify)."""
        start, end = next((s, e) for s, e, i in self.problem.part_ranges() if i == part)
        text, cut = self.problem.text, start
        pieces: list[Piece] = []
        for body, piece in self._slot_bodies(part):
            pieces.append((text[cut : body.start], None))
            pieces.append(piece or (body.of(text), None))
            cut = body.end
        pieces.append((text[cut:end], None))
        return [(t, line) for t, line in pieces if t]

    def _slot_bodies(self, part: int) -> list[tuple[Span, Piece | None]]:
        """The bodies inside a code slot, in order, each with the candidate's piece."""
        found: list[tuple[Span, Piece | None]] = []
        for name, (i, decl) in self.skeleton.pinned.items():
            if i == part and decl.body is not None:
                found.append((decl.body, self.pinned_bodies.get(name)))
                if name not in self.pinned_bodies:
                    self.ignored.append(f"the candidate gives no body for {decl.kind} {name};"
                                        " the problem's placeholder is kept")
        owner = self.fills.get(part)
        for name, decl in self.skeleton.frozen.items():
            if self.skeleton.code_slots.get(name) == part and decl.body is not None:
                piece = (owner[0][0].removesuffix("\n"), owner[0][1]) if owner else None
                found.append((decl.body, piece))
        return sorted(found, key=lambda pair: pair[0].start)

    def _given(self) -> list[Piece]:
        """The problem's own suggested helpers, unless the candidate declares the name."""
        names = {d.name for d in self.candidate.decls}
        text = self.skeleton.program.text
        return [(d.span.of(text) + "\n", None) for name, d in self.skeleton.given.items()
                if name not in names]

    def _same(self, decl: Decl) -> bool:
        frozen = self.skeleton.frozen[decl.name]
        return _code(self.candidate, decl.span) == _code(self.skeleton.program, frozen.span)

    def result(self) -> SpliceResult:
        owners = {i: name for name, i in self.skeleton.code_slots.items()}
        for i in self.problem.indices("code"):
            if i not in self.fills:
                self.ignored.append(f"the candidate gives no body for {owners.get(i, 'the spec')}"
                                    "; the problem's placeholder is kept")
        for i in {i for i, _ in self.skeleton.pinned.values()}:
            self.fills[i] = self._with_pinned(i)
        helpers = self.problem.indices("helpers")[0]
        self.fills[helpers] = _joined(self._given() + self.helpers)
        return _render(self.problem, self.fills, self.inserts, self.taken, self.ignored)


def _joined(pieces: list[Piece]) -> list[Piece]:
    """Helper declarations one after another, a blank line between them."""
    out: list[Piece] = []
    for i, piece in enumerate(pieces):
        out.extend([("\n", None)] if i else [])
        out.append(piece)
    return out


def _render(problem: Problem, fills: dict[int, list[Piece]], inserts: dict[int, Piece],
            taken: list[str], ignored: list[str]) -> SpliceResult:
    """The program from the problem's segments and the candidate's pieces."""
    pieces = list(_pieces(problem, fills, inserts))
    text, line_map, frozen, offset, line = "", {}, [], 0, 1
    for piece, candidate_line in pieces:
        if candidate_line is None:
            frozen.append((offset, offset + len(piece)))
        else:
            line_map.update(_lines(piece, line, candidate_line))
        text += piece
        offset += len(piece)
        line += piece.count("\n")
    return SpliceResult(program=text, taken=taken, ignored=ignored, line_map=line_map,
                        frozen=frozen)


def _lines(piece: str, line: int, candidate_line: int) -> dict[int, int]:
    """Program line -> candidate line for a candidate piece starting on program ``line``
    (an inserted body starts with the newline that ends the frozen line before it)."""
    lead = len(piece) - len(piece.lstrip("\n"))
    content = piece[lead:]
    count = content.count("\n") + (0 if content.endswith("\n") or not content else 1)
    return {line + lead + k: candidate_line + k for k in range(count)}


def _pieces(problem: Problem, fills: dict[int, list[Piece]],
            inserts: dict[int, Piece]) -> Iterator[Piece]:
    offset = 0
    for segment in problem.segments():
        if segment.part is not None and segment.part in fills:
            yield from fills[segment.part]
        else:
            yield from _split(segment.text, offset, inserts)
        offset += len(segment.text)


def _split(text: str, offset: int, inserts: dict[int, Piece]) -> Iterator[Piece]:
    """Frozen text, with candidate bodies inserted at their offsets."""
    cut = 0
    for at in sorted(k for k in inserts if offset <= k < offset + len(text)):
        yield text[cut : at - offset], None
        yield inserts[at]
        cut = at - offset
    yield text[cut:], None


def _contract_notes(decl: Decl, frozen: Decl, candidate: Program,
                    skeleton: Program) -> Iterator[str]:
    """What the candidate changed in a frozen signature or contract (all of it ignored)."""
    if _code(candidate, decl.signature) != _code(skeleton, frozen.signature):
        yield (f"your signature of {decl.name} on line {decl.signature.line} of the candidate "
               "was ignored: signatures are frozen")
    kept = {(c.kind, _code(skeleton, c.span)) for c in frozen.clauses}
    for clause in decl.clauses:
        if (clause.kind, _code(candidate, clause.span)) not in kept:
            yield (f"your {clause.kind} clause on line {clause.span.line} of the candidate "
                   "was ignored: contracts are frozen")


def _code(program: Program, span: Span) -> tuple[str, ...]:
    return tuple(t.text for t in program.tokens_in(span))


def _last_line(text: str, span: Span) -> int:
    return span.line + text.count("\n", span.start, max(span.start, span.end - 1))
