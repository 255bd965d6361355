"""The local verifier: one Dafny process per program, under the dialect shim.

``LocalVerifier.verify(text, name)`` writes the (rewritten) program to a private
temporary folder, runs Dafny there under a wall-clock limit, reads its output, maps
every position back to the caller's text, and answers from and into the verdict
cache. It raises only when Dafny cannot run at all.
"""

from __future__ import annotations

import re
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vericode.dafny.run import output
from vericode.dafny.run.cache import VerdictCache, cache_key, through_cache, verdict_cache
from vericode.dafny.run.locate import DafnyInstall, Flavour, find_dafny
from vericode.dafny.run.procedures import procedure_outcomes
from vericode.dafny.run.process import ProcessResult, run
from vericode.dafny.run.verdict import judge
from vericode.dafny.run.z3wrap import z3_wrapper
from vericode.dafny.syntax import dialect
from vericode.errors import ToolMissing
from vericode.seams import Diagnostic, Location, Printout, Related, VerifyResult
from vericode.settings import Settings

_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]")

Launcher = Callable[[list[str], Path, float], ProcessResult]
"""Runs a verifier command line in a folder under a wall-clock limit (local, sandboxed,
in a container); the folder holds the program and is the working directory."""


def launch_local(argv: list[str], folder: Path, wall_seconds: float) -> ProcessResult:
    """Run the command as a plain local process."""
    return run(argv, wall_seconds=wall_seconds, cwd=folder)


@dataclass(frozen=True)
class VerifyOptions:
    time_limit: int = 30
    """Seconds per proof obligation (Dafny's own limit)."""
    wall_seconds: float = 150.0
    """Seconds for the whole run; the process group is killed after it."""

    @classmethod
    def from_settings(cls, settings: Settings) -> VerifyOptions:
        return cls(settings.timeout, settings.wall_seconds)


class CachingVerifier(ABC):
    """What every backend shares: the verifier's label, and answers through the verdict
    cache under one key scheme; a backend supplies ``_run``."""

    dafny: DafnyInstall
    options: VerifyOptions
    cache: VerdictCache | None

    @property
    def version(self) -> str:
        return self.dafny.label

    def verify(self, text: str, name: str = "program.dfy") -> VerifyResult:
        """The verdict on ``text``; diagnostics name ``name`` and its lines."""
        key = verdict_key(self.dafny, self.options, text, name)
        return through_cache(self.cache, key, lambda: self._run(text, name))

    @abstractmethod
    def _run(self, text: str, name: str) -> VerifyResult:
        """Verify ``text`` for real (the cache had no answer)."""

    def _print_launcher(self) -> Launcher:
        return launch_local

    def printout(self, text: str) -> Printout:
        """Dafny's printout of ``text`` as it parsed it (``/dprint``, parse only: comments
        dropped, preprocessor lines applied), in the dialect this Dafny reads."""
        rewritten = dialect.for_verifier(text, self.dafny.legacy)
        with tempfile.TemporaryDirectory(prefix="vericode-print-") as tmp:
            (Path(tmp) / "program.dfy").write_text(rewritten.text, encoding="utf-8")
            argv = [self.dafny.path, "/nologo", "/compile:0", "/noResolve", "/dprint:-",
                    "program.dfy"]
            try:
                process = self._print_launcher()(argv, Path(tmp), self.options.wall_seconds)
            except OSError as exc:
                raise ToolMissing(f"cannot start {argv[0]}: {exc}") from exc
        printed = printed_program(process.output)
        seconds = round(process.seconds, 3)
        if printed is None or process.returncode != 0:
            return Printout(text=None, error=process.output.strip()[-2000:], seconds=seconds)
        return Printout(text=printed, seconds=seconds)


def printed_program(out: str) -> str | None:
    """The printout in what ``/dprint:-`` wrote: from its ``// Dafny`` header on (parse
    warnings come before it), or None when Dafny printed none."""
    lines = out.split("\n")
    for i in range(len(lines) - 1):
        if lines[i].startswith("// Dafny ") and lines[i + 1].startswith(
                "// Command Line Options:"):
            return "\n".join(lines[i:])
    return None


