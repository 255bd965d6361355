"""Talking to language models: the ``Model`` behind the solve loop, via litellm.

Importing this package is cheap: litellm itself is imported on the first call.
"""

from vericode.llm.model import LiteLLMModel, ModelError
from vericode.llm.retry import Kind
from vericode.llm.types import Message, ModelConfig, Reply

__all__ = ["Kind", "LiteLLMModel", "Message", "ModelConfig", "ModelError", "Reply"]
