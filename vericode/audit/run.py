"""Auditing problems: one at a time, or many side by side through one verifier.

The checks run in order of what they make moot: a spec that depends on a candidate's
definitions cannot be read on its own; a vacuous one makes every candidate verify;
then the trivial candidates (weak) and the witness (unsatisfiable). Results are kept in
a JSON store keyed by the problem's text, the witness and the verifier, so that a
second audit of an unchanged corpus costs nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from vericode.audit.frozen import Frozen
from vericode.audit.models import AUDIT_FORMAT, Audit, Finding, FindingKind
from vericode.audit.trivial import weakness
from vericode.audit.unsat import parse_witness, problem_witness, unsatisfiability
from vericode.audit.vacuity import vacuity
from vericode.errors import BadInput
from vericode.files.jsonstore import JsonStore, digest
from vericode.problem.tagged import Problem
from vericode.seams import Verifier

Show = Callable[[Audit], None]


def audit_problem(problem: Problem, verifier: Verifier, witness: str | None = None) -> Audit:
    """Every audit question about ``problem``; ``witness`` overrides the problem's own."""
    started = time.monotonic()
    findings, tried = _findings(problem, verifier, witness)
    return Audit(problem=problem.id, source=problem.source, findings=findings,
                 seconds=round(time.monotonic() - started, 3), trivial_tried=tried,
                 verifier_version=verifier.version)


def _findings(problem: Problem, verifier: Verifier,
              witness: str | None) -> tuple[list[Finding], int]:
    if problem.undefined:
        names = ", ".join(sorted({u.name for u in problem.undefined}))
        return [Finding(kind=FindingKind.DEPENDS, detail=f"the spec uses {names}, which "
                        "only a candidate could define")], 0
    frozen = Frozen.of(problem)
    findings = vacuity(frozen, verifier)
    if any(f.kind in (FindingKind.VACUOUS, FindingKind.UNUSABLE) for f in findings):
        return findings, 0
    weak, tried = weakness(frozen, verifier)
    findings.extend(weak)
    chosen = witness or problem_witness(problem.meta)
    if chosen:
        findings.extend(_witnessed(frozen, chosen, verifier))
    return findings, tried


def _witnessed(frozen: Frozen, witness: str, verifier: Verifier) -> list[Finding]:
    try:
        bindings = parse_witness(witness)
    except BadInput as exc:
        return [Finding(kind=FindingKind.NOT_DECIDED, detail=f"unsatisfiability: {exc}")]
    return unsatisfiability(frozen, bindings, verifier)


class AuditStore:
    """Audits on disk, by the problem's text, the witness and the verifier's version."""

    def __init__(self, cache_dir: Path) -> None:
        self.store: JsonStore[Audit] = JsonStore(cache_dir / "audit", Audit)

    @staticmethod
    def key(problem: Problem, witness: str | None, verifier: Verifier) -> str:
        return digest(AUDIT_FORMAT, problem.text, witness, verifier.version)

    def get(self, key: str) -> Audit | None:
        found = self.store.get(key)
        if found is None or found.format != AUDIT_FORMAT:
            return None
        return found.model_copy(update={"cached": True})

    def put(self, key: str, audit: Audit) -> None:
        self.store.put(key, audit)


def audit_cached(problem: Problem, verifier: Verifier, witness: str | None,
                 store: AuditStore | None) -> Audit:
    """``audit_problem``, answered from ``store`` when this exact question was asked."""
    key = AuditStore.key(problem, witness, verifier) if store else ""
    found = store.get(key) if store else None
    if found is not None:
        return found.model_copy(update={"problem": problem.id, "source": problem.source})
    try:
        audit = audit_problem(problem, verifier, witness)
    except BadInput as exc:  # the frozen text does not parse on its own
        return unusable(problem.id, problem.source, exc.message)
    if store:
        store.put(key, audit)
    return audit


def unusable(problem_id: str, source: str, why: str) -> Audit:
    """The audit of a problem that cannot be read."""
    return Audit(problem=problem_id, source=source,
                 findings=[Finding(kind=FindingKind.UNUSABLE, detail=why)])


def audit_problems(problems: Sequence[Problem], verifier: Verifier, jobs: int,
                   witness: str | None = None, store: AuditStore | None = None,
                   show: Show | None = None) -> list[Audit]:
    """Audits of ``problems`` (in their order), ``jobs`` at a time; ``show`` sees each
    as it ends."""
    def one(problem: Problem) -> Audit:
        audit = audit_cached(problem, verifier, witness, store)
        if show is not None:
            show(audit)
        return audit

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(one, problems))
