"""Fixtures for model tests: a scripted server per test and a real LiteLLMModel aimed at it.

Retries sleep through a recorder, not the clock, so a test can assert what was asked
for (``Retry-After: 2`` → a sleep of 2.0) without waiting for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.llm.scripted_server import Script, ScriptedServer
from vericode.llm import LiteLLMModel, ModelConfig
from vericode.llm.model import _litellm

Serve = Callable[[Script], ScriptedServer]
MakeModel = Callable[..., LiteLLMModel]


@pytest.fixture
def serve() -> Iterator[Serve]:
    """Start a scripted server for this test; every one started is closed at its end."""
    servers: list[ScriptedServer] = []

    def start(script: Script) -> ScriptedServer:
        servers.append(ScriptedServer(script).start())
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def sleeps() -> list[float]:
    """The waits the retry loop asked for, in order."""
    return []


@pytest.fixture(scope="session")
def litellm_imported() -> None:
    """Pay litellm's import (seconds) once, in setup, not inside the first test's timing."""
    _litellm()


@pytest.fixture
def make_model(tmp_path: Path, sleeps: list[float], litellm_imported: None) -> MakeModel:
    """A real LiteLLMModel aimed at ``server`` (``openai/scripted``), private cache, no waits."""

    def make(server: ScriptedServer | None = None, jitter: float = 0.0,
             **options: Any) -> LiteLLMModel:
        # 30 s: litellm's first call in a process loads its HTTP client, which can take
        # seconds on a busy 2-core machine; tests of time-outs pass a short one.
        values: dict[str, Any] = {"model": "openai/scripted", "api_key": "test", "timeout": 30,
                                  "max_retries": 2, "cache_dir": tmp_path / "cache"}
        if server is not None:
            values["api_base"] = server.base_url
        values.update(options)
        return LiteLLMModel(ModelConfig(**values), sleep=sleeps.append, jitter=lambda: jitter)

    return make
