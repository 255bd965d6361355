"""The scripted server itself, spoken to with plain urllib: other tests lean on it."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from typing import Any

import pytest

from tests.llm.conftest import Serve
from tests.llm.scripted_server import Answer, Empty, Hang, ScriptedServer, Status


def post(server: ScriptedServer, prompt: str, path: str = "/v1/chat/completions",
         timeout: float = 5) -> tuple[int, dict[str, str], Any]:
    """Send one chat request; the status, the headers and the decoded body."""
    body = json.dumps({"model": "scripted",
                       "messages": [{"role": "system", "content": "sys"},
                                    {"role": "user", "content": prompt}]}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{server.port}{path}", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


def test_replies_are_chat_completions_with_usage(serve: Serve) -> None:
    server = serve(["hello", Answer("bye", prompt_tokens=7, completion_tokens=3,
                                   finish_reason="length"), Empty()])
    status, _, body = post(server, "one")
    assert status == 200 and body["object"] == "chat.completion"
    assert body["choices"][0]["message"] == {"role": "assistant", "content": "hello"}
    assert body["usage"] == {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150}
    _, _, body = post(server, "two", path="/chat/completions")
    assert (body["choices"][0]["finish_reason"], body["usage"]["total_tokens"]) == ("length", 10)
    _, _, body = post(server, "three")
    assert body["choices"][0]["message"]["content"] is None
    assert server.prompts == ["one", "two", "three"]
    assert [r.path for r in server.requests] == ["/v1/chat/completions", "/chat/completions",
                                                 "/v1/chat/completions"]
    assert server.requests[0].messages[0] == {"role": "system", "content": "sys"}


def test_errors_carry_their_headers_and_the_script_runs_out_loudly(serve: Serve) -> None:
    server = serve([Status(429, {"Retry-After": "2"}), Status(500, body='{"oops": 1}')])
    status, headers, body = post(server, "x")
    assert (status, headers["Retry-After"], body["error"]["code"]) == (
        429, "2", "rate_limit_exceeded")
    assert post(server, "x")[::2] == (500, {"oops": 1})
    status, _, body = post(server, "x")
    assert status == 500 and "script exhausted" in body["error"]["message"]
    assert (server.count, server.remaining()) == (3, 0)
    assert post(server, "x", path="/v1/completions")[0] == 404


def test_routes_follow_the_longest_marker_in_the_last_user_message(serve: Serve) -> None:
    server = serve({"problem 1": ["one"], "problem 10": ["ten"], "": ["fallback"]})
    answers = [post(server, p)[2]["choices"][0]["message"]["content"]
               for p in ("solve problem 10", "solve problem 1", "what else")]
    assert answers == ["ten", "one", "fallback"]
    assert [r.route for r in server.requests] == ["problem 10", "problem 1", ""]
    assert [r.prompt for r in server.for_route("problem 1")] == ["solve problem 1"]
    assert post(server, "solve problem 1")[0] == 500  # that route's script is spent


def test_unrouted_requests_fail_when_no_fallback(serve: Serve) -> None:
    server = serve({"alpha": ["a"]})
    status, _, body = post(server, "beta")
    assert status == 500 and "no route" in body["error"]["message"]
    assert (server.requests[0].route, server.remaining("alpha")) == (None, 1)


def test_a_hang_outlasts_the_client_and_ends_when_the_server_closes() -> None:
    server = ScriptedServer([Hang(seconds=60)]).start()
    with pytest.raises(TimeoutError):
        post(server, "x", timeout=0.2)
    started = time.monotonic()
    server.close()
    assert time.monotonic() - started < 2


def test_requests_in_parallel_are_all_answered(serve: Serve) -> None:
    server = serve([f"answer {n}" for n in range(8)])
    threads = [threading.Thread(target=post, args=(server, f"q{n}")) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert server.count == 8 and server.remaining() == 0
    assert sorted(server.prompts) == [f"q{n}" for n in range(8)]
