"""Choosing how Dafny runs: a process per program, a warm server pool, a bwrap sandbox,
or the bundled container (a container per program, or a pool of warm containers).
Every backend answers through the same ``Verifier`` Protocol with the same verdicts
and diagnostics.

The warm pool (``server``) is the default where the Dafny install has a server and
there is more than one program to verify: after its start-up (about 2 s) it is several
times faster per program. A one-shot command (``verify``, ``check``) asks with
``batch=False`` and gets a single process, which is faster for one program. The pool
is not sandboxed; ``--sandbox bwrap`` asks for the local backend under bubblewrap
instead, and ``auto`` sandboxes local runs when bwrap works here.

``container`` with ``batch`` keeps warm servers in long-lived containers
(``container_pool``) where the image's Dafny has one; ``auto`` turns to the container
when no local Dafny is installed but an engine and the image are (never when a Dafny
was named with ``--dafny``: that one, or an error). No choice is a
silent downgrade: ``auto`` says once on standard error when it runs in the container
instead of locally, or locally without the sandbox (``downgrades`` lists the same for
``vericode doctor``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from vericode.dafny.run.locate import find_dafny
from vericode.dafny.run.verifier import LocalVerifier
from vericode.errors import ToolMissing
from vericode.seams import Verifier
from vericode.settings import Settings

_SAID: set[str] = set()


@contextmanager
def open_verifier(settings: Settings, jobs: int | None = None,
                  batch: bool = True) -> Iterator[Verifier]:
    """The verifier ``settings`` ask for, closed (servers stopped) on exit."""
    verifier = make_verifier(settings, jobs or settings.jobs, batch)
    try:
        yield verifier
    finally:
        close = getattr(verifier, "close", None)
        if close is not None:
            close()


def make_verifier(settings: Settings, jobs: int, batch: bool = True) -> Verifier:
    kind, _, image = settings.verifier.partition(":")
    if kind == "container":
        return _container(settings, image or None, jobs, batch)
    if kind == "auto" and (missing := _no_local_dafny(settings)) is not None:
        if settings.dafny is not None:  # the Dafny asked for by name: no stand-in
            raise ToolMissing(missing)
        return _instead_of_local(settings, missing, jobs, batch)
    if kind == "local" or settings.sandbox == "bwrap" or (kind == "auto" and not batch):
        return _local(settings)
    server = _server_pool(settings, jobs)
    if server is not None:
        return server
    if kind == "server":
        raise ToolMissing("--verifier server: this Dafny has no DafnyServer.exe (Dafny 4 has "
                          "none; its `dafny server` speaks another protocol): use --verifier local")
    return _local(settings)


def downgrades(settings: Settings) -> list[str]:
    """What ``auto`` settings would quietly give up here (for ``vericode doctor``)."""
    found = []
    if settings.verifier == "auto" and (missing := _no_local_dafny(settings)) is not None:
        found.append(f"--verifier auto: {missing}; it would verify in the container image "
                     "(--verifier container) if an engine and the image are there")
    if settings.sandbox == "auto" and (problem := _sandbox_problem()) is not None:
        found.append(_unsandboxed(problem))
    return found


def notice(message: str) -> None:
    """Say ``message`` on standard error, once per process."""
    if message not in _SAID:
        _SAID.add(message)
        print(f"vericode: {message}", file=sys.stderr, flush=True)


def _container(settings: Settings, image: str | None, jobs: int, batch: bool) -> Verifier:
    from vericode.dafny.run.container import container_verifier, image_install
    from vericode.dafny.run.container_pool import container_pool
    from vericode.dafny.run.images import DEFAULT_IMAGE, find_engine

    image = image or DEFAULT_IMAGE
    if batch and image_install(find_engine(settings.engine), image, settings.cache_dir).legacy:
        return container_pool(settings, jobs, image, settings.engine)
    return container_verifier(settings, image, settings.engine)


def _instead_of_local(settings: Settings, missing: str, jobs: int, batch: bool) -> Verifier:
    """``auto`` without a local Dafny: the container, said once; else the local error."""
    try:
        verifier = _container(settings, None, jobs, batch)
    except ToolMissing as exc:
        raise ToolMissing(f"{missing}; nor can the container run it ({exc.message})") from exc
    notice(f"{missing}: verifying in the container image instead (--verifier container)")
    return verifier


def _no_local_dafny(settings: Settings) -> str | None:
    """Why there is no local Dafny (its error), or None when there is one."""
    try:
        find_dafny(settings.dafny, settings.cache_dir)
    except ToolMissing as exc:
        return exc.message
    return None


def _server_pool(settings: Settings, jobs: int) -> Verifier | None:
    from vericode.dafny.run.pool import ServerPool
    from vericode.dafny.run.server import find_server

    if find_server(find_dafny(settings.dafny, settings.cache_dir)) is None:
        return None
    return ServerPool.from_settings(settings, jobs)


def _local(settings: Settings) -> LocalVerifier:
    from vericode.dafny.run import sandbox

    if settings.sandbox == "none":
        return LocalVerifier.from_settings(settings)
    if settings.sandbox == "bwrap":
        return sandbox.sandboxed_verifier(settings)
    problem = _sandbox_problem()
    if problem is None:
        return sandbox.sandboxed_verifier(settings)
    notice(_unsandboxed(problem))
    return LocalVerifier.from_settings(settings)


def _sandbox_problem() -> str | None:
    from vericode.dafny.run import sandbox

    return sandbox.sandbox_problem()


def _unsandboxed(problem: str) -> str:
    from vericode.dafny.run.sandbox import BWRAP_HINT

    return (f"--sandbox auto: bubblewrap does not work here ({problem}), so local "
            f"verifications run without the sandbox; {BWRAP_HINT} (or --sandbox none)")