class LocalVerifier(CachingVerifier):
    """Verify program texts with a Dafny process each."""

    def __init__(self, dafny: DafnyInstall, options: VerifyOptions,
                 cache: VerdictCache | None, work_dir: Path,
                 launcher: Launcher = launch_local) -> None:
        self.dafny = dafny
        self.options = options
        self.cache = cache
        self.work_dir = work_dir
        """Holds the z3 wrapper; programs go to fresh temporary folders."""
        self.launcher = launcher

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalVerifier:
        cache = verdict_cache(settings)
        dafny = find_dafny(settings.dafny, settings.cache_dir)
        return cls(dafny, VerifyOptions.from_settings(settings), cache, settings.cache_dir)

    def _print_launcher(self) -> Launcher:
        return self.launcher

    def _run(self, text: str, name: str) -> VerifyResult:
        rewritten = dialect.for_verifier(text, self.dafny.legacy)
        with tempfile.TemporaryDirectory(prefix="vericode-") as tmp:
            path = Path(tmp) / file_name(name)
            path.write_text(rewritten.text, encoding="utf-8")
            process = self._start(path, Path(tmp))
        raw = process.output.replace(str(path), name)
        parsed = output.parse_text(raw)
        judgement = judge(parsed, process, self.options.wall_seconds)
        diagnostics = place_diagnostics(parsed, rewritten, path.name, name, text)
        return VerifyResult(
            verdict=judgement.verdict, diagnostics=diagnostics, verifier_version=self.version,
            seconds=round(process.seconds, 3), summary=judgement.summary, output=raw,
            procedures=procedure_outcomes(raw))

    def _start(self, path: Path, cwd: Path) -> ProcessResult:
        argv = self.command(path)
        try:
            return self.launcher(argv, cwd, self.options.wall_seconds)
        except OSError as exc:
            raise ToolMissing(f"cannot start {argv[0]}: {exc}") from exc

    def command(self, path: Path) -> list[str]:
        """The command line that verifies ``path``, in this Dafny's flavour."""
        limit = str(self.options.time_limit)
        if self.dafny.flavour is Flavour.DAFNY4:
            return [self.dafny.path, "verify", "--verification-time-limit", limit, str(path)]
        argv = [self.dafny.path, "/compile:0", "/nologo", f"/timeLimit:{limit}", "/errorTrace:0",
                "/trace"]
        if self.dafny.z3:
            argv.append(f"/z3exe:{z3_wrapper(self.dafny.z3, self.work_dir)}")
        return [*argv, str(path)]


def verdict_key(dafny: DafnyInstall, options: VerifyOptions, text: str, name: str) -> str:
    """The verdict cache's key: every verifier backend uses this one scheme."""
    return cache_key(text, name, dafny.version, dafny.z3_version, options.time_limit)


def file_name(name: str) -> str:
    """A safe ``.dfy`` file name for the program called ``name``."""
    base = _SAFE_NAME.sub("_", Path(name).name) or "program.dfy"
    return base if base.endswith(".dfy") else base + ".dfy"


def place_diagnostics(parsed: output.ParsedOutput, rewritten: dialect.Rewritten, temp_name: str,
           display: str, text: str) -> list[Diagnostic]:
    """Raw diagnostics, moved from the verified file to the caller's text and name."""
    lines = text.splitlines()
    kind = _kind(parsed)

    def locate(file: str, line: int, column: int) -> Location:
        if file != display and Path(file).name != temp_name:
            return Location(file=file, line=line, column=column)
        line, column = rewritten.to_original(line, column)
        source = lines[line - 1] if 0 < line <= len(lines) else ""
        return Location(file=display, line=line, column=column, source_line=source)

    return [
        Diagnostic(
            location=locate(d.file, d.line, d.column), severity=d.severity, message=d.message,
            code=d.code, kind="timeout" if d.timeout else kind,
            related=tuple(Related(location=locate(r.file, r.line, r.column), message=r.message)
                          for r in d.related))
        for d in parsed.diagnostics
    ]


def _kind(parsed: output.ParsedOutput) -> str:
    if parsed.parse_errors:
        return "parse"
    if parsed.resolution_errors:
        return "resolution"
    return "verification"
