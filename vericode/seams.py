"""The seams between the layers: the ``Model`` and ``Verifier`` Protocols and the data
they exchange. The repair loop knows these and nothing of litellm or subprocesses.
Imports nothing of vericode."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field


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


class Procedure(BaseModel):
    """One implementation Dafny checked, and how that went."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    internal: str
    """Boogie's name: ``Impl$$_module.__default.Abs``."""
    check: str
    """``Impl`` (a body), ``CheckWellformed`` (a contract or function), ``OverrideCheck``."""
    module: str
    """The Dafny module ("" for the default one)."""
    declaration: str
    """The declaration: ``Abs``, or ``Class.Method`` for a member."""
    outcome: str
    """``verified``, ``error``, ``timed out``, ``out of memory``, …"""


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
    procedures: list[Procedure] = []
    """Each implementation Dafny checked, with its outcome (empty where the verifier does
    not report them)."""

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.VERIFIED

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


class Message(BaseModel):
    """One chat message, as sent to the model and kept in the run record."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["system", "user", "assistant"]
    content: str


class Reply(BaseModel):
    """What one call brought back, with what it cost; the loop's budget reads this."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    """The reply's text ("" when the model sent no content)."""
    prompt_tokens: int = Field(ge=0)
    completion_tokens: int = Field(ge=0)
    cost_usd: float | None
    """What the call cost; None when neither litellm nor the configured prices know."""
    seconds: float = Field(ge=0)
    """Wall time of the call, retries and their waits included."""
    cached: bool = False
    """Answered from the disk cache: no request was made now. Tokens, cost and seconds
    are those of the original call, so a budget can decide whether to count them."""
    model: str
    """The configured litellm model string that answered."""
    finish_reason: str | None = None
    """``stop``, ``length`` (cut off at max_tokens), … as the provider reported it."""
    attempts: int = Field(default=1, ge=1)
    """Requests made for this reply (more than 1 when failures were retried)."""


class Printout(BaseModel):
    """Dafny's own printout of the program it parsed (``/dprint``), or why there is none."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str | None
    """The printout; None when Dafny could not parse the program."""
    error: str = ""
    """What Dafny said when it printed nothing."""
    seconds: float = 0.0


class Verifier(Protocol):
    """One call: a program text in, a verdict with diagnostics out."""

    @property
    def version(self) -> str:
        """What verifies (``Dafny 2.3.0.10506 (z3 4.8.12)``), for records and reports."""
        ...

    def verify(self, text: str, name: str = "program.dfy") -> VerifyResult:
        """Verify ``text``; diagnostics name ``name``. Raises only if no verifier can run."""
        ...

    def printout(self, text: str) -> Printout:
        """How this Dafny read ``text``: its printout of the parsed program, for the
        integrity gate's second reading. Raises only if no verifier can run."""
        ...


class Model(Protocol):
    """One call: messages in, a reply with usage and cost out."""

    def complete(self, messages: list[Message], *, sample: int = 0) -> Reply:
        """Answer ``messages``; ``sample`` numbers independent samples of one request.
        Raises only if the model cannot answer (``vericode.llm.model.ModelError``)."""
        ...
