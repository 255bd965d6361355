"""What `vericode formalize` finds, as data: the rendered clauses and every check."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal as Choice

from pydantic import BaseModel, ConfigDict

from vericode.spec.by_model import ModelClause
from vericode.spec.skeleton import RenderedClause


class CheckStatus(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"
    """The check could not run (a spec without examples has nothing to probe)."""


class Check(BaseModel):
    """One check of one spec: an example against a clause, a probe, well-formedness."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Choice["wellformed", "requires", "ensures", "weak", "satisfiable", "scope",
                 "formalized"]
    status: CheckStatus
    message: str
    line: int
    """The line of the spec file the check is about (the example's, else the clause's)."""
    example: int | None = None
    """1-based number of the example within its spec."""
    clause: str | None = None
    clause_line: int | None = None
    wrong_output: dict[str, str] | None = None
    """For a weak spec: the wrong output that satisfied every ensures clause."""


class SpecReport(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    line: int
    skeleton: str
    tagged: str
    clauses: tuple[RenderedClause, ...]
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(c.status is not CheckStatus.FAILED for c in self.checks)

    @property
    def weak(self) -> bool:
        return any(c.kind == "weak" and c.status is CheckStatus.FAILED for c in self.checks)


class FileReport(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    specs: tuple[SpecReport, ...]
    verifier: str = ""
    seconds: float = 0.0
    formalized: tuple[ModelClause, ...] = ()
    """The clauses a model formalized (``--formalize llm``), for the user to review."""

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.specs)

    def to_json(self) -> dict[str, object]:
        data = self.model_dump(mode="json")
        data["ok"] = self.ok
        for spec, out in zip(self.specs, data["specs"], strict=True):
            out["ok"], out["weak"] = spec.ok, spec.weak
        return data
