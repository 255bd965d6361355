"""Pruning a near miss without a model call (Houdini-style).

A candidate that fails only because some loop invariants or ``assert``s it added do
not hold is often a proof once those are dropped: the loop's real invariants and the
spec's clauses may still go through. When every error of a failed candidate sits on
such a line of the candidate's own text (a whole line that is one ``invariant`` or
``assert`` clause), the lines are dropped and the rest is checked again, through the
same path as any candidate (splice, gate, verifier, second reading), up to a fixed
point or ``rounds`` times. The spec's own clauses are never dropped: they are frozen,
and a failure there is not a pruning matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vericode.candidate.check import CheckOutcome, check_candidate
from vericode.problem.tagged import Problem
from vericode.seams import Severity, Verdict, Verifier

ROUNDS = 3
_PRUNABLE = re.compile(r"^\s*(invariant\b.*|assert\b[^{}]*;)\s*(//.*)?$")


@dataclass(frozen=True)
class Pruned:
    """A candidate with some of its own lines dropped, and how it fared."""

    candidate: str
    dropped: list[str]
    check: CheckOutcome


def prune(problem: Problem, candidate: str, check: CheckOutcome,
          verifier: Verifier, rounds: int = ROUNDS) -> Pruned | None:
    """The candidate minus its failing invariants and asserts, if that is solved."""
    dropped: list[str] = []
    for _ in range(rounds):
        lines = prunable_lines(candidate, check)
        if not lines:
            return None
        text = candidate.split("\n")
        dropped += [text[n - 1].strip() for n in sorted(lines)]
        candidate = "\n".join(line for n, line in enumerate(text, 1) if n not in lines)
        check = check_candidate(problem, candidate, verifier)
        if check.solved:
            return Pruned(candidate, dropped, check)
        if check.verdict is not Verdict.FAILED:
            return None
    return None


def prunable_lines(candidate: str, check: CheckOutcome) -> set[int]:
    """Candidate lines to drop: those every error points at, when each is a whole
    ``invariant``/``assert`` line the candidate wrote; empty when any error is not."""
    if not check.accepted or check.verdict is not Verdict.FAILED:
        return set()
    errors = [d for d in check.diagnostics if d.severity is Severity.ERROR]
    text = candidate.split("\n")
    found: set[int] = set()
    for error in errors:
        own = check.line_map.get(error.location.line)
        if own is None or not 0 < own <= len(text) or not _PRUNABLE.match(text[own - 1]):
            return set()
        found.add(own)
    return found
