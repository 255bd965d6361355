"""What one solve produced: each attempt as recorded, what it spent, how it ended."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from vericode.candidate.gate import Violation
from vericode.seams import Diagnostic, Message


class Attempt(BaseModel):
    """One candidate: the request, the reply, and what vericode made of it."""

    model_config = ConfigDict(extra="forbid")

    round: int
    sample: int
    messages: list[Message]
    """The prompt as sent (system, problem, the exchange being repaired)."""
    reply: str
    verdict: str
    """``verified``, ``failed``, ``timeout``, ``parse_error``, ``resolution_error``,
    ``crashed`` (the verifier's verdict on an accepted program), ``refused`` (by the
    integrity gate), or ``unusable`` (no code, or code that does not parse)."""
    solved: bool = False
    """Accepted by the gate and verified: the only success."""
    spliced: str | None = None
    """The program that was checked: the candidate's slots in the frozen skeleton."""
    violations: list[Violation] = Field(default_factory=list)
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    taken: list[str] = Field(default_factory=list)
    ignored: list[str] = Field(default_factory=list)
    error: str | None = None
    """Why the reply was unusable."""
    duplicate_of: tuple[int, int] | None = None
    """``(round, sample)`` of an earlier identical candidate whose check was reused."""
    pruned_from: tuple[int, int] | None = None
    """``(round, sample)`` of the failed candidate this one is, minus the invariants and
    asserts that did not hold (no model call: see ``vericode.repair.prune``)."""
    dropped: list[str] = Field(default_factory=list)
    """The lines pruning dropped."""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = None
    """None when the cost is unknown (neither litellm nor configured prices know it)."""
    finish_reason: str | None = None
    """Why the reply ended: ``stop``, or ``length`` when max_tokens cut it off."""
    cached_reply: bool = False
    """Answered from the response cache: no request was made, nothing was spent."""
    model_seconds: float = 0.0
    check_seconds: float = 0.0
    seconds: float = 0.0


class Spend(BaseModel):
    """What one problem's run used: shared by the loop's ``Outcome`` and the run store's
    ``Result``, so that a report reads the same fields from either."""

    model_config = ConfigDict(extra="forbid")

    attempts: int = 0
    rounds: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    """USD of the calls whose cost is known; see ``unknown_cost_calls``."""
    unknown_cost_calls: int = 0
    """Calls whose cost nobody knows: ``cost_usd`` leaves them out, it does not zero them."""
    seconds: float = 0.0

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class SolveStatus(StrEnum):
    SOLVED = "solved"
    NOT_SOLVED = "not_solved"
    BUDGET_EXHAUSTED = "budget_exhausted"
    MODEL_ERROR = "model_error"
    INTERRUPTED = "interrupted"
    """Ctrl-C, a kill signal, or the verifier gone: the finished attempts are kept."""


class Outcome(Spend):
    """How one solve ended, with the final program and what the run spent."""

    status: SolveStatus
    problem: str
    reason: str
    retryable: bool = False
    """A model error that may pass (no connection, a time-out, a server error, a rate
    limit, a missing key): a resumed batch tries the problem again."""
    """Why it ended, in words (the model's error, the budget that ran out, …)."""
    program: str | None = None
    """The verified program, or the most promising failure; None if nothing was checked."""
    verdict: str | None = None
    """The final program's verdict (see ``Attempt.verdict``)."""
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    violations: list[Violation] = Field(default_factory=list)
    model: str = ""
    verifier: str = ""
    folder: str | None = None

    @property
    def solved(self) -> bool:
        return self.status is SolveStatus.SOLVED
