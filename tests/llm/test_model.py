"""LiteLLMModel through the real litellm client against the scripted server on 127.0.0.1.

Nothing is patched: every reply crossed HTTP, every error came back as litellm raises
it. Only the retry loop's sleep is recorded instead of slept.
"""

from __future__ import annotations

import email.utils
import json
import threading
import time
from pathlib import Path

import pytest

from tests.llm.conftest import MakeModel, Serve
from tests.llm.scripted_server import Answer, Drop, Empty, Hang, ScriptedServer, Status
from vericode.errors import ExitCode, ToolMissing
from vericode.llm.model import ModelError, _litellm, diagnose, no_key_error
from vericode.llm.retry import FailureKind
from vericode.llm.types import ModelConfig
from vericode.seams import Message

ASK = [Message(role="system", content="You write Dafny."),
       Message(role="user", content="Write Abs.")]


def ask(text: str) -> list[Message]:
    return [Message(role="user", content=text)]


def test_a_reply_carries_text_usage_and_the_request_as_sent(serve: Serve,
                                                           make_model: MakeModel) -> None:
    server = serve([Answer("method Abs() {}", prompt_tokens=12, completion_tokens=5)])
    reply = make_model(server).complete(ASK)
    assert (reply.text, reply.prompt_tokens, reply.completion_tokens) == ("method Abs() {}", 12, 5)
    assert (reply.finish_reason, reply.cached, reply.attempts) == ("stop", False, 1)
    assert reply.model == "openai/scripted"
    assert 0 < reply.seconds < 5
    [request] = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.body["model"] == "scripted"
    assert request.messages == [m.model_dump() for m in ASK]
    assert request.headers.get("authorization") == "Bearer test"
    assert "temperature" not in request.body and "max_tokens" not in request.body


def test_sampling_options_are_sent(serve: Serve, make_model: MakeModel) -> None:
    server = serve(["ok"])
    make_model(server, temperature=0.3, max_tokens=77).complete(ASK)
    body = server.requests[0].body
    assert (body["temperature"], body["max_tokens"]) == (0.3, 77)


def test_empty_content_and_cut_off_replies(serve: Serve, make_model: MakeModel) -> None:
    server = serve([Empty(), Answer("method M(", finish_reason="length")])
    model = make_model(server, cache=False)
    empty = model.complete(ask("one"))
    assert (empty.text, empty.completion_tokens) == ("", 0)
    assert model.complete(ask("two")).finish_reason == "length"


def test_cost_is_unknown_for_an_unpriced_model(serve: Serve, make_model: MakeModel) -> None:
    reply = make_model(serve(["ok"])).complete(ASK)
    assert reply.cost_usd is None


def test_cost_from_configured_prices(serve: Serve, make_model: MakeModel) -> None:
    server = serve([Answer("ok", prompt_tokens=2000, completion_tokens=500)])
    reply = make_model(server, price_in=3.0, price_out=15.0).complete(ASK)
    assert reply.cost_usd == pytest.approx(2000 * 3.0 / 1e6 + 500 * 15.0 / 1e6)
    assert reply.cost_usd == pytest.approx(0.0135)


def test_cost_from_litellms_map_for_a_known_model(serve: Serve, make_model: MakeModel) -> None:
    server = serve([Answer("ok", prompt_tokens=1000, completion_tokens=400)] * 2)
    reply = make_model(server, model="openai/gpt-4o-mini", cache=False).complete(ASK)
    prices = _litellm().model_cost["gpt-4o-mini"]
    expected = 1000 * prices["input_cost_per_token"] + 400 * prices["output_cost_per_token"]
    assert expected > 0
    assert reply.cost_usd == pytest.approx(expected)
    assert server.requests[0].body["model"] == "gpt-4o-mini"
    priced = make_model(server, model="openai/gpt-4o-mini", cache=False,
                        price_in=1.0, price_out=2.0).complete(ASK)
    assert priced.cost_usd == pytest.approx((1000 * 1.0 + 400 * 2.0) / 1e6)


def test_rate_limit_is_retried_after_exactly_retry_after(serve: Serve, make_model: MakeModel,
                                                         sleeps: list[float]) -> None:
    server = serve([Status(429, {"Retry-After": "2"}), "ok"])
    reply = make_model(server).complete(ASK)
    assert (reply.text, reply.attempts) == ("ok", 2)
    assert sleeps == [2.0]
    assert server.count == 2


def test_retry_after_as_an_http_date(serve: Serve, make_model: MakeModel,
                                     sleeps: list[float]) -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    server = serve([Status(503, {"Retry-After": when}), "ok"])
    assert make_model(server).complete(ASK).text == "ok"
    [slept] = sleeps
    assert 27 <= slept <= 30


