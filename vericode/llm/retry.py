"""The retry policy: which failures a retry can cure, and how long to wait before one.

Kept apart from litellm so that the policy is plain data and arithmetic: the model
module turns a litellm exception into a ``Failure``; this module decides. Rate
limits, server errors, lost connections and time-outs are retried with exponential
backoff and jitter, or after exactly as long as the server's ``Retry-After`` asks;
a refused key, a bad request, an unknown model or an over-long prompt never are,
because sending the same request again cannot succeed.
"""

from __future__ import annotations

import email.utils
import math
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC
from enum import StrEnum
from typing import TypeVar

T = TypeVar("T")


class FailureKind(StrEnum):
    """What went wrong, as far as deciding to retry (and what to tell the user) goes."""

    RATE_LIMIT = "rate limited"
    SERVER = "server error"
    CONNECTION = "no connection"
    REFUSED = "connection refused"
    """Nothing listens at the address: retrying in seconds will not help (a resumed
    batch tries again, when the server may be up)."""
    TIMEOUT = "timed out"
    AUTH = "not authorised"
    NOT_FOUND = "model not found"
    CONTEXT = "prompt too long"
    BAD_REQUEST = "bad request"
    CLIENT = "request not sent"


FINAL_FAILURES = frozenset({FailureKind.CONTEXT, FailureKind.BAD_REQUEST,
                            FailureKind.NOT_FOUND})
"""Failures a later run of the same request cannot fix (the rest may pass: a server
comes back, a key is set, a limit resets)."""
RETRYABLE = frozenset({FailureKind.RATE_LIMIT, FailureKind.SERVER, FailureKind.CONNECTION,
                       FailureKind.TIMEOUT})


@dataclass(frozen=True)
class Failure:
    """One failed attempt, reduced to what the policy and the error message need."""

    kind: FailureKind
    status: int | None
    """The HTTP status a server answered with; None when no server answered."""
    detail: str
    retry_after: float | None = None
    """Seconds the server asked us to wait (``Retry-After``), if it did."""


class GaveUp(Exception):
    """Retries are spent, or the failure is not one a retry can cure."""

    def __init__(self, failure: Failure, attempts: int, reason: str) -> None:
        super().__init__(f"{failure.kind} after {attempts} attempt(s): {failure.detail}")
        self.failure = failure
        self.attempts = attempts
        self.reason = reason


def parse_retry_after(headers: Mapping[str, str] | None,
                      now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from ``retry-after-ms``, or ``Retry-After`` (seconds or an HTTP date).

    A date in the past means "now" (0); a value we cannot read means no advice.
    """
    if not headers:
        return None
    lower = {name.lower(): value for name, value in headers.items()}
    millis = _number(lower.get("retry-after-ms"))
    if millis is not None:
        return max(0.0, millis / 1000)
    value = lower.get("retry-after")
    if value is None:
        return None
    seconds = _number(value)
    if seconds is None:
        seconds = _seconds_until(value, now())
    return None if seconds is None else max(0.0, seconds)


def _number(value: str | None) -> float | None:
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None


def _seconds_until(http_date: str, now: float) -> float | None:
    try:
        when = email.utils.parsedate_to_datetime(http_date)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000": HTTP dates are GMT anyway
        when = when.replace(tzinfo=UTC)
    return when.timestamp() - now


@dataclass
class RetryPolicy:
    """How often and how long to retry; ``sleep`` and ``jitter`` are injectable for tests."""

    max_retries: int = 4
    base: float = 1.0
    """Seconds before the first retry (before jitter); doubles with each retry."""
    cap: float = 30.0
    """The longest backoff between two attempts."""
    max_retry_after: float = 120.0
    """A server asking for a longer wait than this is given up on at once."""
    sleep: Callable[[float], None] = field(default=time.sleep)
    jitter: Callable[[], float] = field(default=random.random)
    """A number in [0, 1); the backoff is scaled into its upper half by it."""

    def delay(self, retry: int, failure: Failure) -> float:
        """Seconds to wait before retry number ``retry`` (0 is the first), or raise why not."""
        if failure.kind not in RETRYABLE:
            raise _Stop("a retry cannot fix this")
        if retry >= self.max_retries:
            raise _Stop(f"{self.max_retries} {'retry' if self.max_retries == 1 else 'retries'} "
                        "spent")
        if failure.retry_after is not None:
            if failure.retry_after > self.max_retry_after:
                raise _Stop(f"the server asks to wait {failure.retry_after:.0f}s")
            return failure.retry_after
        ceiling = min(self.cap, self.base * 2.0**retry)
        return ceiling * (0.5 + self.jitter() / 2)


class _Stop(Exception):
    """Raised by ``RetryPolicy.delay`` with the reason not to retry."""


def retrying(call: Callable[[], T], diagnose: Callable[[Exception], Failure | None],
             policy: RetryPolicy) -> tuple[T, int]:
    """``call()`` and how many attempts it took, retrying what ``policy`` allows.

    ``diagnose`` returns None for an exception that is not a model failure (a bug):
    that propagates untouched. Otherwise, when the policy says stop, ``GaveUp``.
    """
    attempt = 0
    while True:
        attempt += 1
        try:
            return call(), attempt
        except Exception as error:
            failure = diagnose(error)
            if failure is None:
                raise
            try:
                wait = policy.delay(attempt - 1, failure)
            except _Stop as stop:
                raise GaveUp(failure, attempt, str(stop)) from error
        policy.sleep(wait)
