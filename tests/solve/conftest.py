"""Fixtures for the solve loop: the real litellm client aimed at a scripted server, and
the session's warm Dafny pool behind a counter (to see which candidates were verified).

Retries sleep through a recorder, so a test asserts the waits asked for (``Retry-After``)
without waiting; each test has its own response cache under ``tmp_path``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.llm.conftest import MakeModel, Serve
from vericode.api import load_any
from vericode.dafny.run.pool import ServerPool
from vericode.problem.tagged import Problem
from vericode.seams import Printout, VerifyResult

ROOT = Path(__file__).resolve().parents[2]
ABS = ROOT / "problems" / "abs_value.dfy"

WRONG = "```dafny\nmethod Abs(x: int) returns (y: int)\n{\n  y := x;\n}\n```"
"""Verifies for x >= 0 only: Dafny says a postcondition might not hold."""
RIGHT = ("```dafny\nmethod Abs(x: int) returns (y: int)\n  ensures y >= 0\n"
         "  ensures y == x || y == -x\n{\n  if x < 0 {\n    y := -x;\n  } else {\n    y := x;\n"
         "  }\n}\n```")
CHEAT = "```dafny\nmethod Abs(x: int) returns (y: int)\n{\n  assume false;\n}\n```"

__all__ = ["ABS", "CHEAT", "RIGHT", "WRONG", "CountingVerifier", "MakeModel", "Serve"]


class CountingVerifier:
    """The real pool, counting the programs it is asked to verify."""

    def __init__(self, inner: ServerPool) -> None:
        self.inner = inner
        self.programs: list[str] = []

    @property
    def version(self) -> str:
        return self.inner.version

    def printout(self, text: str) -> Printout:
        return self.inner.printout(text)

    def verify(self, text: str, name: str = "program.dfy") -> VerifyResult:
        self.programs.append(text)
        return self.inner.verify(text, name)


@pytest.fixture
def verifier(pool: ServerPool) -> CountingVerifier:
    return CountingVerifier(pool)


@pytest.fixture(scope="session")
def abs_problem() -> Problem:
    return load_any(str(ABS))
