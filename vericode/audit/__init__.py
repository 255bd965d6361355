"""The audit: does a spec mean anything at all?

``vacuous`` (its frozen text proves ``false``), ``weak`` (a trivial body is solved),
``unsatisfiable`` (Dafny proves that no output meets it for a witness input),
``depends`` (it names what only a candidate could define); ``sound`` when none of these
is found. Every question is put to the real verifier and read from its per-procedure
report.
"""

from vericode.audit.load import load_audited
from vericode.audit.models import AUDIT_FORMAT, Audit, Finding, FindingKind
from vericode.audit.run import AuditStore, audit_cached, audit_problem, audit_problems

__all__ = ["AUDIT_FORMAT", "Audit", "AuditStore", "Finding", "FindingKind", "audit_cached",
           "audit_problem", "audit_problems", "load_audited"]
