"""Shared fixtures: every test gets its own vericode cache folder.

Tests use the real Dafny on PATH (apt-get install -y dafny); nothing fakes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vericode.config import Settings
from vericode.dafny.pool import ServerPool
from vericode.dafny.verifier import LocalVerifier

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
