"""A callable's formals and results with their types, read from the parsed skeleton.

The declaration model keeps names but not types (splicing never needs them); the audit
does, to write default values, echo inputs and bind witness values. Types are read as
the exact text between a formal's ``:`` and the next top-level ``,`` or ``)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from vericode.dafny.syntax.lexer import Token
from vericode.dafny.syntax.program import Decl, Program

_OPEN = {"(": ")", "<": ">", "[": "]", "{": "}"}
_FORMAL_MODIFIERS = frozenset({"ghost", "new", "nameonly", "older"})


@dataclass(frozen=True)
class Formal:
    """One parameter or result: its name and its type as written."""

    name: str
    type: str


@dataclass(frozen=True)
class Signature:
    """What a method, lemma or function takes and gives."""

    inputs: tuple[Formal, ...]
    outputs: tuple[Formal, ...]
    """Named results of a method (``returns (y: int)``)."""
    result: str | None = None
    """A function's result type (``: int``); None for methods and lemmas."""
    generic: bool = False
    """It has type parameters (``<T>``): no concrete value can be written for them."""


def signature(program: Program, decl: Decl) -> Signature:
    """The formals of ``decl`` (a callable of ``program``)."""
    tokens = program.tokens_in(decl.signature)
    opening = next((i for i, t in enumerate(tokens) if t.text == "("), None)
    if opening is None:
        return Signature((), ())
    generic = any(t.text == "<" for t in tokens[:opening])
    close = _matching(tokens, opening)
    inputs = _formals(program.text, tokens[opening + 1:close])
    rest = tokens[close + 1:]
    if rest and rest[0].text == "returns" and len(rest) > 1 and rest[1].text == "(":
        end = _matching(rest, 1)
        return Signature(inputs, _formals(program.text, rest[2:end]), None, generic)
    if rest and rest[0].text == ":":
        return Signature(inputs, (), _result(program.text, rest[1:]), generic)
    if decl.kind == "predicate":
        return Signature(inputs, (), "bool", generic)
    return Signature(inputs, (), None, generic)


def _result(text: str, tokens: list[Token]) -> str | None:
    """A function's result type: ``int``, or the type of a named result ``(r: int)``."""
    if tokens and tokens[0].text == "(":
        named = _formals(text, tokens[1:_matching(tokens, 0)])
        return named[0].type if named else None
    return _text(text, tokens) or None


def _matching(tokens: list[Token], opening: int) -> int:
    """The index of the token closing the bracket at ``opening`` (or the last index)."""
    depth = 0
    for i in range(opening, len(tokens)):
        text = tokens[i].text
        depth += (text in "([{") - (text in ")]}")
        if depth == 0:
            return i
    return len(tokens) - 1


def _formals(text: str, tokens: list[Token]) -> tuple[Formal, ...]:
    return tuple(f for group in _split(tokens) if (f := _formal(text, group)) is not None)


def _split(tokens: list[Token]) -> list[list[Token]]:
    """Tokens split at top-level commas (brackets of every kind nest)."""
    groups: list[list[Token]] = [[]]
    depth = 0
    for tok in tokens:
        if tok.text == "," and depth == 0:
            groups.append([])
            continue
        depth += (tok.text in _OPEN) - (tok.text in _OPEN.values())
        groups[-1].append(tok)
    return [g for g in groups if g]


def _formal(text: str, group: list[Token]) -> Formal | None:
    while group and group[0].text in _FORMAL_MODIFIERS:
        group = group[1:]
    if len(group) < 3 or group[1].text != ":":
        return None
    type_tokens = group[2:]
    cut = next((i for i, t in enumerate(type_tokens) if t.text == ":="), len(type_tokens))
    return Formal(group[0].text, _text(text, type_tokens[:cut]))


def _text(text: str, tokens: list[Token]) -> str:
    return text[tokens[0].offset:tokens[-1].end] if tokens else ""
