"""Shared fixtures: every test gets its own vericode cache folder.

Tests use the real Dafny on PATH (apt-get install -y dafny); nothing fakes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.llm.scripted_server import Script, ScriptedServer, Serve
from vericode.dafny.run.pool import ServerPool
from vericode.dafny.run.verifier import LocalVerifier
from vericode.llm.model import LiteLLMModel, _litellm
from vericode.llm.types import ModelConfig
from vericode.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point every cache at the test's own folder; no test sees another's verdicts."""
    monkeypatch.setenv("VERICODE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("VERICODE_DAFNY", raising=False)
    yield


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with short limits and a private cache."""
    return Settings(timeout=10, wall_timeout=120, cache_dir=tmp_path / "cache")


@pytest.fixture
def verifier(settings: Settings) -> LocalVerifier:
    """The real local verifier (Dafny on PATH) with a private cache."""
    return LocalVerifier.from_settings(settings)


@pytest.fixture(scope="session")
def pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerPool]:
    """A warm pool of two real Dafny servers shared by the slow suites (its own cache);
    the pool tests show it answers exactly as a fresh process does."""
    folder = tmp_path_factory.mktemp("pool-cache")
    with ServerPool.from_settings(Settings(timeout=20, cache_dir=folder), jobs=2) as shared:
        yield shared


# --- the scripted model server and a real litellm model aimed at it ------------------------
# Retries sleep through a recorder, not the clock, so a test can assert what was asked
# for (``Retry-After: 2`` -> a sleep of 2.0) without waiting for it.

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
