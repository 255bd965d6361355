"""The container backend, for real: podman (or docker) runs Debian's Dafny in the image.

Each verdict is compared with the local backend's on the same text, so that "the
same verdicts and lines" is checked on every program, not only on known ones.
"""

from __future__ import annotations

import json
import subprocess
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
from vericode.dafny.run.container import (
    ContainerLauncher,
    ContainerLimits,
    container_verifier,
    image_install,
    image_report,
)
from vericode.dafny.run.locate import find_dafny
from vericode.dafny.run.verifier import LocalVerifier, VerifyOptions, launch_local
from vericode.errors import ToolMissing
from vericode.seams import Verdict, VerifyResult
from vericode.settings import Settings

pytestmark = pytest.mark.container


def comparable(result: VerifyResult) -> tuple[Verdict, list[dict[str, object]]]:
    """What must not depend on the backend: the verdict and every diagnostic."""
    return result.verdict, [d.model_dump() for d in result.diagnostics]


def containers(engine: str) -> list[str]:
    """Names of every container the engine knows, running or not."""
    done = subprocess.run([engine, "ps", "--all", "--format", "{{.Names}}"],
                          capture_output=True, text=True, check=True)
    return done.stdout.split()


@pytest.fixture
def boxed(fresh_settings: Settings, engine: str, debian_image: str) -> LocalVerifier:
    return container_verifier(fresh_settings, debian_image, engine)


@pytest.fixture
def local(fresh_settings: Settings) -> LocalVerifier:
    return LocalVerifier.from_settings(fresh_settings)


def test_image_runs_debians_dafny_as_the_local_one(boxed: LocalVerifier) -> None:
    local = find_dafny()
    assert boxed.dafny.version == local.version
    assert boxed.version == local.label
    assert boxed.dafny.legacy and boxed.dafny.z3 is None


def test_verified_program(boxed: LocalVerifier) -> None:
    text = (PROGRAMS / "max.dfy").read_text()
    result = boxed.verify(text, "max.dfy")
    assert result.verdict is Verdict.VERIFIED, result.output
    assert result.summary.endswith("2 verified, 0 errors")
    assert "Prover error" not in result.output


def test_failing_program_names_the_users_file_and_lines(boxed: LocalVerifier) -> None:
    text = (PROGRAMS / "wrong_max.dfy").read_text()
    result = boxed.verify(text, "specs/wrong_max.dfy")
    assert result.verdict is Verdict.FAILED
    assert [(d.location.line, d.location.column) for d in result.diagnostics] == [(11, 3),
                                                                                  (14, 22)]
    post, invariant = result.diagnostics
    assert post.location.file == "specs/wrong_max.dfy"
    assert post.related[0].location.source_line == "  ensures m in a"
    assert "loop invariant might not be maintained" in invariant.message
    assert "/tmp" not in result.output


@pytest.mark.parametrize("path", COMPARED, ids=lambda p: p.name)
def test_same_verdict_and_diagnostics_as_local(path: Path, fresh_settings: Settings,
                                               engine: str, debian_image: str,
                                               unsandboxed: Callable[[Path], VerifyResult],
                                               ) -> None:
    quick = fresh_settings.model_copy(update={"timeout": time_limit(path)})
    in_container = container_verifier(quick, debian_image, engine).verify(
        path.read_text(), path.name)
    assert comparable(in_container) == comparable(unsandboxed(path))
    assert in_container.summary == unsandboxed(path).summary


def test_wall_clock_limit_removes_the_container(boxed: LocalVerifier, engine: str,
                                                debian_image: str, tmp_path: Path) -> None:
    prefix = f"vericode-test-{uuid.uuid4().hex[:8]}-"
    launcher = ContainerLauncher(engine, debian_image, name_prefix=prefix)
    slow = LocalVerifier(boxed.dafny, VerifyOptions(time_limit=30, wall_seconds=4), None,
                         tmp_path, launcher)
    result = slow.verify((PROGRAMS / "slow.dfy").read_text(), "slow.dfy")
    assert result.verdict is Verdict.TIMEOUT
    assert "wall-clock limit of 4 s" in result.summary
    assert 4 <= result.seconds < 15
    assert [n for n in containers(engine) if n.startswith(prefix)] == []


