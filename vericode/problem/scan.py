"""What a problem's frozen text says about itself, found when it loads.

Two things a reader of solve rates must know. Trusted assumptions: frozen text the
verifier takes on trust (``assume``/``expect`` in a frozen body, ``{:axiom}``,
``{:extern}``, ``{:verify false}``, body-less lemmas and functions); the vericoding
benchmark ships library methods whose body is ``assume {:axiom} false;``. Undefined
names: a name the frozen text uses that no frozen declaration defines; only a
candidate's helper could define it, which would let the model choose what the spec
means. Both are found on the parsed skeleton's tokens, never on raw text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from vericode.dafny.syntax.lexer import Token, TokenKind
from vericode.dafny.syntax.program import Attribute, Decl, Program, parse_program

FROZEN_PARTS = ("preamble", "spec", "postamble")
_TRUSTING_WORDS = ("assume", "expect")
_BINDERS = frozenset({"forall", "exists", "var", "set", "iset", "map", "imap", "case", "for",
                      "label"})
_BINDER_ENDS = frozenset({"::", "|", ":=", "=>", ";", ":-", "{", "}", "in", "to", "downto"})
_BUILTIN_WORDS = """
    abstract allocated as assert assigned assume break by calc case char class codatatype
    const constructor continue datatype decreases else ensures exists expect export extends
    false forall fresh function ghost if import in include int invariant is iterator label
    least lemma map match method modifies modify module multiset nat new newtype null object
    old opened predicate print real reads refines requires return returns reveal seq set
    static string then this trait true twostate type unchanged var while witness yield
    yields bool iset imap ORDINAL array array2 array3 to downto for greatest inductive
    opaque nameonly older hide fuel object? array? _ string?
"""
BUILTIN_NAMES = frozenset(_BUILTIN_WORDS.split())
"""Dafny's keywords and built-in names: never undefined."""


class TrustedAssumption(BaseModel):
    """Frozen text that the verifier takes on trust rather than proves."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    """The declaration it belongs to."""
    line: int
    """1-based line in ``problem.text``."""
    what: str


class UndefinedName(BaseModel):
    """A name the frozen text uses that no frozen declaration defines."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    part: str
    line: int
    column: int


class ScanReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    assumptions: list[TrustedAssumption]
    undefined: list[UndefinedName]
    fillable: list[str]
    """Spec callables with no body and no code slot: their bodies are the candidate's."""


@dataclass(frozen=True)
class _Skeleton:
    program: Program
    parts: Sequence[tuple[int, int, str]]
    """``(start, end, part name)`` of each part's content."""

    def part_at(self, offset: int) -> str:
        """The part an offset lies in; text around the parts (tags, gaps) is frozen."""
        return next((name for start, end, name in self.parts if start <= offset < end),
                    "preamble")

    def frozen(self, offset: int) -> bool:
        return self.part_at(offset) in FROZEN_PARTS

    def owner(self, offset: int) -> str:
        """The innermost declaration containing an offset."""
        inside = [(d.span.end - d.span.start, name) for name, d in self.program.walk()
                  if d.span.start <= offset < d.span.end]
        return min(inside)[1] if inside else ""


def scan(text: str, parts: Sequence[tuple[int, int, str]], source: str) -> ScanReport:
    """Scan a skeleton whose part contents lie at ``parts``; a parse error is ``BadInput``."""
    skeleton = _Skeleton(parse_program(text, source), parts)
    fillable = [name for name, d in skeleton.program.walk()
                if d.is_callable and d.body is None and skeleton.part_at(d.span.start) == "spec"
                and not _trusted_by_attribute(d)]
    assumptions = list(dict.fromkeys(_assumptions(skeleton, set(fillable))))
    return ScanReport(assumptions=assumptions, undefined=list(_undefined(skeleton)),
                      fillable=fillable)


def _assumptions(skeleton: _Skeleton, fillable: set[str]) -> Iterator[TrustedAssumption]:
    traits = {name for name, d in skeleton.program.walk() if d.kind == "trait"}
    for name, decl in skeleton.program.walk():
        if not skeleton.frozen(decl.span.start):
            continue
        for a in decl.attributes:
            if _trusting(a):
                shown = f"{{:{a.name} {a.args}}}" if a.args else f"{{:{a.name}}}"
                yield TrustedAssumption(name=name, line=a.span.line, what=f"{shown} attribute")
        abstract = name.rpartition(".")[0] in traits
        if decl.is_callable and decl.body is None and name not in fillable and not abstract:
            yield TrustedAssumption(name=name, line=decl.line,
                                    what=f"body-less {decl.kind}: its contract is assumed")
    for tok in skeleton.program.tokens:
        if (tok.kind is TokenKind.IDENT and tok.text in _TRUSTING_WORDS
                and skeleton.frozen(tok.offset)):
            yield TrustedAssumption(name=skeleton.owner(tok.offset), line=tok.line,
                                    what=f"`{tok.text}` statement")


