"""The data of a model call: its options, the messages sent and the reply received.

Nothing here imports litellm, so settings can be built, validated and written to a
run record without paying for it; only ``vericode.llm.model`` talks to a model.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from vericode.settings import default_cache_dir


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

    @field_validator("api_base")
    @classmethod
    def _api_base_is_a_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"api_base {value!r} is not a URL: write it with its scheme, "
                             f"e.g. http://{value}")
        return value

    @model_validator(mode="after")
    def _prices_come_in_pairs(self) -> ModelConfig:
        if (self.price_in is None) != (self.price_out is None):
            raise ValueError("give both price_in and price_out (USD per million tokens)")
        return self
