"""Fixtures for the solve loop: the real litellm client aimed at a scripted server, and
the session's warm Dafny pool behind a counter (to see which candidates were verified).

Retries sleep through a recorder, so a test asserts the waits asked for (``Retry-After``)
without waiting; each test has its own response cache under ``tmp_path``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.llm.scripted_server import Script, ScriptedServer
from vericode.dafny.models import VerifyResult
from vericode.dafny.pool import ServerPool
from vericode.llm import LiteLLMModel, ModelConfig
from vericode.llm.model import _litellm
from vericode.problem import Problem
from vericode.problem_loader import load_any

ROOT = Path(__file__).resolve().parents[2]
ABS = ROOT / "problems" / "abs_value.dfy"

WRONG = "```dafny\nmethod Abs(x: int) returns (y: int)\n{\n  y := x;\n}\n```"
"""Verifies for x >= 0 only: Dafny says a postcondition might not hold."""
RIGHT = ("```dafny\nmethod Abs(x: int) returns (y: int)\n  ensures y >= 0\n"
         "  ensures y == x || y == -x\n{\n  if x < 0 {\n    y := -x;\n  } else {\n    y := x;\n"
         "  }\n}\n```")
CHEAT = "```dafny\nmethod Abs(x: int) returns (y: int)\n{\n  assume false;\n}\n```"

Serve = Callable[[Script], ScriptedServer]
MakeModel = Callable[..., LiteLLMModel]


class CountingVerifier:
    """The real pool, counting the programs it is asked to verify."""

    def __init__(self, inner: ServerPool) -> None:
        self.inner = inner
        self.programs: list[str] = []

    @property
    def version(self) -> str:
        return self.inner.version

    def verify(self, text: str, name: str = "program.dfy") -> VerifyResult:
        self.programs.append(text)
        return self.inner.verify(text, name)


@pytest.fixture
def serve() -> Iterator[Serve]:
    servers: list[ScriptedServer] = []

    def start(script: Script) -> ScriptedServer:
        servers.append(ScriptedServer(script).start())
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture(scope="session")
def litellm_imported() -> None:
    _litellm()


@pytest.fixture
def make_model(tmp_path: Path, sleeps: list[float], litellm_imported: None) -> MakeModel:
    """A real LiteLLMModel aimed at ``server``, private cache, retries recorded not slept."""

    def make(server: ScriptedServer, **options: Any) -> LiteLLMModel:
        values: dict[str, Any] = {"model": "openai/scripted", "api_key": "test", "timeout": 5,
                                  "max_retries": 2, "cache_dir": tmp_path / "cache",
                                  "api_base": server.base_url, **options}
        return LiteLLMModel(ModelConfig(**values), sleep=sleeps.append, jitter=lambda: 0.0)

    return make


@pytest.fixture
def verifier(pool: ServerPool) -> CountingVerifier:
    return CountingVerifier(pool)


@pytest.fixture(scope="session")
def abs_problem() -> Problem:
    return load_any(str(ABS))
