"""Running the local Dafny inside a bubblewrap sandbox.

A candidate program is untrusted input to a large tool chain (Dafny, Mono, z3), so
the verifier runs with no network, a read-only view of the whole system, no
capabilities, its own process tree (killing bwrap kills everything in it), and one
writable place: a private, empty ``/tmp`` (also ``HOME``, for runtimes that keep
state there) that vanishes with the run. The program's folder is visible read-only,
as is every file the command line names (the z3 wrapper lives in vericode's cache,
which may itself sit under ``/tmp``).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from vericode.dafny.run.process import ProcessResult, run
from vericode.dafny.run.verifier import Launcher, LocalVerifier
from vericode.errors import ToolMissing
from vericode.settings import Settings

BWRAP_HINT = "install it with `apt-get install -y bubblewrap`, or run without --sandbox"

_NAMESPACES = ("--unshare-user-try", "--unshare-net", "--unshare-pid", "--unshare-ipc",
               "--unshare-uts", "--unshare-cgroup-try")
_LIFETIME = ("--die-with-parent", "--new-session", "--cap-drop", "ALL")
_SYSTEM = ("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp")


def find_bwrap() -> str | None:
    """``bwrap`` on PATH, or None."""
    return shutil.which("bwrap")


def sandbox_argv(bwrap: str, argv: Sequence[str], folder: Path) -> list[str]:
    """``argv`` wrapped in bwrap, run in ``folder`` (read-only) with a private /tmp."""
    binds: list[str] = []
    for path in _visible_paths(argv, folder):
        binds += ["--ro-bind", path, path]
    where = str(folder.absolute())
    return [bwrap, *_NAMESPACES, *_LIFETIME, *_SYSTEM, *binds, "--chdir", where,
            "--setenv", "TMPDIR", "/tmp", "--setenv", "HOME", "/tmp", "--", *argv]


def _visible_paths(argv: Sequence[str], folder: Path) -> list[str]:
    """The folder, the program's own folder, and every existing absolute path the
    arguments name (``/z3exe:PATH`` too).

    They are bound again after the private /tmp is mounted, so that they stay
    visible (read-only) wherever they are, even under /tmp.
    """
    paths = [str(folder.absolute())]
    program = Path(argv[0])
    if program.is_absolute() and program.parent != Path("/") and program.parent.is_dir():
        paths.append(str(program.parent))
    for arg in argv[1:]:
        candidate = arg.split(":", 1)[1] if arg.startswith("/") and ":" in arg else arg
        if candidate.startswith("/") and Path(candidate).exists() and not _inside(
                candidate, paths[0]):
            paths.append(candidate)
    return paths


def _inside(path: str, folder: str) -> bool:
    return Path(path).is_relative_to(folder)


class SandboxLauncher:
    """A ``Launcher`` that runs each command under ``bwrap``."""

    def __init__(self, bwrap: str) -> None:
        self.bwrap = bwrap

    def __call__(self, argv: list[str], folder: Path, wall_seconds: float) -> ProcessResult:
        result = run(sandbox_argv(self.bwrap, argv, folder), wall_seconds=wall_seconds,
                     cwd=folder)
        if result.returncode == 1 and result.output.startswith("bwrap: "):
            raise ToolMissing(f"the sandbox cannot start: {result.output.strip()}; {BWRAP_HINT}")
        return result


def sandbox_launcher(bwrap: str | None = None) -> Launcher:
    """The bwrap launcher (``bwrap`` on PATH unless given); raises if there is none."""
    found = bwrap or find_bwrap()
    if found is None:
        raise ToolMissing(f"the sandbox needs bwrap, which is not on PATH: {BWRAP_HINT}")
    return SandboxLauncher(found)


def sandbox_problem(bwrap: str | None = None) -> str | None:
    """Why the sandbox cannot run here (no bwrap, no user namespaces...), or None if it can.

    For `vericode doctor` and for choosing the default: bwrap on PATH is not enough
    inside some containers, where it may not create namespaces.
    """
    try:
        launcher = sandbox_launcher(bwrap)
        with tempfile.TemporaryDirectory(prefix="vericode-sandbox-") as tmp:
            result = launcher(["/bin/sh", "-c", "exit 0"], Path(tmp), 30)
    except ToolMissing as exc:
        return exc.message
    return None if result.returncode == 0 else f"bwrap exited {result.returncode}: {result.output}"


def sandboxed_verifier(settings: Settings) -> LocalVerifier:
    """The local verifier (Dafny from settings or PATH) with every run under bwrap."""
    local = LocalVerifier.from_settings(settings)
    return LocalVerifier(local.dafny, local.options, local.cache, local.work_dir,
                         sandbox_launcher())
