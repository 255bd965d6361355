"""Deciding the verdict from what Dafny printed and how its process ended.

``verified`` needs every sign to agree: a clean exit, a summary line whose only
non-zero count is "verified" (and that count at least 1: "0 verified, 0 errors" is no
success), and no error diagnostic. Anything else is not a
success; a time-out in particular never is, whatever the exit code says.
"""

from __future__ import annotations

from dataclasses import dataclass

from vericode.dafny.run.output import ParsedOutput
from vericode.dafny.run.process import ProcessResult
from vericode.seams import Severity, Verdict

_RESOURCE_COUNTS = ("time out", "out of memory", "out of resource")


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    summary: str
    """Dafny's summary line, or our reason when there is none."""


def judge(parsed: ParsedOutput, process: ProcessResult, wall_seconds: float) -> Judgement:
    if process.timed_out:
        return Judgement(Verdict.TIMEOUT, f"stopped at the wall-clock limit of {wall_seconds:g} s")
    if process.signalled and process.returncode is not None:
        signal_number = -process.returncode
        return Judgement(Verdict.CRASHED, f"the verifier was killed by signal {signal_number}")
    if parsed.parse_errors:
        return Judgement(Verdict.PARSE_ERROR, parsed.summary)
    if parsed.resolution_errors:
        return Judgement(Verdict.RESOLUTION_ERROR, parsed.summary)
    if parsed.counts is None:
        return _without_summary(parsed, process)
    return _with_summary(parsed, process, parsed.counts)


def _with_summary(parsed: ParsedOutput, process: ProcessResult,
                  counts: dict[str, int]) -> Judgement:
    errors = [d for d in parsed.diagnostics if d.severity is Severity.ERROR]
    hard_errors = [d for d in errors if not d.timeout]
    if counts.get("error", 0) or hard_errors:
        return Judgement(Verdict.FAILED, parsed.summary)
    if any(counts.get(k, 0) for k in _RESOURCE_COUNTS) or errors:
        return Judgement(Verdict.TIMEOUT, parsed.summary)
    unknown = {k: n for k, n in counts.items() if n and k not in ("verified", "error")}
    if unknown:
        return Judgement(Verdict.FAILED, f"{parsed.summary} (unrecognised counts: {unknown})")
    if process.returncode != 0:
        return Judgement(Verdict.FAILED,
                         f"{parsed.summary}, but Dafny exited with code {process.returncode}")
    if not counts.get("verified", 0):
        return Judgement(Verdict.FAILED, f"{parsed.summary}: nothing was verified")
    return Judgement(Verdict.VERIFIED, parsed.summary)


def _without_summary(parsed: ParsedOutput, process: ProcessResult) -> Judgement:
    errors = [d for d in parsed.diagnostics if d.severity is Severity.ERROR]
    if errors and process.returncode == 2:
        return Judgement(Verdict.RESOLUTION_ERROR,
                         f"{len(errors)} error(s) before verification (exit code 2)")
    tail = " | ".join(parsed.unread[-3:]) or "no output"
    return Judgement(Verdict.CRASHED,
                     f"Dafny exited with code {process.returncode} and no summary: {tail}")
