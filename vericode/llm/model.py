"""Model calls through litellm: the one module in vericode that imports it.

It owns everything that touches a provider: the lazy import (litellm costs seconds
and must not fetch its cost map from the network), the request, the retry policy's
inputs (which litellm exception is which failure, where its ``Retry-After`` hides),
usage and cost, the response cache, and the error that tells the user what to fix.
Everything above sees only the ``Model`` Protocol: messages in, a ``Reply`` out.
"""

from __future__ import annotations

import functools
import os
import random
import re
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from vericode.errors import ToolMissing
from vericode.llm.cache import ReplyCache, request_key
from vericode.llm.retry import (
    Failure,
    FailureKind,
    GaveUp,
    RetryPolicy,
    parse_retry_after,
    retrying,
)
from vericode.llm.types import ModelConfig
from vericode.seams import Message, Reply

_CREDENTIALS = re.compile(r"(?i)missing credentials|api[_ ]?key")


class ModelError(ToolMissing):
    """The model cannot answer: retries are spent or a retry cannot help (exit 3).

    The message names the fix; ``attempts`` says how many requests were made.
    """

    def __init__(self, message: str, *, attempts: int, kind: FailureKind,
                 status: int | None = None) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.kind = kind
        self.status = status


@functools.cache
def _litellm() -> Any:
    """litellm, imported on first use, with the packaged cost map and no chatter."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    litellm.suppress_debug_info = True  # no "Give Feedback / Get Help" on stdout
    return litellm


class LiteLLMModel:
    """The ``Model`` for any litellm model string; safe to share between threads."""

    def __init__(self, config: ModelConfig, *, sleep: Callable[[float], None] = time.sleep,
                 jitter: Callable[[], float] = random.random) -> None:
        self.config = config
        self.policy = RetryPolicy(max_retries=config.max_retries, sleep=sleep, jitter=jitter)
        self._cache = ReplyCache(config.cache_dir / "llm") if config.cache else None

    def complete(self, messages: Sequence[Message], *, sample: int = 0) -> Reply:
        """The reply to ``messages``; ``sample`` numbers independent samples of one request.

        A request seen before (same model, server, messages, sampling options and
        sample number) is answered from the cache. Raises ``ModelError`` when the
        model cannot answer; a bug in between propagates as itself.
        """
        key = request_key(self.config, messages, sample)
        if self._cache is not None and (hit := self._cache.get(key)) is not None:
            return hit
        reply = self._call(messages)
        if self._cache is not None:
            self._cache.put(key, reply)
        return reply

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float | None:
        """USD for this usage: the configured prices, else litellm's map, else None."""
        config = self.config
        if config.price_in is not None and config.price_out is not None:
            return (prompt_tokens * config.price_in + completion_tokens * config.price_out) / 1e6
        return litellm_cost(config.model, prompt_tokens, completion_tokens)

    def _call(self, messages: Sequence[Message]) -> Reply:
        _litellm()  # the one-off import is not the call's time
        start = time.monotonic()
        try:
            response, attempts = retrying(lambda: self._request(messages), diagnose, self.policy)
        except GaveUp as gave_up:
            raise self._error(gave_up) from gave_up.__cause__
        return self._reply(response, attempts, time.monotonic() - start)

    def _request(self, messages: Sequence[Message]) -> Any:
        """One HTTP request; litellm's and the OpenAI client's own retries are off."""
        config = self.config
        options: dict[str, Any] = {"api_base": config.api_base, "temperature": config.temperature,
                                   "max_tokens": config.max_tokens}
        if config.api_key is not None:
            options["api_key"] = config.api_key.get_secret_value()
        elif config.api_base is not None and missing_keys(config.model):
            options["api_key"] = PLACEHOLDER_KEY  # an OpenAI-compatible server that wants none
        return _litellm().completion(
            model=config.model, messages=[message.model_dump() for message in messages],
            timeout=config.timeout, num_retries=0, max_retries=0,
            **{name: value for name, value in options.items() if value is not None})

    def _reply(self, response: Any, attempts: int, seconds: float) -> Reply:
        """Our Reply from litellm's; no choices at all (a filtered answer) reads as empty."""
        choice = response.choices[0] if response.choices else None
        usage = getattr(response, "usage", None)
        prompt_tokens = int(getattr(usage, "prompt_tokens", 0) or 0)
        completion_tokens = int(getattr(usage, "completion_tokens", 0) or 0)
        return Reply(text=(choice and choice.message.content) or "",
                     prompt_tokens=prompt_tokens, completion_tokens=completion_tokens,
                     cost_usd=self.cost(prompt_tokens, completion_tokens), seconds=seconds,
                     model=self.config.model, finish_reason=choice and choice.finish_reason,
                     attempts=attempts)

    def _error(self, gave_up: GaveUp) -> ModelError:
        failure = gave_up.failure
        status = f" ({failure.status})" if failure.status else ""
        tries = "1 attempt" if gave_up.attempts == 1 else f"{gave_up.attempts} attempts"
        message = (f"{self.config.model}: {failure.kind}{status} after {tries} "
                   f"({gave_up.reason}): {failure.detail}; {self._fix(failure.kind)}")
        return ModelError(message, attempts=gave_up.attempts, kind=failure.kind,
                          status=failure.status)

    def _fix(self, kind: FailureKind) -> str:
        """What the user can do about a failure of this kind, in one clause."""
        config = self.config
        reach = (f"is the server at {config.api_base} running?" if config.api_base
                 else provider_hint(config.model))
        if kind is FailureKind.AUTH:
            return key_hint(config)
        if kind is FailureKind.REFUSED:
            return (f"nothing listens at {config.api_base}: is the server running there?"
                    if config.api_base else reach)
        fixes = {
            FailureKind.NOT_FOUND: f"check the model name {config.model!r}"
                            + (f" (does {config.api_base} serve it?)" if config.api_base else ""),
            FailureKind.CONTEXT: "the prompt does not fit the model's context window: "
                          "use a model with a longer one",
            FailureKind.BAD_REQUEST: f"check the model string {config.model!r} (provider/name, "
                              "e.g. openai/gpt-4.1) and the sampling options",
            FailureKind.RATE_LIMIT:
                "the provider limits the rate: wait, run fewer problems at once, "
                             "or allow more retries",
            FailureKind.TIMEOUT: f"raise the timeout (now {config.timeout:g}s); {reach}",
        }
        return fixes.get(kind, reach)


