"""The warm pool inside the verifier image: J long-lived containers, one Dafny server each.

``ContainerPool`` is ``ServerPool`` (the same requests, answers, restarts, time-out
kills and recycling) whose servers are ``ENGINE run -i --rm … IMAGE dafny-server``:
the image's ``dafny-server`` speaks the server protocol on the container's stdin and
stdout, so each program costs what it costs on a local warm server instead of a
container start (~0.45 s). The program text travels in the request: no folder of the
host is mounted, and the container has the same limits as ``ContainerLauncher``'s.

No container outlives vericode, however it ends:

* ``close()`` (and the pool's finalizer) kills each server and removes its container by
  name, then removes whatever still carries the pool's label;
* a server that passes the wall-clock limit is killed the same way (its container too);
* if vericode is killed outright, the engine's client dies with it (it is a server
  process of ``DafnyServer``'s process group), the container's stdin ends, its main
  process (``docker/dafny-server.sh``) exits and takes the server and z3 with it, and
  ``--rm`` removes the container (measured: gone within about a second, both engines);
* every container carries ``vericode.owner=PID`` for the rest.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import tempfile
import uuid
import weakref
from pathlib import Path

from vericode.dafny.run.cache import verdict_cache
from vericode.dafny.run.container import ContainerLauncher, ContainerLimits, image_install
from vericode.dafny.run.images import DEFAULT_IMAGE, find_engine, is_podman
from vericode.dafny.run.locate import DafnyInstall
from vericode.dafny.run.pool import ServerPool
from vericode.dafny.run.server import Answer, DafnyServer, ServerCommand
from vericode.dafny.run.verifier import Launcher, VerifyOptions
from vericode.errors import ToolMissing
from vericode.settings import Settings

SERVER_PROGRAM = "dafny-server"
"""The image's server entry (``docker/dafny-server.sh``)."""
IMAGE_Z3 = "/usr/local/bin/z3-quiet"
"""The image's stdin-safe quiet z3 wrapper (``docker/z3-quiet.sh``)."""
_NAME_SLOT = "@NAME@"


class ContainerServer(DafnyServer):
    """A ``DafnyServer`` whose process is an engine client attached to one container.

    The launch script names the container ``PREFIX<pid of the client>``, so the name
    is known as soon as the watchdog reports that pid.
    """

    def __init__(self, command: ServerCommand, cwd: Path, engine: str, name_prefix: str) -> None:
        super().__init__(command, cwd)
        self.engine = engine
        self.name_prefix = name_prefix
        self._main_pid: int | None = None

    @property
    def container(self) -> str | None:
        """The container's name, once started."""
        return None if self.pid is None else f"{self.name_prefix}{self.pid}"

    def ask(self, args: list[str], filename: str, source: str, wall_seconds: float) -> Answer:
        """A request with the image's z3 wrapper (the host's would not exist inside)."""
        return super().ask([*args, f"/z3exe:{IMAGE_Z3}"], filename, source, wall_seconds)

    def rss_bytes(self) -> int | None:
        """The resident memory of the server process inside the container."""
        if self._main_pid is None and (name := self.container) and self.alive:
            self._main_pid = main_pid(self.engine, name)
        return None if self._main_pid is None else server_rss(self._main_pid)

    def close(self) -> None:
        """Kill the client (the container's stdin ends) and remove the container."""
        name = self.container
        super().close()
        if name is not None:
            remove_containers(self.engine, [name])


