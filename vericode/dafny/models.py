"""What a verification run says: a verdict and its diagnostics, as data."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Verdict(StrEnum):
    """The outcome of one verification run. Only ``verified`` is a success."""

    VERIFIED = "verified"
    FAILED = "failed"
    """The program parsed and resolved, and the verifier reported errors."""
    TIMEOUT = "timeout"
    """Some proof did not finish within the time limit (never a success)."""
    PARSE_ERROR = "parse_error"
    RESOLUTION_ERROR = "resolution_error"
    CRASHED = "crashed"
    """The verifier died, was killed by a signal, or printed nothing we could read."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Location(BaseModel):
    """A place in a source file: 1-based line and 1-based column."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    line: int
    column: int
    source_line: str = ""
    """The text of that line in the file the user gave (no trailing newline)."""


class Related(BaseModel):
    """A location that explains a diagnostic (e.g. the postcondition that failed)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    location: Location
    message: str


class Diagnostic(BaseModel):
    """One message of the verifier, at a place in the user's text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    location: Location
    severity: Severity
    message: str
    code: str | None = None
    """Dafny's error code where it prints one (``BP5003``, ``p_module_level_const…``)."""
    kind: str = "verification"
    """Where it comes from: ``parse``, ``resolution``, ``verification`` or ``timeout``."""
    related: tuple[Related, ...] = ()


class VerifyResult(BaseModel):
    """The verdict of one run with everything the verifier said."""

    model_config = ConfigDict(extra="forbid")

    verdict: Verdict
    diagnostics: list[Diagnostic] = []
    verifier_version: str
    seconds: float
    cached: bool = False
    summary: str = ""
    """Dafny's closing line (``… 2 verified, 1 error``) or why there is none."""
    output: str = ""
    """The verifier's raw output after noise removal, for debugging."""

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.VERIFIED

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]
