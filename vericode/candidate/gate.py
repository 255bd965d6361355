"""The integrity gate: a verified candidate counts only if this accepts it.

The gate judges the *spliced* program against the problem's skeleton on its own,
trusting nothing the splicer says. It parses both into declarations and checks:

* every frozen declaration is still there, once, with the same modifiers,
  attributes, signature, contract and (unless its body is a slot) body;
* whatever else the program declares is the candidate's, and none of it redeclares
  or shadows a frozen name, and all of it has a body;
* nothing the candidate wrote (its helper declarations and the bodies it filled)
  proves by fiat: ``assume``, ``expect``, ``{:axiom}``, ``{:verify false}``,
  ``{:extern}`` or any attribute not known to be harmless, ``forall`` statements
  without a body, ``decreases *``, ``include``, ``import``.

It reads tokens from the real lexer, so words inside comments, strings and chars
never trigger it. Frozen text may carry trusted assumptions of its own (the
vericoding benchmark's ``assume {:axiom} false;`` library bodies); those are the
problem's, listed when it loads, and not the candidate's to add.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from vericode.dafny.syntax.lexer import LexError, Token, TokenKind
from vericode.dafny.syntax.program import (
    DafnySyntaxError,
    Decl,
    Program,
    Span,
    parse_program,
    parse_skeleton,
)

ALLOWED_ATTRIBUTES = frozenset({
    "trigger", "induction", "fuel", "opaque", "nativeType", "tailrecursion", "compile",
    "print", "abstemious", "vcs_split_on_every_assert", "vcs_max_splits", "vcs_max_cost",
    "vcs_max_keep_going_splits", "split_here", "isolate_assertions", "autoReq", "inline",
    "matchinglooprewrite", "disable_nonlinear_arithmetic",
})
"""Attributes that change how a proof is searched for, never what is proven."""

_FORBIDDEN_WORDS = {
    "assume": ("assume", "`assume` takes a fact without proof"),
    "expect": ("expect", "`expect` checks at run time what must be proven"),
    "include": ("include", "`include` brings in unchecked text"),
    "import": ("import", "`import` of a module the skeleton does not import"),
}
_NAMED_ATTRIBUTES = {
    "axiom": ("axiom", "`{:axiom}` declares a fact without proof"),
    "extern": ("extern", "`{:extern}` declares code the verifier cannot see"),
    "verify": ("verify-false", "`{:verify false}` turns verification off"),
}
_EXPRESSION_END = (TokenKind.IDENT, TokenKind.NUMBER, TokenKind.STRING, TokenKind.CHAR)


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
          fillable: Iterable[str] = ()) -> GateResult:
    """Judge ``spliced`` against ``skeleton``, whose ``slots`` are ``[start, end)`` ranges.

    Declarations of the skeleton that lie outside every slot are frozen; a frozen
    callable whose body lies inside a slot has a body the candidate fills, and so do
    the bodiless functions named in ``fillable`` (those of the spec, never those of a
    preamble, which are trusted and stay bodiless).
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
    frozen = [d for d in frozen_program.decls if not judge.inside_slot(d.span)]
    violations = set(judge.match(frozen, list(program.decls)))
    return GateResult(violations=sorted(violations, key=lambda v: (v.line, v.column, v.rule)))


@dataclass
class _Judge:
    skeleton: Program
    slots: list[tuple[int, int]]
    program: Program
    fillable: frozenset[str]

    def inside_slot(self, span: Span) -> bool:
        return any(start <= span.start and span.end <= end for start, end in self.slots)

    def _body_is_slot(self, decl: Decl) -> bool:
        return decl.body is not None and any(
            start < decl.body.end and decl.body.start < end for start, end in self.slots)

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
            yield from self._candidate_body(decl)
        elif _tokens(self.skeleton, frozen.body) != _tokens(self.program, decl.body):
            yield self.at(decl, "frozen-changed", f"the body of {frozen.name} is frozen")

    def _candidate_body(self, decl: Decl) -> Iterator[Violation]:
        if decl.body is None:
            yield self.at(decl, "bodiless", f"{decl.kind} {decl.name} has no body")
            return
        yield from self._scan(self.program.tokens_in(decl.body))

    def _candidate_decl(self, decl: Decl, frozen_names: set[str]) -> Iterator[Violation]:
        for name in _names(decl):
            if name in frozen_names:
                yield self.at(decl, "redeclared",
                              f"{name} is a frozen name; the candidate may not redeclare it")
        yield from _bodiless(decl, self)
        yield from self._scan(self.program.tokens_in(decl.span))

    def _scan(self, tokens: list[Token]) -> Iterator[Violation]:
        for i, tok in enumerate(tokens):
            if tok.kind is TokenKind.IDENT and tok.text in _FORBIDDEN_WORDS:
                rule, why = _FORBIDDEN_WORDS[tok.text]
                yield self._token(tok, rule, why)
            elif tok.text == "{" and i + 1 < len(tokens) and tokens[i + 1].text == ":":
                yield from self._attribute(tokens, i)
            elif tok.text == "decreases" and i + 1 < len(tokens) and tokens[i + 1].text == "*":
                yield self._token(tok, "decreases-star", "`decreases *` allows non-termination")
            elif tok.text == "forall" and _bodiless_forall_statement(tokens, i):
                yield self._token(tok, "forall-without-body",
                                  "a `forall` statement without a body is an assumption")

    def _attribute(self, tokens: list[Token], i: int) -> Iterator[Violation]:
        name = tokens[i + 2].text if i + 2 < len(tokens) else ""
        argument = tokens[i + 3].text if i + 3 < len(tokens) else ""
        if name == "verify" and argument != "false":
            return
        if name in _NAMED_ATTRIBUTES:
            rule, why = _NAMED_ATTRIBUTES[name]
            yield self._token(tokens[i], rule, why)
        elif name not in ALLOWED_ATTRIBUTES:
            yield self._token(tokens[i], "attribute",
                              f"the attribute {{:{name}}} is not allowed in a candidate")

    def _token(self, tok: Token, rule: str, message: str) -> Violation:
        return _violation(self.program.text, rule, tok.line, tok.column, message)

    def at(self, decl: Decl | None, rule: str, message: str) -> Violation:
        line, column = (decl.line, decl.column) if decl else (1, 1)
        return _violation(self.program.text, rule, line, column, message)


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


def _statement_start(tokens: list[Token], i: int) -> bool:
    return i == 0 or tokens[i - 1].text in (";", "{", "}")


def _bodiless_forall_statement(tokens: list[Token], i: int) -> bool:
    return _statement_start(tokens, i) and _bodiless_forall(tokens, i)


def _bodiless_forall(tokens: list[Token], i: int) -> bool:
    """A ``forall`` statement has a body when a ``{`` follows the end of an expression at
    its own nesting depth, before the statement ends (``;`` or the enclosing ``}``)."""
    depth = 0
    for j in range(i + 1, len(tokens)):
        text = tokens[j].text
        if depth == 0 and text == "{" and _ends_expression(tokens[j - 1]):
            return False
        if depth == 0 and text in (";", "}"):
            return True
        if text in ("(", "[", "{"):
            depth += 1
        elif text in (")", "]", "}"):
            depth -= 1
    return True


def _ends_expression(tok: Token) -> bool:
    return tok.kind in _EXPRESSION_END or tok.text in (")", "]", "}")


def _violation(text: str, rule: str, line: int, column: int, message: str) -> Violation:
    lines = text.splitlines()
    source = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    return Violation(rule=rule, line=line, column=column, text=source, message=message)
