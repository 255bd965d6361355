"""Finding Dafny and z3, and telling which command-line flavour Dafny speaks.

Legacy Dafny (2.x, 3.x) takes ``/option:value`` switches and the old function syntax;
Dafny 4 takes ``dafny verify --option value`` and the new syntax. The version decides.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from vericode.errors import ToolMissing

INSTALL_HINT = ("install it with `apt-get install -y dafny` (Dafny 2.3), or Dafny 4 with "
                "`dotnet tool install --global dafny`; or pass --dafny PATH, or set VERICODE_DAFNY")

_DAFNY4_VERSION = re.compile(r"^\s*(\d+\.\d+\.\d+)")
_LEGACY_VERSION = re.compile(r"Dafny (?:version )?(\d+\.\d+\.\d+(?:\.\d+)?)")
_Z3_VERSION = re.compile(r"Z3 version (\d+\.\d+\.\d+)")


class Flavour(StrEnum):
    LEGACY = "legacy"
    """Dafny 2.x/3.x: ``/compile:0 /timeLimit:N``, ``function method`` syntax."""
    DAFNY4 = "dafny4"
    """Dafny 4.x: ``dafny verify --verification-time-limit N``, Dafny 4 syntax."""


@dataclass(frozen=True)
class DafnyInstall:
    path: str
    version: str
    z3: str | None
    """The z3 a legacy Dafny runs (wrapped to strip option noise); None: Dafny's own."""
    z3_version: str | None

    @property
    def flavour(self) -> Flavour:
        major = int(self.version.split(".")[0])
        return Flavour.DAFNY4 if major >= 4 else Flavour.LEGACY

    @property
    def legacy(self) -> bool:
        return self.flavour is Flavour.LEGACY

    @property
    def label(self) -> str:
        return f"Dafny {self.version}" + (f" (z3 {self.z3_version})" if self.z3_version else "")


def find_dafny(explicit: str | None = None, cache_dir: Path | None = None) -> DafnyInstall:
    """The Dafny to use: ``explicit`` (from --dafny or VERICODE_DAFNY), else PATH.

    Asking a Mono-hosted Dafny for its version costs ~0.2 s per call, so answers are
    remembered in ``cache_dir`` per binary (path, size and modification time).
    """
    path = _resolve(explicit) if explicit else shutil.which("dafny")
    if path is None:
        where = f"{explicit!r} is not an executable file" if explicit else "no `dafny` on PATH"
        raise ToolMissing(f"Dafny not found ({where}): {INSTALL_HINT}")
    z3 = shutil.which("z3")
    known = _VersionFile(cache_dir / "versions.json") if cache_dir else None
    version = known.ask(path, dafny_version) if known else dafny_version(path)
    z3_ver = (known.ask(z3, z3_version) if known else z3_version(z3)) if z3 else None
    return DafnyInstall(path, version, z3, z3_ver or None)


def _resolve(explicit: str) -> str | None:
    found = shutil.which(explicit)
    if found:
        return found
    candidate = Path(explicit)
    return str(candidate) if candidate.is_file() and _executable(candidate) else None


def _executable(path: Path) -> bool:
    return bool(path.stat().st_mode & 0o111)


@lru_cache(maxsize=16)
def dafny_version(path: str) -> str:
    """Ask Dafny for its version (Dafny 4: ``--version``; legacy: ``/version``)."""
    out = _ask(path, "--version")
    if m := _DAFNY4_VERSION.match(out):
        return m.group(1)
    if m := _LEGACY_VERSION.search(out) or _LEGACY_VERSION.search(_ask(path, "/version")):
        return m.group(1)
    raise ToolMissing(f"{path} did not print a Dafny version (is it Dafny?): {INSTALL_HINT}")


@lru_cache(maxsize=16)
def z3_version(path: str) -> str:
    """z3's version, or "" when it prints none."""
    m = _Z3_VERSION.search(_ask(path, "--version"))
    return m.group(1) if m else ""


class _VersionFile:
    """Versions already asked, keyed by the binary's real path, size and mtime."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def ask(self, binary: str, probe: Callable[[str], str]) -> str:
        real = os.path.realpath(binary)
        stat = os.stat(real)
        key = f"{real}:{stat.st_size}:{stat.st_mtime_ns}"
        known = self._load()
        if key not in known:
            known[key] = probe(binary)
            self._save(known)
        return known[key]

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _save(self, known: dict[str, str]) -> None:
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".versions-")
            with os.fdopen(fd, "w") as handle:
                json.dump(known, handle)
            os.replace(tmp, self.path)


def _ask(path: str, flag: str) -> str:
    try:
        done = subprocess.run([path, flag], capture_output=True, text=True, timeout=60,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ToolMissing(f"cannot run {path} {flag}: {exc}; {INSTALL_HINT}") from exc
    return done.stdout + done.stderr
