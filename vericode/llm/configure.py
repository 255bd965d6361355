"""The model the settings name: its ``ModelConfig``, and the litellm ``Model`` for it.

Every command that asks a model (solve, bench, formalize with ``--formalize llm``)
builds it here, so "no model configured" reads the same everywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError

from vericode.errors import BadInput
from vericode.llm.types import ModelConfig

if TYPE_CHECKING:
    from vericode import Model
    from vericode.config import Settings

NO_MODEL = """\
no model configured: this needs one. Any litellm model string works:
  --model openai/gpt-4.1                      with OPENAI_API_KEY set
  --model anthropic/<model name>              with ANTHROPIC_API_KEY set
  --model ollama_chat/qwen2.5-coder:7b        a local Ollama (start it: `ollama serve`)
  --model openai/<name> --api-base http://host:port/v1
                                              vLLM or any OpenAI-compatible server
or set VERICODE_MODEL (and VERICODE_API_BASE), or write `model = "…"` in vericode.toml
(or under [tool.vericode] in pyproject.toml)."""


def model_config(settings: Settings) -> ModelConfig:
    """The model part of ``settings``; no model configured is an error that says how."""
    if settings.model is None:
        raise BadInput(NO_MODEL)
    try:
        return ModelConfig(
            model=settings.model, api_base=settings.api_base, api_key=settings.api_key,
            temperature=settings.temperature, max_tokens=settings.max_tokens,
            timeout=settings.request_timeout, max_retries=settings.max_retries,
            price_in=settings.price_in, price_out=settings.price_out,
            cache=settings.llm_cache, cache_dir=settings.cache_dir)
    except ValidationError as exc:
        raise BadInput(f"model settings: {exc.errors()[0]['msg']}") from exc


def litellm_model(settings: Settings) -> Model:
    from vericode.llm.model import LiteLLMModel

    return LiteLLMModel(model_config(settings))
