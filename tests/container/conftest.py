"""Fixtures for the container and sandbox tests: the real engine, image and bwrap.

Every container test runs once per engine, podman and docker: both must give the local
verdicts and isolate the same way. The session builds the Debian verifier image in
each engine if it is missing (debootstrap, import, build: about a minute on two cores)
and prints how long each step took. Run this suite alone with ``pytest -m container``;
it needs root, podman and runc, docker with a running dockerd, debootstrap and
bubblewrap (see docker/README.md). A missing engine fails its tests: skipped tests
prove nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.container.isolation_probes import Listener, time_limit
from vericode.dafny.run.images import (
    DEFAULT_IMAGE,
    ENGINES,
    BuildStep,
    engine_answers,
    ensure_debian_image,
    find_engine,
)
from vericode.dafny.run.verifier import LocalVerifier
from vericode.errors import ToolMissing
from vericode.seams import VerifyResult
from vericode.settings import Settings

_BUILD_STEPS = pytest.StashKey[dict[str, list[BuildStep]]]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "container: runs the verifier in a container or sandbox (podman, docker, bwrap)")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter,
                            config: pytest.Config) -> None:
    """Say how long the image build took, so that CI logs record it."""
    for engine, steps in config.stash.get(_BUILD_STEPS, {}).items():
        done = ", ".join(f"{s.name} {'present' if s.skipped else f'built in {s.seconds:g} s'}"
                         for s in steps)
        terminalreporter.write_line(f"vericode verifier image {DEFAULT_IMAGE} ({engine}): {done}")


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each container engine in turn, as a path. Missing (or a docker without a running
    daemon) is a failure, not a skip: the README's test command installs both engines
    and starts dockerd, so its absence means a broken setup."""
    try:
        path = find_engine(request.param)
        engine_answers(path)
    except ToolMissing as exc:
        pytest.fail(exc.message)
    return path


@pytest.fixture(scope="session")
def debian_image(engine: str, pytestconfig: pytest.Config) -> str:
    """The Debian verifier image, built once in each engine that does not have it."""
    built = pytestconfig.stash.setdefault(_BUILD_STEPS, {})
    built[Path(engine).name] = ensure_debian_image(engine)
    return DEFAULT_IMAGE


@pytest.fixture(scope="session")
def unsandboxed(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], VerifyResult]:
    """The plain local backend's result on a program, computed once per session."""
    cache_dir = tmp_path_factory.mktemp("unsandboxed")

    @functools.cache
    def result(path: Path) -> VerifyResult:
        settings = Settings(timeout=time_limit(path), wall_timeout=90, cache=False,
                            cache_dir=cache_dir)
        return LocalVerifier.from_settings(settings).verify(path.read_text(), path.name)

    return result


@pytest.fixture
def fresh_settings(tmp_path: Path) -> Settings:
    """Short limits and no verdict cache: every run really runs."""
    return Settings(timeout=10, wall_timeout=90, cache=False, cache_dir=tmp_path / "cache")


@pytest.fixture
def program_folder(tmp_path: Path) -> Path:
    """A folder like the one the verifier writes a program into."""
    folder = tmp_path / "program"
    folder.mkdir(mode=0o700)
    (folder / "program.dfy").write_text("method M() {}\n")
    return folder


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.server.close()
