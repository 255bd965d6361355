"""Verifying inside the bundled verifier image, one throw-away container per run.

The container sees nothing but the image and the program's folder: no network, a
read-only root, the folder mounted read-only at the same path as on the host (so
that Dafny's messages name the file the local backend would name, and the verdicts
and diagnostics come out the same), a small private ``/tmp``, and memory, CPU and
process limits. Every container has a name, so that a run the wall clock stops can
be removed by name: the engine's client dying does not stop the container.

``container_verifier`` is the local verifier with ``ContainerLauncher`` as its
launcher and the image's Dafny (asked once per image, then read from a cache).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

from vericode.dafny.run.cache import verdict_cache
from vericode.dafny.run.images import (
    DEFAULT_IMAGE,
    build_hint,
    default_runtime,
    find_engine,
    image_id,
    is_podman,
)
from vericode.dafny.run.locate import DafnyInstall
from vericode.dafny.run.process import ProcessResult, run
from vericode.dafny.run.verifier import LocalVerifier, VerifyOptions
from vericode.errors import ToolMissing
from vericode.settings import Settings

ENGINE_FAILED = 125
"""The engine's own exit code for "could not create or start the container"."""

_PROBE = ('if v=$(dafny --version 2>&1); then echo "$v"; else dafny /version 2>&1; fi; '
          'echo @@; z3 --version 2>&1 || true')
_DAFNY4_VERSION = re.compile(r"^\s*(\d+\.\d+\.\d+)")
_LEGACY_VERSION = re.compile(r"Dafny (?:version )?(\d+\.\d+\.\d+(?:\.\d+)?)")
_Z3_VERSION = re.compile(r"Z3 version (\d+\.\d+\.\d+)")


@dataclass(frozen=True)
class ContainerLimits:
    """What one verification container may use."""

    memory: str = "2g"
    """Memory (and memory plus swap): Dafny and z3 rarely need more than a few hundred MB."""
    cpus: float = 2.0
    """CPU share, in cores."""
    pids: int = 1024
    """Processes and threads (Mono and z3 start a few dozen)."""
    scratch: str = "256m"
    """Size of the private tmpfs on /tmp (Mono and .NET write their temporary files there)."""


class ContainerLauncher:
    """A ``Launcher`` that runs each command in a fresh, named, locked-down container."""

    def __init__(self, engine: str, image: str, limits: ContainerLimits | None = None,
                 runtime: str | None = None, name_prefix: str = "vericode-") -> None:
        self.engine = engine
        self.image = image
        self.limits = limits or ContainerLimits()
        self.runtime = runtime if runtime is not None else default_runtime(engine)
        self.name_prefix = name_prefix
        """Containers are named PREFIX + a random part, so that they can be found and removed."""

    def __call__(self, argv: list[str], folder: Path, wall_seconds: float) -> ProcessResult:
        """Run ``argv`` in the image with ``folder`` mounted; remove the container if stopped."""
        name = f"{self.name_prefix}{uuid.uuid4().hex[:16]}"
        share_read_only(folder)
        return self.run_named(self.command(argv, folder, name), name, folder, wall_seconds)

    def run_named(self, command: list[str], name: str, cwd: Path,
                  wall_seconds: float) -> ProcessResult:
        """Run an engine command that starts container ``name``; remove it if the run stops."""
        try:
            result = run(command, wall_seconds=wall_seconds, cwd=cwd)
        except BaseException:
            self.remove(name)
            raise
        if result.timed_out:
            self.remove(name)
        return engine_checked(result, self.engine, self.image)

    def command(self, argv: list[str], folder: Path, name: str) -> list[str]:
        """The engine command line for one run of ``argv`` with ``folder`` mounted."""
        inside = str(folder.absolute())
        return [self.engine, "run", *self.isolation(name),
                "--volume", f"{folder.resolve()}:{inside}:ro", "--workdir", inside,
                self.image, *argv]

    def isolation(self, name: str) -> list[str]:
        """Flags every container gets: no network, nothing writable but a small /tmp."""
        limits = self.limits
        flags = ["--rm", "--name", name, "--label", "vericode=verify", "--network=none",
                 "--read-only", "--tmpfs", f"/tmp:rw,nosuid,nodev,size={limits.scratch}",
                 "--env", "HOME=/tmp", "--memory", limits.memory, "--memory-swap", limits.memory,
                 "--cpus", f"{limits.cpus:g}", "--pids-limit", str(limits.pids),
                 "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                 "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"]
        return ([*flags, "--runtime", self.runtime] if self.runtime else flags)

    def remove(self, name: str) -> None:
        """Kill and remove the container ``name``; one that is already gone is fine."""
        wait = ["--time", "0"] if is_podman(self.engine) else []
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            subprocess.run([self.engine, "rm", "--force", *wait, name], capture_output=True,
                           stdin=subprocess.DEVNULL, timeout=60, check=False)


def engine_checked(result: ProcessResult, engine: str, image: str) -> ProcessResult:
    """Engine failures raise (the tool cannot run); a killed container reads as a signal."""
    code = result.returncode
    if code == ENGINE_FAILED:
        tail = result.output.strip().splitlines()[-1:] or ["no output"]
        raise ToolMissing(f"{Path(engine).name} could not run {image}: {tail[0]}; "
                          f"{build_hint(image)}")
    if code is not None and 128 < code <= 128 + 64:
        return ProcessResult(-(code - 128), result.output, result.seconds, result.timed_out)
    return result


def share_read_only(folder: Path) -> None:
    """Let the image's non-root user read the (private, temporary) program folder."""
    folder.chmod(0o755)
    for path in folder.iterdir():
        path.chmod(0o755 if path.is_dir() else 0o644)


def image_install(engine: str, image: str, cache_dir: Path) -> DafnyInstall:
    """The image's Dafny and z3, asked once per image id and kept in ``cache_dir``."""
    ident = image_id(engine, image)
    if ident is None:
        raise ToolMissing(f"no image {image} in {Path(engine).name}: {build_hint(image)}")
    record = cache_dir / "images" / f"{ident.removeprefix('sha256:')[:32]}.json"
    with contextlib.suppress(OSError, ValueError, KeyError):
        known = json.loads(record.read_text(encoding="utf-8"))
        return DafnyInstall("dafny", known["version"], None, known["z3_version"])
    install = probe_image(engine, image)
    record.parent.mkdir(parents=True, exist_ok=True)
    tmp = record.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"version": install.version, "z3_version": install.z3_version}))
    tmp.replace(record)
    return install


