"""Does a clause a model wrote say anything? One Dafny run asks, for each such clause,
whether it follows from the spec's other clauses.

A model that answers ``true``, or restates another clause, turns words the user
meant into nothing, and with no example to probe, nothing else would show it. So for
each model clause a lemma over all the parameters assumes the others (the requires,
and for an ensures clause the other ensures too) and asserts it. If Dafny proves
that, the clause adds nothing and the check fails: the words meant something, or
they would not be there. Anything short of a proof (an error, a time-out, a program
Dafny cannot read) claims nothing. Specs with arrays are left out (their clauses
read the heap, which a lemma over values cannot state).
"""

from __future__ import annotations

from vericode.seams import Verdict, Verifier
from vericode.spec.models import Spec
from vericode.spec.report import Check, CheckStatus
from vericode.spec.skeleton import RenderedClause, Skeleton
from vericode.spec.types import dafny_name


def redundancy_checks(specs: tuple[Spec, ...], skeletons: list[Skeleton],
                      verifier: Verifier) -> list[list[Check]]:
    """For each spec, a check per model clause (none for specs without any)."""
    lines: list[str] = []
    asked: list[tuple[int, RenderedClause, int, int]] = []
    for index, (spec, skeleton) in enumerate(zip(specs, skeletons, strict=True)):
        numbers = [k for k, c in enumerate(skeleton.clauses) if c.formalized_by is not None]
        if not numbers or any(p.type.name == "array" for p in spec.params):
            continue
        lines += [f"module Redundancy{index}_{spec.name} {{", skeleton.preamble]
        for number in numbers:
            first = len(lines) + 1
            lines += _lemma(spec, skeleton, number)
            asked.append((index, skeleton.clauses[number], first, len(lines)))
        lines.append("}")
    found: list[list[Check]] = [[] for _ in specs]
    if not asked:
        return found
    result = verifier.verify("\n".join(lines) + "\n", "spec-model-clauses.dfy")
    if result.verdict not in (Verdict.VERIFIED, Verdict.FAILED):
        return found  # no answer is no claim
    for index, clause, first, last in asked:
        silent = not any(first <= d.location.line <= last for d in result.errors)
        found[index].append(_check(clause, adds_nothing=silent))
    return found


def _lemma(spec: Spec, skeleton: Skeleton, number: int) -> list[str]:
    clause = skeleton.clauses[number]
    params = ", ".join(f"{p.name}: {dafny_name(p.type)}" for p in spec.params)
    assumed = [c for k, c in enumerate(skeleton.clauses)
               if k != number and (c.kind == "requires" or clause.kind == "ensures")]
    return [f"lemma AddsNothing{number}({params})",
            *(f"  requires {c.dafny}" for c in assumed),
            f"  ensures {clause.dafny}", "{", "}"]


def _check(clause: RenderedClause, adds_nothing: bool) -> Check:
    words = f"`{clause.kind}: {clause.text}` (line {clause.line}, formalized by model)"
    if not adds_nothing:
        return Check(kind="formalized", status=CheckStatus.PASSED, line=clause.line,
                     clause=clause.text, clause_line=clause.line,
                     message=f"{words} says more than the other clauses")
    return Check(kind="formalized", status=CheckStatus.FAILED, line=clause.line,
                 clause=clause.text, clause_line=clause.line,
                 message=f"{words} follows from the other clauses: as written in Dafny "
                         f"(`{clause.dafny}`) it adds nothing; reword the clause or drop it")
