"""The bwrap sandbox, for real: the local Dafny with no network and nothing writable."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.container.isolation_probes import (
    COMPARED,
    PROGRAMS,
    Listener,
    host_address,
    time_limit,
)
from vericode.dafny.run.sandbox import (
    find_bwrap,
    sandbox_argv,
    sandbox_launcher,
    sandbox_problem,
    sandboxed_verifier,
)
from vericode.dafny.run.verifier import launch_local
from vericode.errors import ToolMissing
from vericode.seams import Verdict, VerifyResult
from vericode.settings import Settings

pytestmark = pytest.mark.container


@pytest.fixture(scope="module")
def bwrap() -> str:
    found = find_bwrap()
    if found is None:
        pytest.fail("bwrap is not on PATH (apt-get install -y bubblewrap)")
    return found


def comparable(result: VerifyResult) -> tuple[Verdict, list[dict[str, object]]]:
    return result.verdict, [d.model_dump() for d in result.diagnostics]


def processes_naming(word: str) -> list[int]:
    """Live processes whose command line contains ``word``."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and word.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_the_sandbox_works_here(bwrap: str) -> None:
    assert sandbox_problem(bwrap) is None
    assert sandbox_problem("/bin/false") == "bwrap exited 1: "


@pytest.mark.parametrize("path", COMPARED, ids=lambda p: p.name)
def test_same_verdicts_as_unsandboxed(path: Path, bwrap: str, fresh_settings: Settings,
                                      unsandboxed: Callable[[Path], VerifyResult]) -> None:
    quick = fresh_settings.model_copy(update={"timeout": time_limit(path)})
    boxed = sandboxed_verifier(quick).verify(path.read_text(), path.name)
    assert comparable(boxed) == comparable(unsandboxed(path))
    assert boxed.summary == unsandboxed(path).summary


def test_no_network_inside(bwrap: str, program_folder: Path, listener: Listener) -> None:
    addresses = sorted({host_address(), "127.0.0.1"})
    code = ("import socket\n"
            f"for a in {addresses!r}:\n"
            "    try:\n"
            f"        socket.create_connection((a, {listener.port}), timeout=5)\n"
            "        print('CONNECTED', a)\n"
            "    except OSError as e:\n"
            "        print('FAILED', a, e)\n")
    probe = ["python3", "-c", code]
    assert launch_local(probe, program_folder, 30).output.count("CONNECTED") == len(addresses)
    assert listener.accepted_within() == len(addresses)
    inside = sandbox_launcher(bwrap)(probe, program_folder, 30)
    assert inside.output.count("FAILED") == len(addresses), inside.output
    assert listener.accepted_within() == len(addresses)


def test_nothing_writable_but_a_private_tmp(bwrap: str, program_folder: Path) -> None:
    marker = f"vericode-sandbox-{uuid.uuid4().hex}"
    home = Path.home() / marker
    script = (f"cat {program_folder}/program.dfy; "
              f"for f in {program_folder}/new {home} /etc/{marker} /tmp/{marker}; do "
              "echo x > $f && echo WROTE $f; done")
    result = sandbox_launcher(bwrap)(["sh", "-c", script], program_folder, 30)
    assert "method M() {}" in result.output
    assert result.output.count("Read-only file system") == 3
    assert f"WROTE /tmp/{marker}" in result.output
    assert not Path(f"/tmp/{marker}").exists() and not home.exists()
    assert sorted(p.name for p in program_folder.iterdir()) == ["program.dfy"]


def test_no_capabilities_and_own_process_tree(bwrap: str, program_folder: Path) -> None:
    script = "grep CapEff /proc/self/status; ls /proc | grep -c '^[0-9]'"
    result = sandbox_launcher(bwrap)(["sh", "-c", script], program_folder, 30)
    capabilities, count = result.output.split("\n")[:2]
    assert capabilities.split() == ["CapEff:", "0000000000000000"]
    assert int(count) < 10


def test_wall_clock_limit_kills_everything_inside(bwrap: str, fresh_settings: Settings) -> None:
    marker = f"slow_{uuid.uuid4().hex}"
    slow = sandboxed_verifier(fresh_settings.model_copy(update={"timeout": 30,
                                                                "wall_timeout": 3}))
    result = slow.verify((PROGRAMS / "slow.dfy").read_text(), f"{marker}.dfy")
    assert result.verdict is Verdict.TIMEOUT
    assert 3 <= result.seconds < 10
    assert processes_naming(marker) == []


def test_command_line_paths_stay_visible_under_the_private_tmp(tmp_path: Path) -> None:
    wrapper = tmp_path / "z3-wrapper.sh"
    wrapper.write_text("")
    dafny = tmp_path / "dafny" / "dafny"
    dafny.parent.mkdir()
    argv = sandbox_argv("bwrap", [str(dafny), f"/z3exe:{wrapper}", str(tmp_path / "p" / "x.dfy")],
                        tmp_path / "p")
    tmpfs = argv.index("/tmp", argv.index("--tmpfs"))
    binds = [argv[i + 1] for i, a in enumerate(argv) if a == "--ro-bind" and i > tmpfs]
    assert binds == [str(tmp_path / "p"), str(dafny.parent), str(wrapper)]
    assert os.path.basename(argv[-1]) == "x.dfy"


def test_missing_bwrap_is_a_tool_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ToolMissing, match="bubblewrap"):
        sandbox_launcher()
