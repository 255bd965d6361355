"""Re-verifying a run's solved programs, with no model: did any verdict change?

Why: a solve rate is a claim about a verifier. Under another Dafny (or z3) version, or
after a verifier bug is fixed, the same accepted programs may no longer verify.
``recheck`` takes each solved problem's stored program as a candidate of that problem
again (the same splice, integrity gate, verifier and second reading as in the run)
and lists the verdicts that changed; it reads the run folder and writes nothing into
it.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

from pydantic import BaseModel, ConfigDict, Field

from vericode.batch.store import StoredRun
from vericode.candidate.check import check_candidate
from vericode.problem.tagged import Problem
from vericode.seams import Verifier


class Recheck(BaseModel):
    """One solved problem, verified again."""

    model_config = ConfigDict(extra="forbid")

    problem: str
    before: str
    after: str
    errors: list[str] = Field(default_factory=list)
    """The new run's error messages, when it no longer verifies."""

    @property
    def changed(self) -> bool:
        return self.before != self.after


class RecheckReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    run: str
    verifier_before: str
    verifier_after: str
    checks: list[Recheck]

    @property
    def changed(self) -> list[Recheck]:
        return [c for c in self.checks if c.changed]


def recheck(run: StoredRun, verifier: Verifier, problems: Mapping[str, Problem],
            jobs: int = 1) -> RecheckReport:
    """Judge every solved program of ``run`` again as a candidate of its problem (from
    ``problems``, by id) with ``verifier``, ``jobs`` at a time."""
    solved = [r for r in run.results.values() if r.solved and r.program is not None]

    def one(problem_id: str, program: str) -> Recheck:
        problem = problems.get(problem_id)
        if problem is None:
            return Recheck(problem=problem_id, before="verified", after="problem not found",
                           errors=["the run's corpus no longer has this problem"])
        outcome = check_candidate(problem, program, verifier)
        after = ("verified" if outcome.solved else "refused" if not outcome.accepted
                 else outcome.verdict.value if outcome.verdict else "not verified")
        errors = [d.message for d in outcome.diagnostics if d.severity.value == "error"]
        errors += [f"{v.rule}: {v.message}" for v in outcome.violations]
        return Recheck(problem=problem_id, before="verified", after=after, errors=errors)

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        checks = list(pool.map(lambda r: one(r.problem, r.program or ""), solved))
    return RecheckReport(run=run.folder, verifier_before=run.manifest.verifier,
                         verifier_after=verifier.version,
                         checks=sorted(checks, key=lambda c: c.problem))
