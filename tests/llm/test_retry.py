"""The retry policy as plain arithmetic: Retry-After parsing, backoff, when to stop."""

from __future__ import annotations

import email.utils

import pytest

from vericode.llm.retry import (
    Failure,
    FailureKind,
    GaveUp,
    RetryPolicy,
    parse_retry_after,
    retrying,
)

NOW = 1_700_000_000.0


@pytest.mark.parametrize("headers, seconds", [
    ({"Retry-After": "2"}, 2.0),
    ({"retry-after": "1.5"}, 1.5),
    ({"RETRY-AFTER": email.utils.formatdate(NOW + 42, usegmt=True)}, 42.0),
    ({"Retry-After": email.utils.formatdate(NOW - 42, usegmt=True)}, 0.0),
    ({"Retry-After": "Sun, 06 Nov 1994 08:49:37 -0000"}, 0.0),
    ({"retry-after-ms": "1500", "Retry-After": "9"}, 1.5),
    ({"Retry-After": "soon"}, None),
    ({"Retry-After": "inf"}, None),
    ({"Retry-After": "-3"}, 0.0),
    ({"Content-Type": "application/json"}, None),
    ({}, None),
    (None, None),
])
def test_parse_retry_after(headers: dict[str, str] | None, seconds: float | None) -> None:
    assert parse_retry_after(headers, now=lambda: NOW) == seconds


def failure(kind: FailureKind, retry_after: float | None = None) -> Failure:
    return Failure(kind, None, "scripted", retry_after)


def test_backoff_doubles_up_to_the_cap() -> None:
    policy = RetryPolicy(max_retries=10, base=1.0, cap=5.0, jitter=lambda: 0.0)
    assert [policy.delay(n, failure(FailureKind.SERVER)) for n in range(5)] == [0.5, 1, 2, 2.5, 2.5]
    policy.jitter = lambda: 1.0
    assert [policy.delay(n, failure(FailureKind.SERVER)) for n in range(5)] == [1, 2, 4, 5, 5]


def test_retry_after_replaces_the_backoff_without_jitter() -> None:
    policy = RetryPolicy(jitter=lambda: 0.7)
    assert policy.delay(3, failure(FailureKind.RATE_LIMIT, retry_after=7.0)) == 7.0


def run(outcomes: list[Exception | str], policy: RetryPolicy) -> tuple[str, int]:
    """``retrying`` over a call that raises or returns the outcomes in turn."""
    def call() -> str:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def diagnose(error: Exception) -> Failure | None:
        return failure(FailureKind(str(error))) if isinstance(error, RuntimeError) else None

    return retrying(call, diagnose, policy)


def test_retrying_stops_on_what_a_retry_cannot_fix() -> None:
    slept: list[float] = []
    policy = RetryPolicy(sleep=slept.append, jitter=lambda: 0.0)
    assert run([RuntimeError("timed out"), RuntimeError("rate limited"), "ok"], policy) == ("ok", 3)
    assert slept == [0.5, 1.0]
    with pytest.raises(GaveUp) as caught:
        run([RuntimeError("not authorised"), "never"], policy)
    assert (caught.value.attempts, caught.value.failure.kind) == (1, FailureKind.AUTH)
    assert caught.value.reason == "a retry cannot fix this"


def test_retrying_gives_up_when_the_budget_is_spent_and_lets_bugs_through() -> None:
    policy = RetryPolicy(max_retries=1, sleep=lambda _: None)
    with pytest.raises(GaveUp) as caught:
        run([RuntimeError("server error")] * 3, policy)
    assert (caught.value.attempts, caught.value.reason) == (2, "1 retry spent")
    with pytest.raises(KeyError):
        run([KeyError("a bug"), "never"], policy)
