"""Types for model tests; the fixtures (``serve``, ``make_model``, ``sleeps``) live in
tests/conftest.py, shared with the solve and bench tests."""

from __future__ import annotations

from collections.abc import Callable

from tests.llm.scripted_server import Serve
from vericode.llm.model import LiteLLMModel

MakeModel = Callable[..., LiteLLMModel]

__all__ = ["MakeModel", "Serve"]