def test_retry_after_ms_wins(serve: Serve, make_model: MakeModel, sleeps: list[float]) -> None:
    server = serve([Status(429, {"retry-after-ms": "250", "Retry-After": "9"}), "ok"])
    make_model(server).complete(ASK)
    assert sleeps == [0.25]


def test_server_errors_back_off_exponentially(serve: Serve, make_model: MakeModel,
                                              sleeps: list[float]) -> None:
    server = serve([Status(500), Status(502), Status(503), "ok"])
    reply = make_model(server, max_retries=3, jitter=0.0).complete(ASK)
    assert (reply.text, reply.attempts, server.count) == ("ok", 4, 4)
    assert sleeps == [0.5, 1.0, 2.0]  # base 1 s doubling, jitter 0 → the lower half's edge


def test_jitter_stays_within_the_doubling_window(serve: Serve, make_model: MakeModel,
                                                 sleeps: list[float]) -> None:
    server = serve([Status(500), Status(500), "ok"])
    make_model(server, jitter=0.999).complete(ASK)
    assert sleeps == pytest.approx([0.9995, 1.999], rel=1e-3)


def test_server_errors_until_the_budget_is_spent(serve: Serve, make_model: MakeModel,
                                                 sleeps: list[float]) -> None:
    server = serve([Status(500)] * 5)
    with pytest.raises(ModelError) as caught:
        make_model(server, max_retries=2).complete(ASK)
    error = caught.value
    assert (error.attempts, error.kind, error.status) == (3, FailureKind.SERVER, 500)
    assert (server.count, server.remaining(), len(sleeps)) == (3, 2, 2)
    assert isinstance(error, ToolMissing) and error.exit_code == ExitCode.TOOL_MISSING
    assert f"is the server at {server.base_url} running?" in error.message
    assert "3 attempts" in error.message and "2 retries spent" in error.message


@pytest.mark.parametrize("step, kind, fix", [
    (Status(401), FailureKind.AUTH, "refused the API key"),
    (Status(403), FailureKind.AUTH, "refused the API key"),
    (Status(400), FailureKind.BAD_REQUEST, "check the model string 'openai/scripted'"),
    (Status(404), FailureKind.NOT_FOUND, "check the model name 'openai/scripted'"),
    (Status(400, body='{"error": {"message": "This model\'s maximum context length is 8192 '
                      'tokens", "code": "context_length_exceeded"}}'),
     FailureKind.CONTEXT, "context window"),
])
def test_errors_a_retry_cannot_fix_fail_at_once(step: Status, kind: FailureKind, fix: str,
                                                serve: Serve, make_model: MakeModel,
                                                sleeps: list[float]) -> None:
    server = serve([step, "never sent"])
    with pytest.raises(ModelError) as caught:
        make_model(server).complete(ASK)
    assert (caught.value.kind, caught.value.attempts, caught.value.status) == (kind, 1,
                                                                               step.status)
    assert fix in caught.value.message
    assert "after 1 attempt" in caught.value.message
    assert (server.count, sleeps) == (1, [])