def provider_hint(model: str) -> str:
    if model.startswith("ollama"):
        return "is Ollama running? start it with `ollama serve`"
    return "is the provider reachable from here? check the network, or try again later"


PLACEHOLDER_KEY = "vericode-no-key"
"""Sent to an ``api_base`` server when no key is configured: OpenAI-compatible servers
(vLLM, llama.cpp, Ollama's /v1) ignore it, and the client refuses to send none."""


def missing_keys(model: str) -> list[str]:
    """The environment variables litellm wants for ``model`` and does not find."""
    found = _litellm().validate_environment(model=model).get("missing_keys") or []
    return [str(k) for k in found]


def no_key_error(config: ModelConfig) -> ModelError | None:
    """The one-line error for a model whose provider needs a key that is nowhere (no
    ``api_key``, no ``api_base`` server, not in the environment); None when it has one."""
    if config.api_key is not None or config.api_base is not None:
        return None
    missing = missing_keys(config.model)
    if not missing:
        return None
    return ModelError(f"{config.model}: no API key: set {' or '.join(missing)}, or pass "
                      "--api-key", attempts=0, kind=FailureKind.AUTH)


def key_hint(config: ModelConfig) -> str:
    """Which variable to set, as litellm knows it for this provider."""
    if config.api_key is not None:
        return "the server refused the API key given: check it"
    missing = missing_keys(config.model)
    if not missing:
        return "the provider refused the API key in the environment: check it"
    return f"set {' or '.join(missing)}, or pass an API key (--api-key)"


def litellm_cost(model: str, prompt_tokens: int, completion_tokens: int) -> float | None:
    """USD from litellm's packaged cost map; None for a model it does not price."""
    litellm = _litellm()
    try:
        prompt_cost, completion_cost = litellm.cost_per_token(
            model=model, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)
    except Exception:  # its lookups raise many types for "not mapped"; unknown is honest
        return None
    return float(prompt_cost) + float(completion_cost)


def diagnose(error: Exception) -> Failure | None:
    """A litellm exception as a ``Failure``; None for anything else (a bug: propagate)."""
    litellm = _litellm()
    if not isinstance(error, tuple(litellm.LITELLM_EXCEPTION_TYPES)):
        return None
    status = getattr(error, "status_code", None)
    status = status if isinstance(status, int) else None
    headers = response_headers(error)
    kind = kind_of(error, status, answered=headers is not None)
    answered_status = status if headers is not None else None  # not litellm's stand-in
    return Failure(kind, answered_status, detail(error), parse_retry_after(headers))


def kind_of(error: Exception, status: int | None, *, answered: bool) -> FailureKind:
    """Sort a litellm exception: by its class where litellm knows, then by status."""
    import httpx  # litellm's transport, so already imported

    litellm = _litellm()
    if isinstance(error, litellm.ContextWindowExceededError):
        return FailureKind.CONTEXT
    if isinstance(error, litellm.Timeout) or caused_by(error, TimeoutError, httpx.TimeoutException):
        return FailureKind.TIMEOUT
    if caused_by(error, ConnectionRefusedError) or "Connection refused" in str(error):
        return FailureKind.REFUSED
    if caused_by(error, ConnectionError, httpx.TransportError):
        return FailureKind.CONNECTION
    if status in (401, 403) or (not answered and _CREDENTIALS.search(str(error))):
        return FailureKind.AUTH  # the OpenAI client reports a missing key as a 500 it never sent
    return {404: FailureKind.NOT_FOUND, 408: FailureKind.TIMEOUT, 429: FailureKind.RATE_LIMIT}.get(
        status or 0,
        FailureKind.SERVER if status is not None and status >= 500 else FailureKind.BAD_REQUEST)


def caused_by(error: BaseException, *kinds: type[BaseException]) -> bool:
    """Whether ``error`` or anything in its cause/context chain is one of ``kinds``."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kinds):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def response_headers(error: Exception) -> Mapping[str, str] | None:
    """The HTTP response headers behind a litellm exception; None if no server answered.

    litellm copies them to ``litellm_response_headers`` when it maps an exception;
    the OpenAI client's ``response.headers`` is the fallback.
    """
    headers = getattr(error, "litellm_response_headers", None)
    if not headers:
        headers = getattr(getattr(error, "response", None), "headers", None)
    return headers if isinstance(headers, Mapping) and headers else None


def detail(error: Exception) -> str:
    """The provider's message, first line, without litellm's repeated class prefixes."""
    text = str(getattr(error, "message", None) or error).strip().splitlines()
    line = text[0] if text else type(error).__name__
    line = re.sub(r"^(litellm\.\w+:\s*)+(\w+Error:\s*)?", "", line)
    return line[:300]
