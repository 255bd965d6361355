"""Choosing how Dafny runs: a process per program, a warm server pool, a bwrap sandbox,
or the bundled container. Every backend answers through the same ``Verifier``
Protocol with the same verdicts and diagnostics.

The warm pool (``server``) is the default where the Dafny install has a server and
there is more than one program to verify: after its start-up (about 2 s) it is several
times faster per program. A one-shot command (``verify``, ``check``) asks with
``batch=False`` and gets a single process, which is faster for one program. The pool
is not sandboxed; ``--sandbox bwrap`` asks for the local backend under bubblewrap
instead, and ``auto`` sandboxes local runs when bwrap works here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from vericode.dafny.run.locate import find_dafny
from vericode.dafny.run.verifier import LocalVerifier
from vericode.errors import ToolMissing
from vericode.seams import Verifier
from vericode.settings import Settings


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
        from vericode.dafny.run.container import container_verifier
        from vericode.dafny.run.images import DEFAULT_IMAGE

        return container_verifier(settings, image or DEFAULT_IMAGE, settings.engine)
    if kind == "local" or settings.sandbox == "bwrap" or (kind == "auto" and not batch):
        return _local(settings)
    server = _server_pool(settings, jobs)
    if server is not None:
        return server
    if kind == "server":
        raise ToolMissing("--verifier server: this Dafny has no DafnyServer.exe (Dafny 4 has "
                          "none; its `dafny server` speaks another protocol): use --verifier local")
    return _local(settings)


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
    if settings.sandbox == "bwrap" or sandbox.sandbox_problem() is None:
        return sandbox.sandboxed_verifier(settings)
    return LocalVerifier.from_settings(settings)
