"""The integrity gate: a verified candidate counts only if this accepts it.

The gate judges the *spliced* program against the problem's skeleton on its own,
trusting nothing the splicer says. It parses both into declarations and checks:

* every frozen declaration is still there, once, with the same modifiers,
  attributes, signature, contract and (unless its body is a slot) body;
* whatever else the program declares is the candidate's, and none of it redeclares
  or shadows a frozen name, and all of it has a body;
* nothing the candidate wrote (its helper declarations and the bodies it filled)
  proves by fiat: only allow-listed attributes and keywords (``candidate/rules.py``),
  no ``forall`` statement without a body, no ``decreases *`` unless the frozen
  contract declares it;
* nothing the candidate wrote uses a known soundness bug of the verifier's Dafny
  version (``candidate/unsound.py``).

A declaration with a contract inside a code slot (a lemma after the method body
whose ``ensures`` states the real spec) is part of the spec: its signature and
contract are frozen, and only its body is the candidate's.

It reads tokens from the real lexer, so words inside comments, strings and chars
never trigger it. Frozen text may carry trusted assumptions of its own (the
vericoding benchmark's ``assume {:axiom} false;`` library bodies); those are the
problem's, listed when it loads, and not the candidate's to add.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from vericode.candidate import rules, unsound
from vericode.candidate.rules import Finding
from vericode.dafny.syntax.lexer import LexError, Token
from vericode.dafny.syntax.program import (
    DafnySyntaxError,
    Decl,
    Program,
    Span,
    parse_program,
    parse_skeleton,
)

_LONE_CR = re.compile(r"\r(?!\n)")


class Violation(BaseModel):
    """One reason to refuse a candidate, at a place in the spliced program."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str
    line: int
    column: int
    text: str
    """The offending source line (trimmed)."""
    message: str


class GateResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    violations: list[Violation] = []

    @property
    def accepted(self) -> bool:
        return not self.violations


def check(skeleton: str, slots: Iterable[tuple[int, int]], spliced: str,
          fillable: Iterable[str] = (), verifier_version: str = "") -> GateResult:
    """Judge ``spliced`` against ``skeleton``, whose ``slots`` are ``[start, end)`` ranges.

    Declarations of the skeleton that lie outside every slot are frozen, and so are
    the signatures and contracts of declarations with a contract inside a code slot; a
    frozen callable whose body lies inside a slot has a body the candidate fills, and
    so do the bodiless functions named in ``fillable`` (those of the spec, never those
    of a preamble, which are trusted and stay bodiless). ``verifier_version`` picks the
    table of known soundness bugs (unknown or empty: all of them).
    """
    try:
        frozen_program = parse_skeleton(skeleton, "skeleton")
    except (DafnySyntaxError, LexError) as exc:
        raise ValueError(f"the skeleton itself does not parse: {exc}") from exc
    try:
        program = parse_program(spliced, "candidate")
    except (DafnySyntaxError, LexError) as exc:
        line, column = getattr(exc, "line", 1), getattr(exc, "column", 1)
        return GateResult(violations=[_violation(spliced, "unparsable", line, column, str(exc))])
    judge = _Judge(frozen_program, list(slots), program, frozenset(fillable))
    violations = set(_lone_carriage_returns(skeleton, spliced))
    violations.update(judge.match(judge.frozen(), list(program.decls)))
    violations.update(judge.unsound(verifier_version))
    return GateResult(violations=sorted(violations, key=lambda v: (v.line, v.column, v.rule)))


