"""Unsatisfiable specs, certified by Dafny for one witness input.

For a witness (``x = 3, a = [1, 2]``: from ``--witness`` or the problem's own
``witness:``/``example:`` meta line) the audit asks Dafny two lemmas in the frozen
text: that the witness meets the requires, and that for it no output meets the
ensures (``VericodeAuditUnsat(outputs) requires pre ensures !post``, the inputs bound
by ``var`` expressions). Only both proved is ``unsatisfiable``; anything else is
``not decided``, with the reason. Arrays are heap objects no expression can bind: a
method with one is not decided.
"""

from __future__ import annotations

import re

from vericode.audit.frozen import Frozen, procedure_outcome
from vericode.audit.models import Finding, FindingKind
from vericode.audit.signature import Formal, Signature, signature
from vericode.audit.values import is_array
from vericode.dafny.syntax.program import Decl
from vericode.errors import BadInput
from vericode.seams import Verifier

UNSAT = "VericodeAuditUnsat"
WITNESS = "VericodeAuditWitness"
_BINDING = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_'?]*)\s*=(?!=)\s*(.+?)\s*$", re.S)
_PAIRS = {"(": ")", "[": "]", "{": "}"}


def parse_witness(text: str) -> dict[str, str]:
    """``x = 3, a = [1, 2]`` as ``{"x": "3", "a": "[1, 2]"}``; ``BadInput`` otherwise."""
    found: dict[str, str] = {}
    for piece in _top_level_split(text):
        match = _BINDING.match(piece)
        if match is None:
            raise BadInput(f"--witness: {piece.strip()!r} is not `name = value` "
                           "(write e.g. --witness 'x = 3, a = [1, 2]')")
        found[match.group(1)] = match.group(2)
    return found


def _top_level_split(text: str) -> list[str]:
    pieces, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(text):
        if quote:
            quote = "" if ch == quote and text[i - 1] != "\\" else quote
        elif ch in "\"'":
            quote = ch
        elif ch in _PAIRS:
            depth += 1
        elif ch in _PAIRS.values():
            depth -= 1
        elif ch == "," and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def problem_witness(meta: dict[str, str]) -> str | None:
    """The problem's own witness: ``witness: x = 3`` or the inputs of ``example: x = 3 ->
    y = 4`` in its meta block."""
    if meta.get("witness"):
        return meta["witness"]
    example = meta.get("example", "")
    return example.partition("->")[0] or None


def unsatisfiability(frozen: Frozen, witness: dict[str, str],
                     verifier: Verifier) -> list[Finding]:
    """``unsatisfiable`` when Dafny proves it for ``witness``, else ``not decided``."""
    target = _target(frozen, witness)
    if isinstance(target, str):
        return [_undecided(target)]
    decl, sig = target
    if any(is_array(f.type) for f in (*sig.inputs, *sig.outputs)):
        return [_undecided("arrays")]
    if not sig.outputs:
        return [_undecided(f"{decl.name} has no outputs to rule out")]
    result = verifier.verify(frozen.text(unsat_lemmas(decl, sig, witness)),
                             f"{frozen.problem.id}-unsat.dfy")
    shown = ", ".join(f"{f.name} = {witness[f.name]}" for f in sig.inputs)
    if procedure_outcome(result, UNSAT) != "verified":
        return [_undecided(f"Dafny did not prove that no output meets the ensures of "
                           f"{decl.name} for {shown} ({result.verdict.value})")]
    if _has_requires(decl) and procedure_outcome(result, WITNESS) != "verified":
        return [_undecided(f"Dafny did not prove that {shown} meets the requires of "
                           f"{decl.name}")]
    return [Finding(kind=FindingKind.UNSATISFIABLE,
                    detail=f"no output of {decl.name} meets its ensures for {shown} "
                    "(proved by Dafny)")]


def _undecided(reason: str) -> Finding:
    return Finding(kind=FindingKind.NOT_DECIDED, detail=f"unsatisfiability: {reason}")


def _target(frozen: Frozen, witness: dict[str, str]) -> tuple[Decl, Signature] | str:
    """The spec method whose inputs the witness gives, or why there is none."""
    methods = [(d, signature(frozen.program, d)) for d in frozen.spec_callables()
               if d.kind == "method"]
    for decl, sig in methods:
        if {f.name for f in sig.inputs} <= set(witness):
            return decl, sig
    if not methods:
        return "no spec method"
    names = ", ".join(f.name for f in methods[0][1].inputs)
    return f"the witness does not give every input of {methods[0][0].name} ({names})"


def unsat_lemmas(decl: Decl, sig: Signature, witness: dict[str, str]) -> str:
    """The two lemmas: the witness meets the requires; no output meets the ensures."""
    lets = "".join(_let(f, witness) for f in sig.inputs)
    pre = _conjunction(decl, "requires")
    post = _conjunction(decl, "ensures")
    outs = ", ".join(f"{f.name}: {f.type}" for f in sig.outputs)
    return (f"\nlemma {WITNESS}()\n  ensures {lets}{pre}\n{{\n}}\n"
            f"\nlemma {UNSAT}({outs})\n  requires {lets}{pre}\n"
            f"  ensures {lets}!({post})\n{{\n}}\n")


def _let(formal: Formal, witness: dict[str, str]) -> str:
    return f"var {formal.name}: {formal.type} := {witness[formal.name]}; "


def _conjunction(decl: Decl, kind: str) -> str:
    parts = [f"({c.text})" for c in decl.clauses if c.kind == kind]
    return " && ".join(parts) or "true"


def _has_requires(decl: Decl) -> bool:
    return any(c.kind == "requires" for c in decl.clauses)
