"""Which backend the settings choose, and that each gives the same verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from vericode.dafny.run.backends import open_verifier
from vericode.dafny.run.locate import DafnyInstall
from vericode.dafny.run.pool import ServerPool
from vericode.dafny.run.sandbox import SandboxLauncher
from vericode.dafny.run.server import find_server
from vericode.dafny.run.verifier import LocalVerifier, launch_local
from vericode.errors import ToolMissing
from vericode.seams import Verdict
from vericode.settings import Settings

FAILING = (Path(__file__).parent.parent / "fixtures" / "programs" / "failing.dfy").read_text()


def test_auto_prefers_the_warm_pool(settings: Settings) -> None:
    with open_verifier(settings, jobs=2) as verifier:
        assert isinstance(verifier, ServerPool)
        assert verifier.jobs == 2
        assert verifier.verify(FAILING, "f.dfy").verdict is Verdict.FAILED
    assert verifier.processes() == []


@pytest.mark.parametrize("sandbox, launcher", [("none", launch_local), ("bwrap", None)])
def test_local_backend_and_its_sandbox(settings: Settings, sandbox: str,
                                       launcher: object) -> None:
    chosen = settings.model_copy(update={"verifier": "local", "sandbox": sandbox})
    with open_verifier(chosen) as verifier:
        assert isinstance(verifier, LocalVerifier)
        if launcher is None:
            assert isinstance(verifier.launcher, SandboxLauncher)
        else:
            assert verifier.launcher is launcher
        result = verifier.verify(FAILING, "f.dfy")
    assert result.verdict is Verdict.FAILED
    assert [d.location.line for d in result.diagnostics] == [7, 23]


def test_sandbox_bwrap_selects_the_local_backend(settings: Settings) -> None:
    with open_verifier(settings.model_copy(update={"sandbox": "bwrap"})) as verifier:
        assert isinstance(verifier, LocalVerifier)


def test_server_is_refused_where_there_is_none(tmp_path: Path) -> None:
    dafny4 = DafnyInstall("/opt/dafny/dafny", "4.9.1", None, None)
    assert find_server(dafny4) is None
    script = tmp_path / "dafny"
    script.write_text("#!/bin/sh\necho 4.9.1\n")
    script.chmod(0o755)
    settings = Settings(dafny=str(script), verifier="server", cache_dir=tmp_path)
    with pytest.raises(ToolMissing, match="no DafnyServer"), open_verifier(settings):
        pass


def test_settings_reject_unknown_backends() -> None:
    with pytest.raises(ValueError):
        Settings(verifier="cloud")
    with pytest.raises(ValueError):
        Settings(sandbox="firejail")
