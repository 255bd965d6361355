"""The repair loop for one problem: a model proposes, Dafny checks, errors go back.

``solve`` is the loop, readable top to bottom: each round asks for ``samples``
candidates, checks each (extract, splice, gate, verify: ``check_candidate``, never the
model's text as it is), stops at the first that is accepted and verified, and
otherwise sends the most promising failure back with its errors. It ends as a typed
``Outcome``: solved, not solved within the rounds, a budget spent, or the model
unreachable. Every attempt is recorded as it finishes.

``vericode.api.solve`` builds the model, verifier and run folder from settings and
calls ``solve`` here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from vericode.candidate.check import CheckOutcome, check_candidate
from vericode.candidate.extract import extract_program
from vericode.dafny.syntax.lexer import LexError, code_tokens, tokenize
from vericode.llm.model import ModelError
from vericode.llm.retry import FINAL_FAILURES
from vericode.problem.tagged import Problem
from vericode.repair.outcome import Attempt, Outcome, SolveStatus
from vericode.repair.prompts import Conversation, History, repair_prompt
from vericode.repair.prune import prune
from vericode.repair.record import NoRecord, Recorder
from vericode.seams import Message, Model, Reply, Verifier

_PROMISE = {"failed": 0, "timeout": 0, "refused": 1, "resolution_error": 2, "crashed": 3,
            "parse_error": 3, "unusable": 4}
"""How close a failure is to a proof, best first: it verified-but-failed, it was refused
by the gate, it does not resolve, it does not even parse."""


class SolveOptions(BaseModel):
    """How hard to try: rounds, samples per round, and the budgets."""

    model_config = ConfigDict(extra="forbid")

    samples: int = Field(default=1, ge=1)
    attempts: int = Field(default=5, ge=1)
    """Rounds at most (the first proposal, then repairs)."""
    max_cost: float | None = Field(default=None, gt=0)
    max_tokens_total: int | None = Field(default=None, gt=0)
    max_seconds: float | None = Field(default=None, gt=0)
    history: History = "compact"
    prune: bool = True
    """Try a failed candidate again without its failing invariants and asserts, before
    asking the model (no call, the same gate and verifier)."""


@dataclass
class Budget:
    """What the run has spent against its limits; cached replies spend nothing."""

    options: SolveOptions
    start: float = field(default_factory=time.monotonic)
    tokens: int = 0
    cost: float = 0.0
    unknown_cost: int = 0

    def spend(self, reply: Reply) -> None:
        if reply.cached:
            return
        self.tokens += reply.prompt_tokens + reply.completion_tokens
        if reply.cost_usd is None:
            self.unknown_cost += 1
        else:
            self.cost += reply.cost_usd

    def exhausted(self) -> str | None:
        """Why no further call may be made, or None."""
        o = self.options
        if o.max_cost is not None and self.unknown_cost:
            return (f"--max-cost {o.max_cost:g} cannot be kept: the cost of {self.unknown_cost} "
                    "call(s) is unknown (give --price-in and --price-out, USD per million tokens)")
        if o.max_cost is not None and self.cost >= o.max_cost:
            return f"spent ${self.cost:.4f} of --max-cost {o.max_cost:g}"
        if o.max_tokens_total is not None and self.tokens >= o.max_tokens_total:
            return f"used {self.tokens} tokens of --max-tokens-total {o.max_tokens_total}"
        if o.max_seconds is not None and self.seconds >= o.max_seconds:
            return f"ran {self.seconds:.1f} s of --max-seconds {o.max_seconds:g}"
        return None

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.start


@dataclass
class Judged:
    """An attempt and the check behind it (None: the reply had nothing to check)."""

    attempt: Attempt
    check: CheckOutcome | None


def solve(problem: Problem, model: Model, verifier: Verifier,
          options: SolveOptions | None = None, record: Recorder | None = None) -> Outcome:
    """Run the repair loop on ``problem`` until it is solved or a limit ends it.

    A model that cannot answer ends the run as ``model_error`` (the message names the
    fix); Ctrl-C or a missing verifier end it as ``interrupted`` and propagate. Either
    way the outcome is recorded and every finished attempt is already on disk.
    """
    run = Run(problem, verifier, options or SolveOptions(), record or NoRecord())
    try:
        outcome = _rounds(run, model)
    except ModelError as error:
        outcome = run.end(SolveStatus.MODEL_ERROR, error.message).model_copy(
            update={"retryable": error.kind not in FINAL_FAILURES})
    except BaseException as error:
        run.record.finish(run.end(SolveStatus.INTERRUPTED, describe(error)))
        raise
    run.record.finish(outcome)
    return outcome


def _rounds(run: Run, model: Model) -> Outcome:
    """Propose, check, feed back; stop on a verdict or a limit."""
    options = run.options
    chat = Conversation(run.problem, run.verifier.version, options.history)
    for round_no in range(1, options.attempts + 1):
        tried: list[Judged] = []
        for sample in range(options.samples):
            if (spent := run.budget.exhausted()) is not None:
                return run.end(SolveStatus.BUDGET_EXHAUSTED, spent)
            run.record.progress(f"round {round_no}: asking the model (sample {sample + 1})")
            messages = chat.messages()
            judged = run.judge(round_no, sample, messages, model.complete(messages, sample=sample))
            if judged.attempt.solved:
                return run.end(SolveStatus.SOLVED, f"verified in round {round_no}")
            if options.prune and run.pruned(judged):
                return run.end(SolveStatus.SOLVED, f"verified in round {round_no}, pruned")
            tried.append(judged)
        best = most_promising(tried)
        chat.repair(best.attempt.reply, feedback(run.problem, best))
    return run.end(SolveStatus.NOT_SOLVED, f"not verified within {options.attempts} round(s)")


class Run:
    """The state of one solve: the budget, the candidates seen, the best so far."""

    def __init__(self, problem: Problem, verifier: Verifier, options: SolveOptions,
                 record: Recorder) -> None:
        self.problem, self.verifier, self.options, self.record = problem, verifier, options, record
        self.budget = Budget(options)
        self.seen: dict[str, Judged] = {}
        self.attempts: list[Attempt] = []
        self.best: Judged | None = None
        self.model_name = ""

    def judge(self, round_no: int, sample: int, messages: list[Message], reply: Reply) -> Judged:
        """Check a reply (once per distinct candidate), record it and count its cost."""
        self.budget.spend(reply)
        self.model_name = reply.model
        self.record.progress(f"round {round_no}: checking")
        start = time.monotonic()
        key = candidate_key(reply.text)
        earlier = self.seen.get(key)
        judged = earlier or check_reply(self.problem, reply.text, self.verifier)
        attempt = judged.attempt.model_copy(update={
            "round": round_no, "sample": sample, "messages": messages, "reply": reply.text,
            "duplicate_of": (earlier.attempt.round, earlier.attempt.sample) if earlier else None,
            "prompt_tokens": reply.prompt_tokens, "completion_tokens": reply.completion_tokens,
            "cost_usd": reply.cost_usd, "cached_reply": reply.cached,
            "finish_reason": reply.finish_reason,
            "model_seconds": reply.seconds, "check_seconds": time.monotonic() - start,
            "seconds": reply.seconds + time.monotonic() - start})
        judged = Judged(attempt, judged.check)
        self.seen.setdefault(key, judged)
        self.attempts.append(attempt)
        self.record.attempt(attempt)
        if attempt.spliced is not None and (self.best is None or promise(judged) < promise(
                self.best)):
            self.best = judged
        return judged

    def pruned(self, judged: Judged) -> bool:
        """Whether ``judged``, minus its failing invariants and asserts, is solved; the
        pruned candidate is then recorded as an attempt of its own."""
        if judged.check is None or judged.attempt.duplicate_of is not None:
            return False
        found = prune(self.problem, judged.attempt.reply, judged.check, self.verifier)
        if found is None:
            return False
        parent = judged.attempt
        attempt = blank("verified", solved=True, spliced=found.check.spliced,
                        diagnostics=found.check.diagnostics, taken=found.check.taken,
                        ignored=found.check.ignored).model_copy(update={
            "round": parent.round, "sample": parent.sample, "reply": found.candidate,
            "pruned_from": (parent.round, parent.sample), "dropped": found.dropped,
            "cost_usd": 0.0, "seconds": found.check.seconds})
        self.attempts.append(attempt)
        self.record.attempt(attempt)
        return True

    def end(self, status: SolveStatus, reason: str) -> Outcome:
        """The outcome: the solution (or the most promising failure) and what was spent."""
        final = self.attempts[-1] if status is SolveStatus.SOLVED else (
            self.best.attempt if self.best else None)
        spent = [a for a in self.attempts if not a.cached_reply]
        outcome = Outcome(
            status=status, problem=self.problem.id, reason=reason, attempts=len(self.attempts),
            rounds=self.attempts[-1].round if self.attempts else 0,
            prompt_tokens=sum(a.prompt_tokens for a in spent),
            completion_tokens=sum(a.completion_tokens for a in spent),
            cost_usd=self.budget.cost, unknown_cost_calls=self.budget.unknown_cost,
            seconds=self.budget.seconds, model=self.model_name, verifier=self.verifier.version)
        return outcome if final is None else outcome.model_copy(update={
            "program": final.spliced, "verdict": final.verdict,
            "diagnostics": final.diagnostics, "violations": final.violations})


def check_reply(problem: Problem, text: str, verifier: Verifier) -> Judged:
    """What a reply is worth: unusable (no code, or code that does not parse), refused
    by the gate, or the verifier's verdict on the spliced program."""
    extracted = extract_program(text)
    if not text.strip():
        return unusable("the reply was empty")
    if extracted.fenced and not extracted.code.strip():
        return unusable("the reply has no ```dafny code block")
    check = check_candidate(problem, text, verifier)
    if check.error is not None:
        prefix = "" if extracted.fenced else "the reply has no ```dafny code block, and as a " \
                                             "whole it is not a Dafny program: "
        return Judged(blank("unusable", error=prefix + check.error), check)
    verdict = "refused" if not check.accepted else (check.verdict.value if check.verdict
                                                    else "unusable")
    return Judged(blank(verdict, solved=check.solved, spliced=check.spliced,
                        violations=check.violations, diagnostics=check.diagnostics,
                        taken=check.taken, ignored=check.ignored), check)