class ContainerPool(ServerPool):
    """``ServerPool`` on containers; ``close`` also removes the pool's containers."""

    def __init__(self, dafny: DafnyInstall, options: VerifyOptions, launcher: ContainerLauncher,
                 settings: Settings, jobs: int) -> None:
        self.launcher = launcher
        self.label = f"vericode.pool={uuid.uuid4().hex[:16]}"
        """Every container of this pool carries it (and ``vericode.owner=PID``)."""
        self.prefix = f"vericode-server-{os.getpid()}-"
        folder = Path(tempfile.mkdtemp(prefix="vericode-container-pool-"))
        script = launch_script(launcher, self.prefix, self.label, folder)
        super().__init__(dafny, ServerCommand(str(script), Path(SERVER_PROGRAM)), options,
                         verdict_cache(settings), settings.cache_dir, jobs,
                         server=self._new_server)
        self._sweep = weakref.finalize(self, _sweep, launcher.engine, self.label, folder)

    def _new_server(self, command: ServerCommand, cwd: Path) -> DafnyServer:
        return ContainerServer(command, cwd, self.launcher.engine, self.prefix)

    def _print_launcher(self) -> Launcher:
        """``/dprint`` runs in a throw-away container of the same image."""
        return self.launcher

    def containers(self) -> list[str]:
        """Names of this pool's containers the engine knows (for monitoring and tests)."""
        return labelled(self.launcher.engine, self.label)

    def close(self) -> None:
        super().close()
        self._sweep()


def container_pool(settings: Settings, jobs: int, image: str = DEFAULT_IMAGE,
                   engine: str | None = None,
                   limits: ContainerLimits | None = None) -> ContainerPool:
    """A pool of ``jobs`` warm servers in ``image``; ``ToolMissing`` if it cannot run."""
    engine_path = find_engine(engine)
    install = image_install(engine_path, image, settings.cache_dir)
    if not install.legacy:
        raise ToolMissing(f"{image} has {install.label}, which has no warm server (Dafny 4's "
                          "`dafny server` speaks LSP): use --verifier container")
    launcher = ContainerLauncher(engine_path, image, limits)
    return ContainerPool(install, VerifyOptions.from_settings(settings), launcher, settings,
                         jobs)


def launch_script(launcher: ContainerLauncher, prefix: str, label: str, folder: Path) -> Path:
    """A script that runs its argument (the image's server) in a fresh container.

    It ``exec``s the engine, so the client keeps the script's pid, which names the
    container: ``PREFIX$$``.
    """
    flags = launcher.isolation(_NAME_SLOT)
    argv = [launcher.engine, "run", "--interactive", *flags, "--label", label,
            "--label", f"vericode.owner={os.getpid()}", "--workdir", "/tmp", launcher.image]
    line = shlex.join(argv).replace(_NAME_SLOT, f"{prefix}$$")
    path = folder / "container-server.sh"
    path.write_text(f'#!/bin/sh\n# vericode: a Dafny server in a container\nexec {line} "$1"\n')
    path.chmod(0o755)
    return path


def main_pid(engine: str, name: str) -> int | None:
    """The host pid of the container's main process; None if it is not running."""
    done = _engine(engine, "inspect", "--format", "{{.State.Pid}}", name)
    pid = done.stdout.strip() if done and done.returncode == 0 else ""
    return int(pid) if pid.isdigit() and pid != "0" else None


def server_rss(main: int) -> int | None:
    """The resident memory of the Dafny server among ``main``'s descendants (the same
    measure as a local server's: its own RSS, no z3), or None if it is not there."""
    pending = [main]
    while pending:
        pid = pending.pop()
        with contextlib.suppress(OSError, ValueError):
            if b"DafnyServer.exe" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return _rss(pid)
            for task in Path(f"/proc/{pid}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
    return None


def _rss(pid: int) -> int | None:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return None


def labelled(engine: str, label: str) -> list[str]:
    """Names of the containers, running or not, that carry ``label``."""
    done = _engine(engine, "ps", "--all", "--filter", f"label={label}", "--format",
                   "{{.Names}}")
    return done.stdout.split() if done and done.returncode == 0 else []


def remove_containers(engine: str, names: list[str]) -> None:
    """Kill and remove containers; ones already gone are fine."""
    if names:
        _engine(engine, "rm", "--force", *(["--time", "0"] if is_podman(engine) else []),
                *names)


def _sweep(engine: str, label: str, folder: Path) -> None:
    remove_containers(engine, labelled(engine, label))
    shutil.rmtree(folder, ignore_errors=True)


def _engine(engine: str, *args: str) -> subprocess.CompletedProcess[str] | None:
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        return subprocess.run([engine, *args], capture_output=True, text=True, timeout=60,
                              stdin=subprocess.DEVNULL, check=False)
    return None