def test_no_network_inside(engine: str, debian_image: str, program_folder: Path,
                           listener: Listener) -> None:
    addresses = sorted({host_address(), "127.0.0.1"})
    script = (f"for a in {' '.join(addresses)}; do "
              f"(exec 3<>/dev/tcp/$a/{listener.port}) && echo CONNECTED $a; done")
    probe = ["bash", "-c", script]
    assert launch_local(probe, program_folder, 30).output.count("CONNECTED") == len(addresses)
    assert listener.accepted_within() == len(addresses)
    inside = ContainerLauncher(engine, debian_image)(probe, program_folder, 60)
    assert "CONNECTED" not in inside.output
    assert inside.output.count("/dev/tcp") == len(addresses)
    assert listener.accepted_within() == len(addresses)


def test_nothing_writable_but_a_private_tmp(engine: str, debian_image: str,
                                            program_folder: Path) -> None:
    script = (f"id -u; cat {program_folder}/program.dfy; "
              f"for f in {program_folder}/new /etc/new /home/vericode/new /tmp/new; do "
              "echo x > $f && echo WROTE $f; done")
    result = ContainerLauncher(engine, debian_image)(["sh", "-c", script], program_folder, 60)
    assert result.output.splitlines()[0] != "0"
    assert "method M() {}" in result.output
    assert result.output.count("Read-only file system") == 3
    assert "WROTE /tmp/new" in result.output
    assert sorted(p.name for p in program_folder.iterdir()) == ["program.dfy"]


def test_program_cannot_include_files_outside_its_folder(boxed: LocalVerifier,
                                                         local: LocalVerifier,
                                                         tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "lib.dfy"
    secret.parent.mkdir()
    secret.write_text("function Two(): int { 2 }\n")
    text = f'include "{secret}"\nmethod M() {{ assert Two() == 2; }}\n'
    assert local.verify(text, "m.dfy").verdict is Verdict.VERIFIED
    result = boxed.verify(text, "m.dfy")
    assert result.verdict is not Verdict.VERIFIED
    assert "Unable to open included file" in result.output


def test_memory_and_process_limits_apply(engine: str, debian_image: str,
                                         program_folder: Path) -> None:
    limits = ContainerLimits(memory="768m", pids=321)
    script = ("cat /sys/fs/cgroup/memory.max 2>/dev/null "
              "|| cat /sys/fs/cgroup/memory/memory.limit_in_bytes; "
              "cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max")
    result = ContainerLauncher(engine, debian_image, limits)(["sh", "-c", script],
                                                              program_folder, 60)
    assert result.output.split() == [str(768 * 1024 * 1024), "321"]


def test_image_version_is_asked_once_per_image(engine: str, debian_image: str,
                                               tmp_path: Path) -> None:
    first = image_install(engine, debian_image, tmp_path)
    [record] = (tmp_path / "images").glob("*.json")
    assert json.loads(record.read_text())["version"] == first.version == find_dafny().version
    record.write_text(json.dumps({"version": "9.9.9", "z3_version": "1.0.0"}))
    assert image_install(engine, debian_image, tmp_path).version == "9.9.9"


def test_doctor_report(engine: str, debian_image: str, tmp_path: Path) -> None:
    found = image_report(debian_image, engine, tmp_path)
    assert [line.ok for line in found] == [True, True]
    assert "Dafny 2.3" in found[1].found
    missing = image_report("vericode-no-such:image", engine, tmp_path)
    assert [line.ok for line in missing] == [True, False]
    assert "vericode-no-such:image" in missing[1].found


def test_missing_image_is_a_tool_error(fresh_settings: Settings, engine: str) -> None:
    with pytest.raises(ToolMissing, match="no image vericode-no-such:image"):
        container_verifier(fresh_settings, "vericode-no-such:image", engine)
