"""Vacuous specs: the frozen text alone proves ``false``.

The probe is a lemma of the audit's own, ``VericodeAuditFalse() ensures false``, put
into the frozen text (code slots empty, so the spec's placeholder bodies cannot prove
it). Its body gives Dafny the terms its axioms need: each trusted lemma is called for
every argument its requires allow (a ``forall`` statement) and on a few sample
arguments, and each trusted function is applied to them. The probe verified, on
Dafny's per-procedure report, means any candidate could prove anything.

The culprit is the trusted declaration whose ``ensures`` (and calls), taken out of the
probe program, leave ``false`` unprovable.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from vericode.audit.frozen import Frozen, procedure_outcome
from vericode.audit.models import Finding, FindingKind
from vericode.audit.signature import Signature, signature
from vericode.audit.values import samples
from vericode.dafny.syntax.program import Decl, Span
from vericode.seams import Verdict, Verifier

PROBE = "VericodeAuditFalse"
SAMPLE_CALLS = 8
"""Sample argument tuples tried per trusted declaration."""


def vacuity(frozen: Frozen, verifier: Verifier) -> list[Finding]:
    """``vacuous`` (with the culprit where one can be named), a note when Dafny could
    not read the probe, or nothing."""
    trusted = frozen.trusted()
    result = verifier.verify(probe_program(frozen, trusted), f"{frozen.problem.id}-false.dfy")
    outcome = procedure_outcome(result, PROBE)
    if outcome is None:
        return [_unreadable(result.verdict, result.summary)]
    if outcome != "verified":
        return []
    culprit = find_culprit(frozen, trusted, verifier)
    where = f": take out {culprit} and it no longer follows" if culprit else ""
    return [Finding(kind=FindingKind.VACUOUS, culprit=culprit,
                    detail=f"the frozen text alone proves false{where}")]


def _unreadable(verdict: Verdict, summary: str) -> Finding:
    if verdict in (Verdict.PARSE_ERROR, Verdict.RESOLUTION_ERROR):
        return Finding(kind=FindingKind.UNUSABLE, detail="the frozen text does not resolve "
                       f"without the code slots ({verdict.value}: {summary})")
    return Finding(kind=FindingKind.NOT_DECIDED,
                   detail=f"vacuity: Dafny reported nothing for the probe ({verdict.value})")


def find_culprit(frozen: Frozen, trusted: list[tuple[str, Decl]],
                 verifier: Verifier) -> str | None:
    """The first trusted declaration without which the probe fails."""
    for name, decl in trusted:
        rest = [(n, d) for n, d in trusted if n != name]
        cut = [c.span for c in decl.clauses if c.kind == "ensures"]
        text = probe_program(frozen, rest, cut)
        result = verifier.verify(text, f"{frozen.problem.id}-culprit.dfy")
        if procedure_outcome(result, PROBE) not in ("verified", None):
            return name
    return None


def probe_program(frozen: Frozen, trusted: list[tuple[str, Decl]],
                  cut: Sequence[Span] = ()) -> str:
    body = "".join(_uses(frozen, name, decl) for name, decl in trusted)
    lemma = f"\nlemma {PROBE}()\n  ensures false\n{{\n{body}}}\n"
    return frozen.text(lemma, cut)


def _uses(frozen: Frozen, name: str, decl: Decl) -> str:
    """Statements that put a trusted declaration's contract before the prover."""
    if "." in name or decl.kind not in ("lemma", "function", "predicate"):
        return ""
    sig = signature(frozen.program, decl)
    if sig.generic:
        return ""
    requires = " && ".join(f"({c.text})" for c in decl.clauses if c.kind == "requires")
    text = _forall_call(decl, sig, requires) if decl.kind == "lemma" and not sig.outputs else ""
    return text + "".join(_sample_use(decl, sig, requires, args)
                          for args in _argument_tuples(sig))


def _forall_call(decl: Decl, sig: Signature, requires: str) -> str:
    if not sig.inputs:
        return f"  if {requires or 'true'} {{ {decl.name}(); }}\n"
    bound = ", ".join(f"{f.name}: {f.type}" for f in sig.inputs)
    args = ", ".join(f.name for f in sig.inputs)
    range_ = f" | {requires}" if requires else ""
    return f"  forall {bound}{range_} {{ {decl.name}({args}); }}\n"


def _argument_tuples(sig: Signature) -> list[tuple[str, ...]]:
    choices = [samples(f.type) for f in sig.inputs]
    if not sig.inputs or not all(choices):
        return []
    return list(itertools.islice(itertools.product(*choices), SAMPLE_CALLS))


def _sample_use(decl: Decl, sig: Signature, requires: str, args: tuple[str, ...]) -> str:
    binds = "".join(f"var {f.name}: {f.type} := {v}; " for f, v in zip(sig.inputs, args,
                                                                       strict=True))
    call = f"{decl.name}({', '.join(f.name for f in sig.inputs)})"
    if decl.kind == "lemma":
        outs = ", ".join(f"vericode_{f.name}" for f in sig.outputs)
        use = f"var {outs} := {call};" if outs else f"{call};"
    else:
        use = f"var vericode_result := {call};"
    return f"  {{ {binds}if {requires or 'true'} {{ {use} }} }}\n"
