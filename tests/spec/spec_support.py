"""Reference implementations spliced into rendered skeletons, one module per spec.

A reference file holds a ``// <vc-code>`` body and optionally ``// <vc-helpers>``
(lemmas); the skeleton comes from rendering the spec, so a reference that verifies
proves the rendered contract admits a correct implementation, and a wrong one that
fails proves the contract rules it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from vericode.spec import SpecFile, parse_spec_file
from vericode.spec.skeleton import build

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
REFS = ROOT / "tests" / "fixtures" / "spec_refs"


def section(text: str, tag: str) -> str:
    found = re.search(rf"// <{tag}>\n(.*?)// </{tag}>", text, re.S)
    return found.group(1).rstrip() if found else ""


def spec_files() -> list[SpecFile]:
    return [parse_spec_file(p.read_text(encoding="utf-8"), str(p))
            for p in sorted(SPECS.glob("*.spec"))]


@dataclass
class Module:
    name: str
    first: int
    last: int


def reference_program(folder: Path, only_present: bool = False, part: int = 0,
                      parts: int = 1) -> tuple[str, list[Module]]:
    """The specs (every ``parts``-th from ``part``) with the implementations in
    ``folder``, each in its own module."""
    lines: list[str] = []
    modules: list[Module] = []
    specs = [spec for spec_file in spec_files() for spec in spec_file.specs]
    for spec in specs[part::parts]:
        ref = folder / f"{spec.name}.dfy"
        if only_present and not ref.is_file():
            continue
        text = ref.read_text(encoding="utf-8")
        skeleton = build(spec)
        first = len(lines) + 1
        lines += [f"module Ref_{spec.name} {{", skeleton.preamble, section(text, "vc-helpers"),
                  skeleton.signature, section(text, "vc-code"), "}"]
        lines = "\n".join(lines).splitlines()
        modules.append(Module(spec.name, first, len(lines)))
    return "\n".join(lines) + "\n", modules