def unusable(reason: str) -> Judged:
    return Judged(blank("unusable", error=reason), None)


def blank(verdict: str, **values: Any) -> Attempt:
    """An attempt with its verdict; ``Run.judge`` fills in the request and reply."""
    return Attempt(round=0, sample=0, messages=[], reply="", verdict=verdict, **values)


def candidate_key(text: str) -> str:
    """The candidate's code tokens (real lexer: comments and layout do not count)."""
    code = extract_program(text).code
    if not code.strip():
        return "reply:" + " ".join(text.split())
    try:
        return " ".join(token.text for token in code_tokens(tokenize(code)))
    except LexError:
        return " ".join(code.split())


def promise(judged: Judged) -> tuple[int, int]:
    """Sort key of a failure: its kind (see ``_PROMISE``), then how many errors it has."""
    attempt = judged.attempt
    errors = sum(1 for d in attempt.diagnostics if d.severity.value == "error")
    return _PROMISE.get(attempt.verdict, 4), errors + len(attempt.violations)


def most_promising(tried: list[Judged]) -> Judged:
    return min(tried, key=promise)


def feedback(problem: Problem, judged: Judged) -> str:
    """The repair prompt for one failure."""
    attempt = judged.attempt
    return repair_prompt(problem, attempt.reply, judged.check, attempt.error,
                         cut_off=attempt.finish_reason == "length")


def describe(error: BaseException) -> str:
    if isinstance(error, KeyboardInterrupt):
        return "interrupted (Ctrl-C or a signal)"
    return f"{type(error).__name__}: {error}"
