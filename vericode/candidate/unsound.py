"""Known soundness bugs of the Dafny we verify with, refused where a candidate uses them.

A table per Dafny version (``major.minor``): each entry names the Dafny issue, and a
detector over what the candidate wrote (its declarations and its tokens) finds the
construct that the bug lets prove ``false``. A detector is as narrow as the variants
that verify ``false`` under that version allow, so that ordinary code stays accepted.
An unknown version gets every table (fail closed).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from vericode.candidate.rules import Finding
from vericode.dafny.syntax.lexer import Token, TokenKind
from vericode.dafny.syntax.program import Decl, Program

_ARROWS = ("->", "~>", "-->")
_BITVECTOR = re.compile(r"bv[0-9]+")
_VERSION = re.compile(r"(\d+)\.(\d+)")


@dataclass(frozen=True)
class Candidate:
    """What the candidate contributed to the spliced program."""

    program: Program
    decls: tuple[Decl, ...]
    """The candidate's own declarations (nested ones included)."""
    tokens: tuple[Token, ...]
    """Every code token the candidate wrote: its declarations and the bodies it filled."""


Detector = Callable[[Candidate], Iterator[Token]]


@dataclass(frozen=True)
class KnownBug:
    issue: int
    summary: str
    detect: Detector

    def finding(self, version: str, tok: Token) -> Finding:
        return Finding(tok, f"unsound-dafny-{version}-{self.issue}",
                       f"known unsound in Dafny {version} (dafny#{self.issue}): {self.summary}")


def findings(verifier_version: str, candidate: Candidate) -> Iterator[Finding]:
    """Every use of a known soundness bug of ``verifier_version`` (e.g. ``"Dafny
    2.3.0.10506 (z3 4.8.12)"``); an unknown version is checked against every table."""
    for version, bug in known_unsound(verifier_version):
        for tok in bug.detect(candidate):
            yield bug.finding(version, tok)


# -- detectors ------------------------------------------------------------------------


def _heap_reading_functions(candidate: Candidate) -> Iterator[Token]:
    """Landin's knot through the heap needs a function that reads the heap: a ``~>``
    type, a lambda with a ``reads`` clause, ``reads *`` or ``f.reads``."""
    clause_starts = {c.span.start for d in candidate.decls for c in d.clauses}
    tokens = candidate.tokens
    for i, tok in enumerate(tokens):
        if _arrow_at(tokens, i) == "~>" or _reads_heap(tokens, i, clause_starts):
            yield tok


def _reads_heap(tokens: tuple[Token, ...], i: int, clause_starts: set[int]) -> bool:
    """A ``reads`` of a lambda, ``reads *`` or ``f.reads``."""
    tok = tokens[i]
    return tok.text == "reads" and tok.kind is TokenKind.IDENT and (
        tok.offset not in clause_starts or _text_at(tokens, i + 1) == "*"
        or _text_at(tokens, i - 1) == ".")


def _function_const_fields(candidate: Candidate) -> Iterator[Token]:
    """A class's ``const`` field that can hold a function (its type has an arrow, a type
    parameter of the class, or a type whose definition has an arrow)."""
    carrying = _function_carrying_types(candidate.program)
    for container in candidate.decls:
        if container.kind not in ("class", "trait"):
            continue
        params = set(container.params)
        for field in container.members:
            if field.kind == "const" and _carries(candidate.program, field, carrying | params):
                yield candidate.program.tokens_in(field.span)[0]


def _type_parameter_left_of_arrow(candidate: Candidate) -> Iterator[Token]:
    """A class's field whose type puts a type parameter of the class left of an arrow."""
    for container in candidate.decls:
        if container.kind != "class" or not container.params:
            continue
        for field in container.members:
            tokens = candidate.program.tokens_in(field.signature)
            arrows = [i for i in range(len(tokens)) if _arrow_at(tokens, i)]
            yield from (t for i, t in enumerate(tokens)
                        if t.text in container.params and arrows and i < arrows[-1])


def _self_iset_datatype(candidate: Candidate) -> Iterator[Token]:
    """A datatype with an ``iset``/``imap`` of a datatype of the candidate's own."""
    own = {d.name for d in candidate.decls if d.kind in ("datatype", "codatatype")}
    for decl in candidate.decls:
        if decl.kind != "datatype":
            continue
        tokens = candidate.program.tokens_in(decl.span)
        for i, tok in enumerate(tokens):
            if tok.text in ("iset", "imap") and own & set(_type_args(tokens, i)):
                yield tok


def _index_by_membership_function(candidate: Candidate) -> Iterator[Token]:
    """dafny#600: ``s[F(x)]`` where ``F`` ensures ``F(x) in ...``."""
    members = {d.name for d in candidate.decls if d.kind == "function"
               and any(c.kind == "ensures" and _mentions_membership(d.name, c.text)
                       for c in d.clauses)}
    tokens = candidate.tokens
    for i, tok in enumerate(tokens):
        if tok.text in members and _text_at(tokens, i - 1) == "[":
            yield tok


