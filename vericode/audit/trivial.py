"""Weak specs: a trivial body is solved.

Trivial candidates come from the spec callables' signatures: every output set to its
type's default (a fresh empty array for an array), an input of the same type echoed
back, the constants 0, 1 and -1 (``true`` for a bool), and an empty body (the obvious
one for a method that only ``modifies``). Each goes through the same path as a model's
candidate (``check_candidate``: splice, integrity gate, verifier); one that is solved
makes the spec weak, and is reported with its text.
"""

from __future__ import annotations

from collections.abc import Callable

from vericode.audit.frozen import Frozen
from vericode.audit.models import Finding, FindingKind
from vericode.audit.signature import Formal, Signature, signature
from vericode.audit.values import constants, default, fresh_array
from vericode.candidate.check import check_candidate
from vericode.dafny.syntax.program import Decl
from vericode.seams import Verifier

Chooser = Callable[[Formal, Signature], str | None]
"""The value one trivial candidate gives an output (None: the type's default)."""


def weakness(frozen: Frozen, verifier: Verifier) -> tuple[list[Finding], int]:
    """A ``weak`` finding for each trivial candidate that is solved, and how many were
    tried."""
    candidates = trivial_candidates(frozen)
    findings = []
    for why, text in candidates:
        if check_candidate(frozen.problem, text, verifier).solved:
            findings.append(Finding(kind=FindingKind.WEAK, body=text,
                                    detail=f"a trivial candidate is solved: {why}"))
    return findings, len(candidates)


def trivial_candidates(frozen: Frozen) -> list[tuple[str, str]]:
    """``(why, candidate text)`` pairs, each different, for the spec's callables."""
    callables = [(d, signature(frozen.program, d)) for d in frozen.spec_callables()]
    if not callables or any(s.generic for _, s in callables):
        return []
    kinds: list[tuple[str, Chooser | None]] = [("every output its default", _default)]
    kinds.append(("an input echoed back", _echo))
    kinds.extend((f"the constant {c}", _constant(c)) for c in ("0", "1", "-1", "true"))
    kinds.append(("an empty body", None))
    seen: dict[str, str] = {}
    for why, chooser in kinds:
        text = _candidate(frozen, callables, chooser)
        if text is not None and text not in seen:
            seen[text] = why
    return [(why, text) for text, why in seen.items()]


def _candidate(frozen: Frozen, callables: list[tuple[Decl, Signature]],
               chooser: Chooser | None) -> str | None:
    """The candidate program: each callable's frozen signature with a trivial body."""
    bodies = [_body(decl, sig, chooser) for decl, sig in callables]
    if any(b is None for b in bodies):
        return None
    text = frozen.program.text
    return "\n".join(f"{d.signature.of(text)}\n{b}\n"
                     for (d, _), b in zip(callables, bodies, strict=True))


def _body(decl: Decl, sig: Signature, chooser: Chooser | None) -> str | None:
    if sig.result is not None:
        value = _value(Formal("", sig.result), sig, chooser)
        return None if value is None else f"{{\n  {value}\n}}"
    if chooser is None or not sig.outputs:
        return "{\n}"
    values = [_value(f, sig, chooser) for f in sig.outputs]
    if any(v is None for v in values):
        return None
    lines = "".join(f"  {f.name} := {v};\n" for f, v in zip(sig.outputs, values, strict=True))
    return "{\n" + lines + "}"


def _value(formal: Formal, sig: Signature, chooser: Chooser | None) -> str | None:
    chosen = chooser(formal, sig) if chooser else None
    return chosen or default(formal.type) or fresh_array(formal.type)


def _default(formal: Formal, sig: Signature) -> str | None:
    return None


def _echo(formal: Formal, sig: Signature) -> str | None:
    return next((f.name for f in sig.inputs if f.type == formal.type), None)


def _constant(value: str) -> Chooser:
    def choose(formal: Formal, sig: Signature) -> str | None:
        return value if value in constants(formal.type) else None
    return choose
