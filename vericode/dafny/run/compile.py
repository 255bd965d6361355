"""Verified code to ship: a program compiled by the Dafny in use, and run.

Dafny 2.3 compiles to JavaScript, C# and Go (``/compileTarget:js|cs|go``); Dafny 4
adds Python and Java (``dafny build --target``). The program is written in the
Dafny's own dialect (the shim), compiled into a folder, and can be run with the
target's runtime where one is installed: node (with Debian's ``node-bignumber`` on
NODE_PATH, which Dafny's JavaScript needs), mono, go.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from vericode.dafny.run.locate import DafnyInstall, Flavour
from vericode.dafny.run.process import ProcessResult, run
from vericode.dafny.syntax import dialect
from vericode.errors import BadInput, ToolMissing

LEGACY_TARGETS = ("js", "cs", "go")
DAFNY4_TARGETS = ("js", "cs", "go", "py", "java")
NODE_MODULES = "/usr/share/nodejs"
"""Where Debian's node packages live (``apt-get install node-bignumber``)."""


@dataclass(frozen=True)
class Compiled:
    """What compiling wrote: the target's files in ``folder``, and Dafny's output."""

    target: str
    folder: Path
    files: list[Path]
    output: str


def targets(dafny: DafnyInstall) -> tuple[str, ...]:
    return DAFNY4_TARGETS if dafny.flavour is Flavour.DAFNY4 else LEGACY_TARGETS


def compile_program(dafny: DafnyInstall, text: str, target: str, folder: Path,
                    stem: str) -> Compiled:
    """Compile ``text`` (Dafny 4 syntax) for ``target`` into ``folder``/``stem``.*."""
    if target not in targets(dafny):
        raise BadInput(f"--emit {target}: {dafny.label} compiles to "
                       f"{', '.join(targets(dafny))}")
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{stem}.dfy"
    source.write_text(dialect.for_verifier(text, dafny.legacy).text, encoding="utf-8")
    done = run(_command(dafny, source, target, folder / stem), wall_seconds=600, cwd=folder,
               env=_runtime_env())
    files = sorted(p for p in folder.iterdir() if p.stem.startswith(stem) and p != source)
    if not files:
        raise ToolMissing(f"Dafny wrote no {target} code for {source}: "
                          f"{done.output.strip()[-500:]}")
    return Compiled(target, folder, files, done.output)


def _command(dafny: DafnyInstall, source: Path, target: str, out: Path) -> list[str]:
    if dafny.flavour is Flavour.DAFNY4:
        return [dafny.path, "build", "--no-verify", "--target", target, "--output", str(out),
                str(source)]
    return [dafny.path, "/nologo", "/compile:1", "/spillTargetCode:1",
            f"/compileTarget:{target}", f"/out:{out}", str(source)]


def run_compiled(compiled: Compiled, timeout: float = 120.0) -> ProcessResult:
    """Run the compiled program (its ``Main``) with the target's runtime."""
    return run(_runner(compiled), wall_seconds=timeout, cwd=compiled.folder,
               env=_runtime_env())


def runtime_missing(target: str) -> str | None:
    """What to install to run ``target`` code here, or None when it can run."""
    need = {"js": ("node", "apt-get install -y nodejs node-bignumber"),
            "cs": ("mono", "apt-get install -y mono-runtime"),
            "go": ("go", "apt-get install -y golang"),
            "py": ("python3", "apt-get install -y python3"),
            "java": ("java", "apt-get install -y default-jdk")}[target]
    if shutil.which(need[0]) is None:
        return f"{need[0]} is not installed ({need[1]})"
    if target == "js" and not (Path(NODE_MODULES) / "bignumber.js").exists():
        return "Dafny's JavaScript needs bignumber.js (apt-get install -y node-bignumber)"
    return None


def _runner(compiled: Compiled) -> list[str]:
    by_suffix = {p.suffix: p for p in compiled.files}
    if compiled.target == "js":
        return ["node", str(by_suffix[".js"])]
    if compiled.target == "cs":
        return ["mono", str(by_suffix[".exe"])]
    if compiled.target == "go":
        return ["go", "run", str(by_suffix.get(".go", compiled.folder))]
    if compiled.target == "py":
        return ["python3", str(by_suffix[".py"])]
    return ["java", "-jar", str(by_suffix[".jar"])]


def _runtime_env() -> dict[str, str]:
    env = dict(os.environ)
    paths = [p for p in (env.get("NODE_PATH", ""), NODE_MODULES) if p]
    env["NODE_PATH"] = os.pathsep.join(paths)
    return env
