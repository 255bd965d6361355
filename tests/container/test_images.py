"""Building and describing the verifier images: mirrors, versions, the entry point."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from vericode.dafny.run.container import ContainerLauncher, parse_dafny_version
from vericode.dafny.run.images import (
    DOCKER_DIR,
    FALLBACK_MIRROR,
    FALLBACK_SECURITY,
    BuildStep,
    apt_mirrors,
    built_from,
    context_digest,
    ensure_debian_image,
)

DEB822 = """\
Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://mirror.example.org/debian/
Suites: bookworm bookworm-updates
Components: main

Types: deb
URIs: https://mirror.example.org/debian-security
Suites: bookworm-security
Components: main
"""


def test_mirrors_come_from_apts_own_sources(tmp_path: Path) -> None:
    (tmp_path / "sources.list.d").mkdir()
    (tmp_path / "sources.list.d" / "debian.sources").write_text(DEB822)
    (tmp_path / "sources.list.d" / "other.list").write_text(
        "deb https://packages.cloud.google.com/apt cloud-sdk-bookworm main\n")
    assert apt_mirrors(tmp_path) == ("http://mirror.example.org/debian",
                                     "https://mirror.example.org/debian-security")


def test_mirrors_fall_back_to_debians_own(tmp_path: Path) -> None:
    (tmp_path / "sources.list").write_text("# deb http://old.example.org/debian bookworm main\n")
    assert apt_mirrors(tmp_path) == (FALLBACK_MIRROR, FALLBACK_SECURITY)


@pytest.mark.parametrize(("printed", "version"), [
    ("4.11.0+fcb2042d6d043a2634f0854338c08feeaaaf4ae2\n", "4.11.0"),
    ("Dafny 2.3.0.10506\n*** Error: '/version': Filename extension '' is not supported.",
     "2.3.0.10506"),
    ("sh: 1: dafny: not found\n", None),
])
def test_dafny_versions_of_both_clis(printed: str, version: str | None) -> None:
    assert parse_dafny_version(printed) == version


def test_the_context_digest_follows_the_build_files(tmp_path: Path) -> None:
    for path in DOCKER_DIR.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    assert context_digest(tmp_path) == context_digest(DOCKER_DIR)
    (tmp_path / "Dockerfile.debian").write_text("FROM scratch\n")
    assert context_digest(tmp_path) != context_digest(DOCKER_DIR)


@pytest.mark.container
def test_a_built_image_is_not_built_again(engine: str, debian_image: str) -> None:
    assert built_from(engine, debian_image) == context_digest(DOCKER_DIR)
    assert ensure_debian_image(engine, debian_image) == [BuildStep("image", 0.0, True)]


@pytest.mark.container
def test_entry_point_runs_dafny_or_a_named_program(engine: str, debian_image: str) -> None:
    launcher = ContainerLauncher(engine, debian_image)

    def run_image(*args: str) -> str:
        name = f"vericode-test-{uuid.uuid4().hex[:12]}"
        command = [engine, "run", *launcher.isolation(name), debian_image, *args]
        return launcher.run_named(command, name, Path("/"), 120).output

    assert "Dafny 2.3.0" in run_image()
    assert run_image("id", "-un").strip() == "vericode"
    assert "---- Dafny options ----" in run_image("/help")