def _const_with_subset_constructor(candidate: Candidate) -> Iterator[Token]:
    """dafny#922: a ``const`` initialised with a constructor that takes a subset type."""
    program = candidate.program
    subsets = {d.name for _, d in program.walk() if d.kind == "type" and d.detail == "subset"}
    ctors = {d.name for _, d in program.walk() if d.kind == "ctor"
             and subsets & {t.text for t in program.tokens_in(d.span)}}
    for decl in candidate.decls:
        if decl.kind == "const":
            for tok in program.tokens_in(decl.span):
                if tok.text in ctors:
                    yield tok


def _bitvector_decreases(candidate: Candidate) -> Iterator[Token]:
    """dafny#2511: a ``decreases`` clause over a bit-vector."""
    tokens = candidate.tokens
    bitvectors = {tokens[i - 2].text for i, t in enumerate(tokens)
                  if i >= 2 and _BITVECTOR.fullmatch(t.text) and tokens[i - 1].text == ":"}
    for i, tok in enumerate(tokens):
        if tok.text == "decreases":
            clause = _clause_tokens(tokens, i + 1)
            if any(t.text in bitvectors or _BITVECTOR.fullmatch(t.text) for t in clause):
                yield tok


# -- token helpers --------------------------------------------------------------------


def _text_at(tokens: tuple[Token, ...] | list[Token], i: int) -> str:
    return tokens[i].text if 0 <= i < len(tokens) else ""


def _arrow_at(tokens: tuple[Token, ...] | list[Token], i: int) -> str:
    """The arrow (``->``, ``-->``, ``~>``) that starts at ``tokens[i]``, if any."""
    for arrow in _ARROWS:
        run = tokens[i : i + len(arrow)]
        if "".join(t.text for t in run) == arrow and all(
                a.end == b.offset for a, b in itertools.pairwise(run)):
            return arrow
    return ""


def _function_carrying_types(program: Program) -> set[str]:
    """Names of types whose definitions contain an arrow, transitively."""
    types = [d for _, d in program.walk()
             if d.kind in ("type", "newtype", "datatype", "codatatype")]
    carrying: set[str] = set()
    changed = True
    while changed:
        changed = False
        for decl in types:
            if decl.name not in carrying and _carries(program, decl, carrying):
                carrying.add(decl.name)
                changed = True
    return carrying


def _carries(program: Program, decl: Decl, names: set[str]) -> bool:
    tokens = program.tokens_in(decl.span)
    return any(_arrow_at(tokens, i) or t.text in names - {decl.name}
               for i, t in enumerate(tokens))


def _type_args(tokens: list[Token], i: int) -> Iterator[str]:
    """The names inside the ``<...>`` that follows ``tokens[i]``."""
    if _text_at(tokens, i + 1) != "<":
        return
    depth = 0
    for tok in tokens[i + 1 :]:
        depth += (tok.text == "<") - (tok.text == ">")
        if depth == 0:
            return
        yield tok.text


def _mentions_membership(name: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\s*\(.*\)\s*in\b", text) is not None


def _clause_tokens(tokens: tuple[Token, ...], start: int) -> Iterator[Token]:
    """The tokens of a clause's expression, up to a body, a ``;`` or the next clause."""
    for tok in tokens[start:]:
        if tok.text in ("{", ";", "requires", "ensures", "invariant", "modifies", "reads",
                        "decreases"):
            return
        yield tok


KNOWN_UNSOUND: dict[str, tuple[KnownBug, ...]] = {
    "2.3": (
        KnownBug(2178, "a function that reads the heap can be stored in the heap and call "
                       "itself through it (Landin's knot)", _heap_reading_functions),
        KnownBug(2750, "a const field of function type can be tied into a knot by its "
                       "constructor", _function_const_fields),
        KnownBug(3152, "a class type parameter left of an arrow lets a datatype contain a "
                       "predicate on itself", _type_parameter_left_of_arrow),
        KnownBug(1219, "a datatype may contain an iset of itself (Russell's paradox)",
                 _self_iset_datatype),
        KnownBug(600, "indexing by a function whose postcondition is a membership proves "
                      "a vacuous predicate false", _index_by_membership_function),
        KnownBug(922, "a const initializer does not check the subset types of a "
                      "constructor's arguments", _const_with_subset_constructor),
        KnownBug(2511, "a decreases clause over a bit-vector proves false",
                 _bitvector_decreases),
    ),
}
"""Known soundness bugs, by Dafny ``major.minor``."""


def known_unsound(verifier_version: str) -> list[tuple[str, KnownBug]]:
    """``(version, bug)`` for each known soundness bug refused for ``verifier_version``
    (every table's, for a version without one): what "verified" excludes."""
    match = _VERSION.search(verifier_version)
    key = f"{match.group(1)}.{match.group(2)}" if match else ""
    tables = {key: KNOWN_UNSOUND[key]} if key in KNOWN_UNSOUND else KNOWN_UNSOUND
    return [(version, bug) for version, bugs in tables.items() for bug in bugs]
