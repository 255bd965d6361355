"""Re-verifying a run's solved programs, with no model: did any verdict change?

Why: a solve rate is a claim about a verifier. Under another Dafny (or z3) version, or
after a verifier bug is fixed, the same accepted programs may no longer verify.
``recheck`` verifies each solved problem's stored program again and lists the
verdicts that changed; it reads the run folder and writes nothing into it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from pydantic import BaseModel, ConfigDict, Field

from vericode.batch.store import StoredRun
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


def recheck(run: StoredRun, verifier: Verifier, jobs: int = 1) -> RecheckReport:
    """Verify every solved program of ``run`` with ``verifier`` (``jobs`` at a time)."""
    solved = [r for r in run.results.values() if r.solved and r.program is not None]

    def one(problem: str, program: str) -> Recheck:
        result = verifier.verify(program, f"{problem}.dfy")
        errors = [d.message for d in result.diagnostics if d.severity.value == "error"]
        return Recheck(problem=problem, before="verified", after=result.verdict.value,
                       errors=errors)

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        checks = list(pool.map(lambda r: one(r.problem, r.program or ""), solved))
    return RecheckReport(run=run.folder, verifier_before=run.manifest.verifier,
                         verifier_after=verifier.version,
                         checks=sorted(checks, key=lambda c: c.problem))
