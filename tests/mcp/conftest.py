"""One `vericode mcp` server for a whole test module (its verifier stays warm), with its
own cache and an empty working folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mcp.client import McpServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[McpServer]:
    home = tmp_path_factory.mktemp("mcp")
    (home / "work").mkdir()
    with McpServer("--timeout", "30", cache=home / "cache", cwd=home / "work") as running:
        yield running