@dataclass
class _Judge:
    skeleton: Program
    slots: list[tuple[int, int]]
    program: Program
    fillable: frozenset[str]
    own: list[Decl] = field(default_factory=list)
    """The candidate's own declarations, nested ones included."""
    written: list[Span] = field(default_factory=list)
    """Every stretch of the program the candidate wrote (declarations, filled bodies)."""

    def inside_slot(self, span: Span) -> bool:
        return inside_slots(span, self.slots)

    def _body_is_slot(self, decl: Decl) -> bool:
        return body_in_slots(decl, self.slots)

    def frozen(self) -> list[Decl]:
        """Top-level declarations outside the slots, and those with a contract inside a
        code slot (a slot that holds a frozen declaration's body)."""
        decls = self.skeleton.decls
        outside = [d for d in decls if not self.inside_slot(d.span)]
        code = [(s, e) for s, e in self.slots
                if any(_overlaps(d.body, s, e) for _, d in self.skeleton.walk()
                       if not self.inside_slot(d.span))]
        return [d for d in decls if d in outside or (
            d.is_callable and d.clauses and any(s <= d.span.start < e for s, e in code))]

    def match(self, frozen: list[Decl], decls: list[Decl]) -> Iterator[Violation]:
        """Frozen declarations must each appear once, unchanged; the rest is the candidate's."""
        frozen_names = {name for d in frozen for name in _names(d)}
        matched: set[int] = set()
        for want in frozen:
            same = [i for i, d in enumerate(decls) if (d.kind, d.name) == (want.kind, want.name)]
            if not same:
                yield self.at(None, "frozen-missing",
                              f"the frozen {want.kind} {want.name} is missing")
                continue
            matched.update(same)
            header = _header(self.skeleton, want)
            same.sort(key=lambda i: _header(self.program, decls[i]) != header)
            yield from self._compare(want, decls[same[0]])
            for extra in same[1:]:
                yield self.at(decls[extra], "redeclared",
                              f"{want.name} is frozen and may not be declared again")
        for i, decl in enumerate(decls):
            if i not in matched:
                yield from self._candidate_decl(decl, frozen_names)

    def _compare(self, frozen: Decl, decl: Decl) -> Iterator[Violation]:
        if _header(self.skeleton, frozen) != _header(self.program, decl):
            yield self.at(decl, "frozen-changed",
                          f"the signature or contract of {frozen.name} is frozen and was changed")
        elif frozen.members and self._body_is_slot(frozen):
            inner = [m for m in frozen.members if not self.inside_slot(m.span)]
            yield from self.match(inner, list(decl.members))
        elif self._body_is_slot(frozen) or (frozen.body is None and frozen.name in self.fillable):
            yield from self._candidate_body(decl, _declares_star(frozen))
        elif _tokens(self.skeleton, frozen.body) != _tokens(self.program, decl.body):
            yield self.at(decl, "frozen-changed", f"the body of {frozen.name} is frozen")

    def _candidate_body(self, decl: Decl, star_decreases: bool) -> Iterator[Violation]:
        if decl.body is None:
            yield self.at(decl, "bodiless", f"{decl.kind} {decl.name} has no body")
            return
        self.written.append(decl.body)
        yield from self._scan(self.program.tokens_in(decl.body), star_decreases)

    def _candidate_decl(self, decl: Decl, frozen_names: set[str]) -> Iterator[Violation]:
        for name in _names(decl):
            if name in frozen_names:
                yield self.at(decl, "redeclared",
                              f"{name} is a frozen name; the candidate may not redeclare it")
        self.own.extend(_walk(decl))
        self.written.append(decl.span)
        yield from _bodiless(decl, self)
        yield from self._scan(self.program.tokens_in(decl.span), False)

    def _scan(self, tokens: list[Token], star_decreases: bool) -> Iterator[Violation]:
        for finding in rules.scan(tokens, star_decreases=star_decreases):
            yield self._finding(finding)

    def unsound(self, verifier_version: str) -> Iterator[Violation]:
        """Uses of the verifier's known soundness bugs in what the candidate wrote."""
        tokens = [t for span in sorted(self.written, key=lambda s: s.start)
                  for t in self.program.tokens_in(span)]
        candidate = unsound.Candidate(self.program, tuple(self.own), tuple(tokens))
        for finding in unsound.findings(verifier_version, candidate):
            yield self._finding(finding)

    def _finding(self, finding: Finding) -> Violation:
        tok = finding.token
        return _violation(self.program.text, finding.rule, tok.line, tok.column,
                          finding.message)

    def at(self, decl: Decl | None, rule: str, message: str) -> Violation:
        line, column = (decl.line, decl.column) if decl else (1, 1)
        return _violation(self.program.text, rule, line, column, message)


def _lone_carriage_returns(skeleton: str, spliced: str) -> Iterator[Violation]:
    """A ``\\r`` without its ``\\n`` ends a line (and a ``//`` comment) for Dafny 2.3 but
    not for vericode's reader: the candidate may bring none the skeleton lacks."""
    lone = [m.start() for m in _LONE_CR.finditer(spliced)]
    if len(lone) > len(_LONE_CR.findall(skeleton)):
        line = spliced.count("\n", 0, lone[0]) + 1
        column = lone[0] - spliced.rfind("\n", 0, lone[0])
        yield _violation(spliced, "lone-carriage-return", line, column,
                         "a carriage return without a line feed ends a line for Dafny but "
                         "not for vericode's reader")


def _overlaps(span: Span | None, start: int, end: int) -> bool:
    return span is not None and start < span.end and span.start < end


def _declares_star(decl: Decl) -> bool:
    """Whether a frozen contract itself says ``decreases *``."""
    return any(c.kind == "decreases" and c.text.strip() == "*" for c in decl.clauses)


def _walk(decl: Decl) -> Iterator[Decl]:
    yield decl
    for member in decl.members:
        yield from _walk(member)


def _bodiless(decl: Decl, judge: _Judge) -> Iterator[Violation]:
    if decl.is_callable and decl.body is None:
        yield judge.at(decl, "bodiless",
                        f"{decl.kind} {decl.name} has no body: it would be assumed, not proven")
    for member in decl.members:
        yield from _bodiless(member, judge)


def _names(decl: Decl) -> Iterator[str]:
    if decl.name:
        yield decl.name
    for member in decl.members:
        yield from _names(member)


def _header(program: Program, decl: Decl) -> tuple[object, ...]:
    """What is frozen about a declaration besides its body: kind, name, modifiers,
    attributes, signature and contract, compared as code tokens."""
    attributes = tuple(_tokens(program, a.span) for a in decl.attributes)
    clauses = tuple((c.kind, _tokens(program, c.span)) for c in decl.clauses)
    members = tuple((m.kind, m.name, _header(program, m)) for m in decl.members
                    if m.kind in ("ctor", "const", "var"))
    return (decl.kind, decl.name, decl.modifiers, attributes, _tokens(program, decl.signature),
            clauses, members)


def _tokens(program: Program, span: Span | None) -> tuple[str, ...]:
    return () if span is None else tuple(t.text for t in program.tokens_in(span))


def _violation(text: str, rule: str, line: int, column: int, message: str) -> Violation:
    lines = text.splitlines()
    source = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    return Violation(rule=rule, line=line, column=column, text=source, message=message)


def inside_slots(span: Span, slots: Iterable[tuple[int, int]]) -> bool:
    """Whether ``span`` lies wholly inside one of the ``[start, end)`` slots."""
    return any(start <= span.start and span.end <= end for start, end in slots)


def body_in_slots(decl: Decl, slots: Iterable[tuple[int, int]]) -> bool:
    """Whether ``decl`` has a body that overlaps a slot (the candidate fills it)."""
    return decl.body is not None and any(
        start < decl.body.end and decl.body.start < end for start, end in slots)
