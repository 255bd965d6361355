"""Choosing a backend, for real: the container pool for batches, ``auto`` turning to the
container only when no local Dafny exists, and every downgrade said on stderr, once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.container.isolation_probes import PROGRAMS
from vericode.dafny.run import backends
from vericode.dafny.run.backends import downgrades, make_verifier, open_verifier
from vericode.dafny.run.container_pool import ContainerPool
from vericode.dafny.run.verifier import LocalVerifier, launch_local
from vericode.errors import ToolMissing
from vericode.seams import Verdict
from vericode.settings import Settings

pytestmark = pytest.mark.container


@pytest.fixture(autouse=True)
def said_nothing_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts as a fresh process would: nothing said yet."""
    monkeypatch.setattr(backends, "_SAID", set())


@pytest.fixture
def path_without_bwrap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH with Dafny, z3 and a shell, but no bubblewrap."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for name in ("dafny", "z3", "sh", "cli", "mono"):
        if (found := Path("/usr/bin") / name).exists():
            (tools / name).symlink_to(found)
    monkeypatch.setenv("PATH", str(tools))


@pytest.fixture
def path_without_dafny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH with everything of /usr/bin (the engines, their helpers) but Dafny: a
    machine where no local Dafny is installed (a Dafny named with --dafny is never
    replaced by the container)."""
    tools = tmp_path / "usr-bin"
    tools.mkdir()
    for found in Path("/usr/bin").iterdir():
        if found.name != "dafny":
            (tools / found.name).symlink_to(found)
    monkeypatch.setenv("PATH", f"{tools}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/sbin")


def test_container_batches_get_the_warm_pool(fresh_settings: Settings, engine: str,
                                             debian_image: str) -> None:
    settings = fresh_settings.model_copy(update={"verifier": f"container:{debian_image}",
                                                 "engine": engine})
    with open_verifier(settings, jobs=2) as pool:
        assert isinstance(pool, ContainerPool) and pool.jobs == 2
        assert pool.verify((PROGRAMS / "max.dfy").read_text(), "max.dfy").verdict is \
            Verdict.VERIFIED
    assert pool.containers() == []
    one_shot = make_verifier(settings, 1, batch=False)
    assert isinstance(one_shot, LocalVerifier) and one_shot.launcher is not launch_local


@pytest.mark.usefixtures("path_without_dafny")
def test_auto_without_local_dafny_says_it_uses_the_container(
        fresh_settings: Settings, engine: str, debian_image: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    settings = fresh_settings.model_copy(update={"dafny": None, "engine": engine})
    for _ in range(2):
        with open_verifier(settings, jobs=1) as verifier:
            assert isinstance(verifier, ContainerPool)
    err = capsys.readouterr().err
    assert err.count("vericode: Dafny not found") == 1
    assert "verifying in the container image instead" in err
    assert any("--verifier auto" in line for line in downgrades(settings))


@pytest.mark.usefixtures("path_without_dafny")
def test_auto_with_neither_names_both_reasons(fresh_settings: Settings, engine: str) -> None:
    settings = fresh_settings.model_copy(update={
        "dafny": None, "engine": engine, "verifier": "auto"})
    with pytest.raises(ToolMissing, match=r"Dafny not found.*nor can the container"):
        make_verifier(settings.model_copy(update={"engine": "/nonexistent/engine"}), 1)


def test_a_named_dafny_that_is_missing_is_an_error_not_the_container(
        fresh_settings: Settings, engine: str) -> None:
    settings = fresh_settings.model_copy(update={"dafny": "/nonexistent/dafny",
                                                 "engine": engine, "verifier": "auto"})
    with pytest.raises(ToolMissing, match="Dafny not found"):
        make_verifier(settings, 1)


def test_auto_with_local_dafny_stays_local_and_quiet(
        fresh_settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    verifier = make_verifier(fresh_settings, 1, batch=False)
    assert isinstance(verifier, LocalVerifier) and verifier.launcher is not launch_local
    assert capsys.readouterr().err == ""
    assert downgrades(fresh_settings) == []


@pytest.mark.usefixtures("path_without_bwrap")
def test_sandbox_auto_without_bwrap_says_so_once(fresh_settings: Settings,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert os.environ["PATH"].endswith("bin")
    for _ in range(2):
        verifier = make_verifier(fresh_settings, 1, batch=False)
        assert isinstance(verifier, LocalVerifier) and verifier.launcher is launch_local
    err = capsys.readouterr().err
    assert err.count("--sandbox auto: bubblewrap does not work here") == 1
    assert "apt-get install -y bubblewrap" in err
    assert [line.split(":")[0] for line in downgrades(fresh_settings)] == ["--sandbox auto"]
