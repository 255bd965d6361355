"""A scripted OpenAI-compatible chat server: real HTTP on 127.0.0.1, no model behind it.

Tests drive the real litellm client (``openai/<any name>`` with ``api_base``) against
this server, so everything between vericode and the wire is the code users run. The
server answers ``POST /v1/chat/completions`` (and ``/chat/completions``) from a script
written by the test, records every request, and never improvises: when the script
runs out it answers 500 "script exhausted", so an unexpected extra call shows up as
a failure instead of a silent success.

Steps (one per request, in order)::

    "text"                    a chat.completion whose message content is "text"
    Answer("text", prompt_tokens=7, completion_tokens=3, finish_reason="length")
    Status(429, {"Retry-After": "2"})     an HTTP error, OpenAI-style JSON error body
    Status(500, body="upstream broke")    ... or with a body of your own
    Hang(seconds=30)          answer nothing for that long (longer than the client timeout)
    Empty()                   a chat.completion whose content is null, no completion tokens
    Drop()                    close the connection without answering (a connection error)

Usage, with one script for every request (import it as ``tests.llm.scripted_server``
from any test; pytest's importlib mode resolves ``tests`` from the rootdir)::

    from tests.llm.scripted_server import Answer, ScriptedServer, Status

    program = "```dafny\nmethod M() {}\n```"
    with ScriptedServer([Status(429, {"Retry-After": "1"}), program]) as server:
        config = ModelConfig(model="openai/scripted", api_base=server.base_url,
                             api_key="test", cache_dir=tmp_path / "cache")
        reply = LiteLLMModel(config, sleep=slept.append).complete(messages)
        assert server.count == 2 and slept == [1.0]
        assert "Dafny" in server.requests[-1].messages[0]["content"]

Mind the retries: ``LiteLLMModel`` retries 429, 5xx, time-outs and dropped
connections, and "script exhausted" is a 500 too. Pass ``sleep=`` (a recorder) so a
test never waits for real backoff, and ``max_retries=0`` where one request per step
is what the test means. ``Hang`` only fails fast with a short client ``timeout``
(0.3-0.5 s is plenty on 127.0.0.1). Give each test its own ``cache_dir`` (or
``cache=False``), or a cached reply will answer without a request.

Routing, so that concurrent problems in one bench each follow their own script: give
a dict of marker -> steps. A request follows the route of the longest marker found in
its last user message (so "problem 10" wins over "problem 1"); the marker ``""``
matches every request and so is the fallback. A request that matches no marker gets
500 "no route"::

    ScriptedServer({"problem: Abs": ["wrong", "right"], "problem: Max": ["right"]})

What the tests read back: ``server.requests`` holds every request (``path``, JSON
``body``, ``headers`` with lower-cased names, ``route``, and the helpers ``messages``
and ``prompt``) in arrival order; ``server.prompts`` the last user message of each;
``server.for_route(marker)`` the requests one route served; ``server.count`` how many
arrived; ``server.remaining(marker)`` the steps not yet served. Usage in each answer
is ``prompt_tokens=100`` and ``completion_tokens=50`` unless the step says otherwise,
so budget tests can count. Inside ``tests/llm`` the ``serve`` fixture (conftest.py)
starts servers and closes them after the test.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

PROMPT_TOKENS = 100
COMPLETION_TOKENS = 50
PATHS = ("/v1/chat/completions", "/chat/completions")


@dataclass(frozen=True)
class Answer:
    """A successful chat.completion carrying ``text``, with the usage the test wants."""

    text: str
    prompt_tokens: int = PROMPT_TOKENS
    completion_tokens: int = COMPLETION_TOKENS
    finish_reason: str = "stop"


@dataclass(frozen=True)
class Status:
    """An HTTP error: ``status`` with extra ``headers`` and a body (default: OpenAI's shape)."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: str | None = None


@dataclass(frozen=True)
class Hang:
    """Say nothing for ``seconds`` (cut short when the server closes), then hang up."""

    seconds: float = 30.0


@dataclass(frozen=True)
class Empty:
    """A chat.completion whose message content is null (some servers do send this)."""


@dataclass(frozen=True)
class Drop:
    """Close the connection without a response: the client sees a connection error."""


Step = str | Answer | Status | Hang | Empty | Drop
Script = Sequence[Step] | Mapping[str, Sequence[Step]]
Serve = Callable[[Script], "ScriptedServer"]
"""The ``serve`` fixture (tests/conftest.py): start a server on a script."""


@dataclass(frozen=True)
class Request:
    """One request as the server received it."""

    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    route: str | None
    """The marker whose script answered it (None for an unrouted script or no match)."""

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))

    @property
    def prompt(self) -> str:
        """The text of the last user message (what the solve loop just asked)."""
        return last_user_text(self.body)


