"""One candidate against one problem: extract, splice, gate, verify.

This is the path every candidate takes, from `vericode check`, the solve loop and
the corpus check alike: the model's text is never verified as it is, only the
spliced program, and only when the integrity gate accepts it. "Solved" means
accepted *and* verified; nothing else is.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from vericode.candidate.extract import extract_program
from vericode.candidate.gate import Violation
from vericode.candidate.gate import check as gate
from vericode.candidate.splice import splice
from vericode.problem.tagged import Problem
from vericode.seams import Diagnostic, Verdict, Verifier


class CheckOutcome(BaseModel):
    """What happened to one candidate."""

    model_config = ConfigDict(extra="forbid")

    accepted: bool
    """The integrity gate accepted the spliced program."""
    verdict: Verdict | None = None
    """The verifier's verdict; None when the candidate was not verified (refused or
    unusable)."""
    violations: list[Violation] = Field(default_factory=list)
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    spliced: str | None = None
    """The program that was (or would have been) verified."""
    taken: list[str] = Field(default_factory=list)
    ignored: list[str] = Field(default_factory=list)
    error: str | None = None
    """Why the candidate could not be used at all (it does not parse)."""
    error_line: int | None = None
    error_column: int | None = None
    verifier_version: str = ""
    seconds: float = 0.0
    cached: bool = False

    @property
    def solved(self) -> bool:
        return self.accepted and self.verdict is Verdict.VERIFIED


def check_candidate(problem: Problem, candidate: str, verifier: Verifier) -> CheckOutcome:
    """Splice ``candidate`` (a program or a reply with a fenced block) into ``problem``,
    gate it, and verify it if the gate accepts it."""
    extracted = extract_program(candidate)
    offset = extracted.start_line - 1
    spliced = splice(problem, extracted.code)
    if spliced.program is None:
        line = spliced.error_line + offset if spliced.error_line else None
        return CheckOutcome(accepted=False, error=spliced.error, error_line=line,
                            error_column=spliced.error_column)
    judged = gate(problem.text, problem.slot_ranges(), spliced.program, problem.fillable)
    outcome = CheckOutcome(accepted=judged.accepted, violations=judged.violations,
                           spliced=spliced.program, taken=spliced.taken, ignored=spliced.ignored)
    if not judged.accepted:
        return outcome
    result = verifier.verify(spliced.program, f"{problem.id or 'problem'}.dfy")
    return outcome.model_copy(update={
        "verdict": result.verdict, "diagnostics": result.diagnostics,
        "verifier_version": result.verifier_version, "seconds": result.seconds,
        "cached": result.cached})