def probe_image(engine: str, image: str) -> DafnyInstall:
    """Run the image once to read its Dafny and z3 versions.

    ``z3`` stays None: the image's ``dafny`` already runs its own (quiet) z3, and a
    z3 wrapper written on the host would not exist inside the container.
    """
    launcher = ContainerLauncher(engine, image)
    name = f"vericode-probe-{uuid.uuid4().hex[:12]}"
    argv = [engine, "run", *launcher.isolation(name), image, "sh", "-c", _PROBE]
    result = launcher.run_named(argv, name, Path("/"), wall_seconds=120)
    dafny_part, _, z3_part = result.output.partition("@@")
    version = parse_dafny_version(dafny_part)
    if version is None:
        raise ToolMissing(f"{image} did not print a Dafny version: {dafny_part.strip()[:200]!r}; "
                          f"{build_hint(image)}")
    z3 = _Z3_VERSION.search(z3_part)
    return DafnyInstall("dafny", version, None, z3.group(1) if z3 else None)


def parse_dafny_version(text: str) -> str | None:
    """``4.11.0+abc`` (Dafny 4 ``--version``) or ``Dafny 2.3.0.10506`` (legacy ``/version``)."""
    if m := _DAFNY4_VERSION.match(text) or _LEGACY_VERSION.search(text):
        return m.group(1)
    return None


def container_verifier(settings: Settings, image: str = DEFAULT_IMAGE,
                       engine: str | None = None,
                       limits: ContainerLimits | None = None) -> LocalVerifier:
    """The local verifier, run inside ``image`` with ``engine`` (auto when None)."""
    engine_path = find_engine(engine)
    install = image_install(engine_path, image, settings.cache_dir)
    cache = verdict_cache(settings)
    launcher = ContainerLauncher(engine_path, image, limits)
    return LocalVerifier(install, VerifyOptions.from_settings(settings), cache,
                         settings.cache_dir, launcher)


@dataclass(frozen=True)
class ReportLine:
    """One line for `vericode doctor` (the same fields as its ``Check``)."""

    name: str
    ok: bool
    found: str
    fix: str = ""


def image_report(image: str = DEFAULT_IMAGE, engine: str | None = None,
                 cache_dir: Path | None = None) -> list[ReportLine]:
    """The engine, the image and the image's Dafny version, each with its fix."""
    try:
        engine_path = find_engine(engine)
    except ToolMissing as exc:
        return [ReportLine("container engine", False, exc.message,
                           "apt-get install -y podman runc")]
    lines = [ReportLine("container engine", True, f"{engine_path} ({engine_version(engine_path)})")]
    try:
        install = (image_install(engine_path, image, cache_dir) if cache_dir
                   else probe_image(engine_path, image))
    except ToolMissing as exc:
        return [*lines, ReportLine("verifier image", False, exc.message, build_hint(image))]
    return [*lines, ReportLine("verifier image", True, f"{image}: {install.label}")]


def engine_version(engine: str) -> str:
    """``podman version 4.3.1`` or ``Docker version 28.2.2, build …``, or why not."""
    try:
        done = subprocess.run([engine, "--version"], capture_output=True, text=True, timeout=30,
                              stdin=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"cannot run: {exc}"
    return (done.stdout or done.stderr).strip() or f"exit code {done.returncode}"