def _trusting(attribute: Attribute) -> bool:
    return attribute.name in ("axiom", "extern") or (
        attribute.name == "verify" and attribute.args == "false")


def _trusted_by_attribute(decl: Decl) -> bool:
    """A body-less ``{:axiom}`` (or ``{:extern}``) declaration is the problem's trusted
    assumption, never a body the candidate fills."""
    return any(_trusting(a) for a in decl.attributes)


def _undefined(skeleton: _Skeleton) -> Iterator[UndefinedName]:
    """Uses of names no frozen declaration defines, first use of each name only."""
    program = skeleton.program
    frozen = [(n, d) for n, d in program.walk() if skeleton.frozen(d.span.start)]
    if any(d.kind == "include" or (d.kind == "import" and d.detail.startswith("opened"))
           for _, d in frozen):
        return  # names may come from text we cannot see
    defined = BUILTIN_NAMES | {part for n, d in frozen for part in _defines(n, d)}
    params = {n: set(d.params) for n, d in frozen}
    seen: set[str] = set()
    for name, decl in frozen:
        if decl.members:
            continue  # a container's own text is its members' (scanned one by one)
        tokens = [t for t in program.tokens_in(decl.span) if skeleton.frozen(t.offset)]
        local = defined | _enclosing_params(name, params) | _bound(tokens)
        for tok in _free_names(tokens, local):
            if tok.text not in seen:
                seen.add(tok.text)
                yield UndefinedName(name=tok.text, part=skeleton.part_at(tok.offset),
                                    line=tok.line, column=tok.column)


def _enclosing_params(name: str, params: dict[str, set[str]]) -> set[str]:
    """The declaration's own parameters and those of the declarations around it."""
    found: set[str] = set()
    parts = name.split(".")
    for i in range(1, len(parts) + 1):
        found |= params.get(".".join(parts[:i]), set())
    return found


def _defines(qualified: str, decl: Decl) -> Iterator[str]:
    """Names a frozen declaration makes available (a constructor also gives ``Name?``)."""
    yield from qualified.split(".")
    yield from decl.params
    if decl.kind == "ctor":
        yield f"{decl.name}?"


def _bound(tokens: list[Token]) -> set[str]:
    """Names bound inside a declaration: quantifier, let, comprehension, pattern and
    lambda variables, loop indexes. Generous on purpose (an over-count only hides a
    warning; an under-count would raise a false one)."""
    bound: set[str] = set()
    binding = False
    for i, tok in enumerate(tokens):
        if tok.kind is TokenKind.IDENT and tok.text in _BINDERS:
            binding = True
        elif tok.text in _BINDER_ENDS:
            binding = False
        elif binding and tok.kind is TokenKind.IDENT:
            bound.add(tok.text)
        if tok.text == "=>":
            bound.update(_lambda_params(tokens, i))
    return bound


def _lambda_params(tokens: list[Token], arrow: int) -> set[str]:
    if arrow == 0:
        return set()
    if tokens[arrow - 1].kind is TokenKind.IDENT:
        return {tokens[arrow - 1].text}
    names: set[str] = set()
    for tok in reversed(tokens[:arrow - 1]):
        if tok.text == "(":
            break
        if tok.kind is TokenKind.IDENT:
            names.add(tok.text)
    return names


def _free_names(tokens: list[Token], known: set[str] | frozenset[str]) -> Iterator[Token]:
    """Identifiers that are not member accesses (``x.name``), not attribute names and
    not ``known``."""
    for i, tok in enumerate(tokens):
        if tok.kind is not TokenKind.IDENT or tok.text in known or _is_builtin_type(tok.text):
            continue
        if (i and tokens[i - 1].text == ".") or _after_attribute_open(tokens, i):
            continue
        yield tok


def _after_attribute_open(tokens: list[Token], i: int) -> bool:
    return i >= 2 and tokens[i - 2].text == "{" and tokens[i - 1].text == ":"


def _is_builtin_type(name: str) -> bool:
    """``bv8``, ``array4`` and the like."""
    for prefix in ("bv", "array"):
        if name.startswith(prefix) and name[len(prefix):].rstrip("?").isdigit():
            return True
    return False