def test_a_local_server_needs_no_key_and_a_provider_names_its_variable(
        serve: Serve, make_model: MakeModel, sleeps: list[float],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    server = serve(["answered"])
    reply = make_model(server, model="openai/gpt-4o-mini", api_key=None).complete(ASK)
    assert reply.text == "answered" and (server.count, sleeps) == (1, [])
    missing = no_key_error(ModelConfig(model="openai/gpt-4o-mini"))
    assert missing is not None and missing.kind == FailureKind.AUTH
    assert "set OPENAI_API_KEY" in missing.message
    assert no_key_error(ModelConfig(model="openai/gpt-4o-mini", api_key="k")) is None


def test_a_hanging_server_times_out_and_is_retried(serve: Serve, make_model: MakeModel,
                                                   sleeps: list[float]) -> None:
    server = serve([Hang(), Hang(), "too late"])
    start = time.monotonic()
    with pytest.raises(ModelError) as caught:
        make_model(server, timeout=0.4, max_retries=1).complete(ASK)
    assert time.monotonic() - start < 4
    assert (caught.value.kind, caught.value.attempts, server.count) == (FailureKind.TIMEOUT, 2, 2)
    assert len(sleeps) == 1
    assert "raise the timeout (now 0.4s)" in caught.value.message


def test_a_timeout_then_an_answer(serve: Serve, make_model: MakeModel) -> None:
    server = serve([Hang(), "answered"])
    reply = make_model(server, timeout=0.4).complete(ASK)
    assert (reply.text, reply.attempts) == ("answered", 2)


def test_a_dropped_connection_is_retried(serve: Serve, make_model: MakeModel) -> None:
    server = serve([Drop(), "ok"])
    assert make_model(server).complete(ASK).attempts == 2


def test_no_server_listening(make_model: MakeModel, sleeps: list[float]) -> None:
    with ScriptedServer([]) as server:
        base = server.base_url
    with pytest.raises(ModelError) as caught:
        make_model(api_base=base, max_retries=1).complete(ASK)
    assert (caught.value.kind, caught.value.attempts, sleeps) == (FailureKind.REFUSED, 1, [])
    assert f"nothing listens at {base}" in caught.value.message


def test_a_retry_after_too_long_is_given_up_at_once(serve: Serve, make_model: MakeModel,
                                                    sleeps: list[float]) -> None:
    server = serve([Status(429, {"Retry-After": "3600"}), "ok"])
    with pytest.raises(ModelError) as caught:
        make_model(server).complete(ASK)
    assert "asks to wait 3600s" in caught.value.message
    assert (caught.value.kind, server.count, sleeps) == (FailureKind.RATE_LIMIT, 1, [])


def test_the_cache_answers_a_repeated_request_without_a_call(serve: Serve,
                                                             make_model: MakeModel) -> None:
    server = serve([Answer("first", prompt_tokens=9, completion_tokens=4), "second"])
    model = make_model(server, price_in=1.0, price_out=1.0)
    fresh = model.complete(ASK)
    again = make_model(server, price_in=1.0, price_out=1.0).complete(ASK)
    assert server.count == 1
    assert (again.text, again.cached, fresh.cached) == ("first", True, False)
    assert (again.prompt_tokens, again.cost_usd) == (9, fresh.cost_usd)
    assert model.complete(ask("something else")).text == "second"
    assert server.count == 2


def test_the_cache_key_covers_model_server_and_sampling(serve: Serve,
                                                        make_model: MakeModel) -> None:
    server = serve(["a", "b", "c", "d"])
    make_model(server).complete(ASK)
    make_model(server, temperature=0.5).complete(ASK)
    make_model(server, max_tokens=100).complete(ASK)
    make_model(server, model="openai/other").complete(ASK)
    assert server.count == 4
    make_model(server, api_key="another key").complete(ASK)
    assert server.count == 4


def test_samples_are_distinct_and_cached_separately(serve: Serve, make_model: MakeModel) -> None:
    server = serve(["sample zero", "sample one"])
    model = make_model(server, temperature=0.8)
    first = [model.complete(ASK, sample=n).text for n in (0, 1)]
    assert first == ["sample zero", "sample one"] and server.count == 2
    assert [r.body["temperature"] for r in server.requests] == [0.8, 0.8]
    again = [model.complete(ASK, sample=n) for n in (1, 0)]
    assert [r.text for r in again] == ["sample one", "sample zero"]
    assert all(r.cached for r in again) and server.count == 2


def test_no_cache_always_calls(serve: Serve, make_model: MakeModel, tmp_path: Path) -> None:
    server = serve(["one", "two"])
    model = make_model(server, cache=False)
    assert [model.complete(ASK).text for _ in range(2)] == ["one", "two"]
    assert server.count == 2
    assert not (tmp_path / "cache" / "llm").exists()


def test_concurrent_problems_follow_their_own_routes(serve: Serve,
                                                     make_model: MakeModel) -> None:
    markers = [f"problem {n}" for n in range(6)]
    server = serve({marker: [f"answer to {marker}"] for marker in markers})
    model = make_model(server)
    answers: dict[str, str] = {}

    def solve(marker: str) -> None:
        answers[marker] = model.complete(ask(f"Solve {marker}.")).text

    threads = [threading.Thread(target=solve, args=(m,)) for m in markers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == {m: f"answer to {m}" for m in markers}
    assert all(len(server.for_route(m)) == 1 for m in markers)


def test_only_litellm_errors_are_model_failures() -> None:
    assert diagnose(ValueError("a bug")) is None


def test_an_answer_without_choices_reads_as_empty(serve: Serve, make_model: MakeModel) -> None:
    body = {"id": "x", "object": "chat.completion", "created": 0, "model": "scripted",
            "choices": [], "usage": {"prompt_tokens": 4, "completion_tokens": 0,
                                     "total_tokens": 4}}
    server = serve([Status(200, body=json.dumps(body))])
    reply = make_model(server).complete(ASK)
    assert (reply.text, reply.finish_reason, reply.prompt_tokens) == ("", None, 4)
