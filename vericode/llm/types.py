"""The data of a model call: its options, the messages sent and the reply received.

Nothing here imports litellm, so settings can be built, validated and written to a
run record without paying for it; only ``vericode.llm.model`` talks to a model.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

from vericode.config import default_cache_dir


class ModelConfig(BaseModel):
    """How to reach one model and how to sample from it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str = Field(min_length=1)
    """Any litellm model string: ``openai/gpt-4.1``, ``ollama_chat/qwen2.5-coder:7b``, or
    ``openai/<name>`` with ``api_base`` for vLLM or another OpenAI-compatible server."""
    api_base: str | None = None
    """The server's base URL (``http://localhost:8000/v1``); None: the provider's own."""
    api_key: SecretStr | None = None
    """The API key; None: litellm reads the provider's variable (``OPENAI_API_KEY``, …).
    Secret, so that it never appears in a record, a log line or the cache key."""
    temperature: float | None = Field(default=None, ge=0, le=2)
    """Sampling temperature; None: not sent, the provider's default (some models accept
    no other)."""
    max_tokens: int | None = Field(default=None, gt=0)
    """The most tokens one reply may have; None: the provider's default."""
    timeout: float = Field(default=120.0, gt=0)
    """Seconds one request may take before it counts as a failure (and is retried)."""
    max_retries: int = Field(default=4, ge=0)
    """Retries after the first attempt on rate limits, server errors, lost connections
    and time-outs; never on errors that repeating cannot fix."""
    price_in: float | None = Field(default=None, ge=0)
    """USD per million prompt tokens; with ``price_out`` it overrides litellm's cost map
    (a self-hosted model, a negotiated price)."""
    price_out: float | None = Field(default=None, ge=0)
    """USD per million completion tokens; give it together with ``price_in``."""
    cache: bool = True
    """Answer a request seen before from the on-disk response cache, without a call."""
    cache_dir: Path = Field(default_factory=lambda: default_cache_dir(os.environ))
    """Where caches live; replies go under ``<cache_dir>/llm``."""

    @model_validator(mode="after")
    def _prices_come_in_pairs(self) -> ModelConfig:
        if (self.price_in is None) != (self.price_out is None):
            raise ValueError("give both price_in and price_out (USD per million tokens)")
        return self


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
