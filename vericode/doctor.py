"""`vericode doctor`: what was found, what is missing, and the command that fixes it."""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass

from vericode.config import Settings
from vericode.dafny.locate import INSTALL_HINT, find_dafny
from vericode.errors import VericodeError


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    found: str
    fix: str = ""


def diagnose(settings: Settings) -> list[Check]:
    checks = _dafny_checks(settings)
    checks.append(_package_check("litellm", "pip install litellm"))
    checks.append(_cache_check(settings))
    return checks


def _dafny_checks(settings: Settings) -> list[Check]:
    try:
        dafny = find_dafny(settings.dafny)
    except VericodeError as exc:
        return [Check("dafny", False, exc.message, INSTALL_HINT)]
    checks = [
        Check("dafny", True, f"{dafny.path} (Dafny {dafny.version}, {dafny.flavour.value} CLI)"),
        Check("dialect shim", True, "on: Dafny 4 syntax is rewritten for this legacy Dafny"
              if dafny.legacy else "off: this Dafny reads Dafny 4 syntax itself"),
    ]
    if dafny.legacy:
        checks.append(Check("z3", dafny.z3 is not None,
                            f"{dafny.z3} (z3 {dafny.z3_version}), wrapped to strip option noise"
                            if dafny.z3 else "not on PATH: Dafny will look for its own",
                            "" if dafny.z3 else "apt-get install -y z3"))
    return checks


def _package_check(name: str, fix: str) -> Check:
    try:
        return Check(name, True, importlib.metadata.version(name))
    except importlib.metadata.PackageNotFoundError:
        return Check(name, False, "not installed", fix)


def _cache_check(settings: Settings) -> Check:
    folder = settings.cache_dir
    if not settings.cache:
        return Check("cache", True, f"off ({folder})")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".doctor-probe"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        return Check("cache", False, f"{folder}: {exc}",
                     "set VERICODE_CACHE_DIR to a writable folder")
    return Check("cache", True, str(folder))