def last_user_text(body: Mapping[str, Any]) -> str:
    for message in reversed(body.get("messages", [])):
        if message.get("role") == "user":
            return content_text(message.get("content"))
    return ""


def content_text(content: Any) -> str:
    """Message content as text, whether a string or a list of typed parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return ""


class ScriptedServer:
    """The server; use it as a context manager (it listens from ``__enter__`` on)."""

    def __init__(self, script: Script) -> None:
        routed = isinstance(script, Mapping)
        self._routes: dict[str | None, list[Step]] = (
            {marker: list(steps) for marker, steps in script.items()} if routed
            else {None: list(script)})
        self._routed = routed
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self.requests: list[Request] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,),
                                        daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """What to pass as ``api_base``: ``http://127.0.0.1:PORT/v1``."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.requests)

    @property
    def prompts(self) -> list[str]:
        with self._lock:
            return [request.prompt for request in self.requests]

    def for_route(self, marker: str) -> list[Request]:
        with self._lock:
            return [request for request in self.requests if request.route == marker]

    def remaining(self, marker: str | None = None) -> int:
        """Steps not yet served (of the unrouted script, or of one route)."""
        with self._lock:
            return len(self._routes.get(marker, []))

    def start(self) -> ScriptedServer:
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop listening; hanging handlers wake up and hang up at once."""
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def next_step(self, path: str, body: dict[str, Any], headers: dict[str, str]) -> Step | None:
        """Record the request and take its step; None when its script has run out."""
        with self._lock:
            route = self._route(last_user_text(body))
            self.requests.append(Request(path, body, headers, route))
            steps = self._routes.get(route)
            return steps.pop(0) if steps else None

    def _route(self, prompt: str) -> str | None:
        if not self._routed:
            return None
        found = [m for m in self._routes if m is not None and m in prompt]
        return max(found, key=len) if found else None

    def wait_closing(self, seconds: float) -> None:
        self._closing.wait(seconds)


def completion_json(step: Answer | Empty, model: str, number: int) -> dict[str, Any]:
    """An OpenAI chat.completion body for a reply step."""
    text = step.text if isinstance(step, Answer) else None
    prompt_tokens = step.prompt_tokens if isinstance(step, Answer) else PROMPT_TOKENS
    completion_tokens = step.completion_tokens if isinstance(step, Answer) else 0
    finish = step.finish_reason if isinstance(step, Answer) else "stop"
    return {
        "id": f"chatcmpl-scripted-{number}", "object": "chat.completion",
        "created": int(time.time()), "model": model, "system_fingerprint": "scripted",
        "choices": [{"index": 0, "finish_reason": finish, "logprobs": None,
                     "message": {"role": "assistant", "content": text}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


def error_json(status: int, message: str) -> str:
    kind = {429: "rate_limit_exceeded", 401: "invalid_api_key", 404: "model_not_found"}
    return json.dumps({"error": {"message": message, "type": "scripted_error",
                                 "param": None, "code": kind.get(status, str(status))}})


def _handler_for(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(_ScriptedHandler):
        scripted = server

    return Handler


class _ScriptedHandler(BaseHTTPRequestHandler):
    """Answers one request from the script (HTTP/1.0: one request per connection)."""

    scripted: ScriptedServer

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.path not in PATHS:
            self._send(404, error_json(404, f"no such path {self.path}"))
            return
        body = json.loads(raw or b"{}")
        headers = {name.lower(): value for name, value in self.headers.items()}
        step = self.scripted.next_step(self.path, body, headers)
        self._answer(step, str(body.get("model", "scripted")))

    def _answer(self, step: Step | None, model: str) -> None:
        if step is None:
            self._send(500, error_json(500, "script exhausted (or no route for this request)"))
        elif isinstance(step, str):
            self._answer(Answer(step), model)
        elif isinstance(step, Answer | Empty):
            self._send(200, json.dumps(completion_json(step, model, self.scripted.count)))
        elif isinstance(step, Status):
            body = step.body if step.body is not None else error_json(step.status, "scripted")
            self._send(step.status, body, step.headers)
        elif isinstance(step, Hang):
            self.scripted.wait_closing(step.seconds)
            self.close_connection = True
        else:
            self.close_connection = True

    def _send(self, status: int, body: str, headers: Mapping[str, str] | None = None) -> None:
        data = body.encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client gave up (a timeout); nothing to tell it

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read ``server.requests``, not the access log."""
