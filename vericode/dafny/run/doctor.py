"""`vericode doctor`: what was found, what is missing, and the command that fixes it."""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass

from vericode.dafny.run.backends import downgrades
from vericode.dafny.run.locate import INSTALL_HINT, DafnyInstall, find_dafny
from vericode.errors import VericodeError
from vericode.settings import Settings


@dataclass(frozen=True)
class DoctorCheck:
    name: str
    ok: bool
    found: str
    fix: str = ""
    optional: bool = False
    """Something only some backends need (the sandbox, a container engine)."""


def diagnose(settings: Settings) -> list[DoctorCheck]:
    checks = _dafny_checks(settings)
    checks.append(_sandbox_check())
    checks.extend(_container_checks(settings))
    checks.append(_package_check("litellm", "pip install litellm"))
    checks.append(_cache_check(settings))
    checks += [DoctorCheck("downgrade", False, text, "install what it names, or choose the "
                           "backend explicitly (--verifier, --sandbox)", optional=True)
               for text in downgrades(settings)]
    return checks


def healthy(checks: list[DoctorCheck]) -> bool:
    """Every check that is not optional passed."""
    return all(c.ok or c.optional for c in checks)


def _sandbox_check() -> DoctorCheck:
    from vericode.dafny.run.sandbox import BWRAP_HINT, sandbox_problem

    problem = sandbox_problem()
    if problem is None:
        return DoctorCheck("sandbox", True, "bwrap works: local runs have no network and a "
                     "read-only system (--sandbox auto)", optional=True)
    return DoctorCheck("sandbox", False, problem, BWRAP_HINT, optional=True)


def _container_checks(settings: Settings) -> list[DoctorCheck]:
    from vericode.dafny.run.container import image_report
    from vericode.dafny.run.images import DEFAULT_IMAGE

    kind, _, image = settings.verifier.partition(":")
    chosen = image if kind == "container" and image else DEFAULT_IMAGE
    lines = image_report(chosen, settings.engine, settings.cache_dir)
    return [DoctorCheck(line.name, line.ok, line.found, line.fix, optional=kind != "container")
            for line in lines]


def _dafny_checks(settings: Settings) -> list[DoctorCheck]:
    try:
        dafny = find_dafny(settings.dafny, settings.cache_dir)
    except VericodeError as exc:
        return [DoctorCheck("dafny", False, exc.message, INSTALL_HINT)]
    checks = [
        DoctorCheck("dafny", True,
                    f"{dafny.path} (Dafny {dafny.version}, {dafny.flavour.value} CLI)"),
        _server_check(dafny),
        DoctorCheck("dialect shim", True, "on: Dafny 4 syntax is rewritten for this legacy Dafny"
              if dafny.legacy else "off: this Dafny reads Dafny 4 syntax itself"),
    ]
    if dafny.legacy:
        checks.append(DoctorCheck("z3", dafny.z3 is not None,
                            f"{dafny.z3} (z3 {dafny.z3_version}), wrapped to strip option noise"
                            if dafny.z3 else "not on PATH: Dafny will look for its own",
                            "" if dafny.z3 else "apt-get install -y z3"))
    return checks


def _server_check(dafny: DafnyInstall) -> DoctorCheck:
    from vericode.dafny.run.server import find_server

    server = find_server(dafny)
    if server is None:
        why = ("Dafny 4 has none" if not dafny.legacy else "no DafnyServer.exe beside Dafny")
        return DoctorCheck("warm server", True, f"none ({why}): a Dafny process per program",
                     optional=True)
    return DoctorCheck("warm server", True,
                       f"{server.exe}: the default for batches (--verifier auto)")


def _package_check(name: str, fix: str) -> DoctorCheck:
    try:
        return DoctorCheck(name, True, importlib.metadata.version(name))
    except importlib.metadata.PackageNotFoundError:
        return DoctorCheck(name, False, "not installed", fix)


def _cache_check(settings: Settings) -> DoctorCheck:
    folder = settings.cache_dir
    if not settings.cache:
        return DoctorCheck("cache", True, f"off ({folder})")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".doctor-probe"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        return DoctorCheck("cache", False, f"{folder}: {exc}",
                     "set VERICODE_CACHE_DIR to a writable folder")
    return DoctorCheck("cache", True, str(folder))
