"""Problems: a Dafny skeleton with frozen parts and fillable slots.

A problem is read from a tagged ``.dfy`` file (``// <vc-NAME>`` … ``// </vc-NAME>``
lines, the vericoding benchmark's format), from one line of a JSONL corpus with the
same keys (``corpus.jsonl#ID``), or from a folder of tagged files. Its parts keep their
exact text and order, so ``problem.text`` gives back the file it came from and every
line number the verifier reports points into it. The frozen parts (preamble, spec,
postamble) are the problem's; the slots (helpers, code) are where a candidate goes.

When a problem loads, its own trusted assumptions (``assume`` bodies, ``{:axiom}``,
body-less lemmas in frozen text) and the names its frozen text uses but never defines
are listed (see ``vericode.problem_scan``), so that a report can say which solve rates
rest on them and a spec whose meaning a candidate could choose is flagged.

Every file and every JSONL field is read as ``vericode.files.text`` reads text (UTF-8,
``\n`` line ends, no NUL), and frozen text may hold no line starting with ``#``: Dafny
2.3's preprocessor would hide or cut off code there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from vericode.errors import BadInput
from vericode.files.text import (
    PROBLEM_BYTES,
    canonical,
    hash_lines,
    read_text,
)
from vericode.problem.scan import FROZEN_PARTS, TrustedAssumption, UndefinedName, scan

__all__ = ["Part", "Problem", "Segment", "TrustedAssumption", "UndefinedName", "load_folder",
           "load_tagged", "parse_tagged"]

SLOT_PARTS = ("helpers", "code")
COMMENT_SECTIONS = ("description", "meta")
_TAG = re.compile(r"^[ \t]*//[ \t]*<(/?)vc-([A-Za-z_-]+?)(\d*)>[ \t]*\r?$")
_JSON_PARTS = ("preamble", "helpers", "spec", "code", "postamble")
EMPTY_SPEC = "the vc-spec part is empty: a problem needs the declaration its vc-code fills"
DIRECTIVE = ("a line starting with `#` is a preprocessor directive to Dafny 2.3 (`#if`, "
             "`#else`, `#endif` … hide or cut off code); frozen text may not hold one")


class Part(BaseModel):
    """One tagged part of the skeleton, with its exact text and surroundings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    """``preamble``, ``helpers``, ``spec``, ``code`` or ``postamble``."""
    text: str
    """The lines between the tag lines, exactly (each ending in a newline)."""
    before: str = ""
    """Text between the previous part (or the file's start) and this part's opening tag:
    blank lines, the description and meta blocks, untagged text."""
    open_tag: str = ""
    close_tag: str = ""
    tagged: bool = True
    """False for a slot the file lacks and vericode added (rendered without tag lines, so
    the skeleton's text and line numbers stay the file's)."""

    @property
    def frozen(self) -> bool:
        return self.name in FROZEN_PARTS

    def opening(self) -> str:
        if not self.tagged:
            return ""
        return self.open_tag or f"// <vc-{self.name}>\n"

    def closing(self) -> str:
        if not self.tagged:
            return ""
        return self.close_tag or f"// </vc-{self.name}>\n"


class Segment(BaseModel):
    """A stretch of ``problem.text``: frozen text or one part's content."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    part: int | None = None
    """The index in ``problem.parts`` of the part whose content this is; None for tags,
    gaps and other text around the parts."""


class Problem(BaseModel):
    """A Dafny skeleton: frozen parts and slots, in order, with what it says about itself."""

    model_config = ConfigDict(extra="forbid")

    id: str
    description: str = ""
    meta: dict[str, str] = Field(default_factory=dict)
    tags: list[str] = Field(default_factory=list)
    source: str = ""
    """Where it was loaded from: a path, or ``corpus.jsonl#ID``."""
    parts: list[Part]
    trailer: str = ""
    """Text after the last part."""
    assumptions: list[TrustedAssumption] = Field(default_factory=list)
    undefined: list[UndefinedName] = Field(default_factory=list)
    fillable: list[str] = Field(default_factory=list)
    """Spec callables without a body and without a code slot: a candidate gives theirs."""

    @property
    def text(self) -> str:
        """The skeleton program, slots holding the problem's own placeholders."""
        return self.render()

    def render(self, fills: Mapping[int, str] | None = None) -> str:
        """The program with the contents of some parts (by index) replaced."""
        return "".join(s.text for s in self.segments(fills))

    def segments(self, fills: Mapping[int, str] | None = None) -> Iterator[Segment]:
        """The skeleton in order; ``fills`` replaces the content of parts by index."""
        fills = fills or {}
        for i, part in enumerate(self.parts):
            yield Segment(text=part.before + part.opening())
            yield Segment(text=fills.get(i, part.text), part=i)
            yield Segment(text=part.closing())
        if self.trailer:
            yield Segment(text=self.trailer)

    def part_ranges(self) -> list[tuple[int, int, int]]:
        """``(start, end, part index)`` of every part's content in ``text``."""
        ranges, offset = [], 0
        for segment in self.segments():
            if segment.part is not None:
                ranges.append((offset, offset + len(segment.text), segment.part))
            offset += len(segment.text)
        return ranges

    def slot_ranges(self) -> list[tuple[int, int]]:
        """``[start, end)`` of every slot's content in ``text`` (the integrity gate's input)."""
        return [(s, e) for s, e, i in self.part_ranges() if not self.parts[i].frozen]

    @property
    def frozen_parts(self) -> list[Part]:
        """Preamble, spec and postamble parts, in order: the problem's own text."""
        return [p for p in self.parts if p.frozen]

    @property
    def slots(self) -> list[Part]:
        """Helpers and code parts, in order: where a candidate's text goes."""
        return [p for p in self.parts if not p.frozen]

    def indices(self, name: str) -> list[int]:
        """Positions in ``parts`` of the parts called ``name`` (``code``: one per spec)."""
        return [i for i, p in enumerate(self.parts) if p.name == name]


# -- loading -----------------------------------------------------------------------------


def load_folder(folder: Path) -> list[Problem]:
    """The tagged problems of a folder, by file name; reference solutions are skipped."""
    return [load_tagged(p) for p in problem_files(folder)]


def problem_files(folder: Path) -> list[Path]:
    files = sorted(p for p in folder.glob("*.dfy") if not p.name.endswith(".ref.dfy"))
    if not files:
        raise BadInput(f"{folder}: no problems here (tagged .dfy files, not *.ref.dfy)")
    return files


def load_tagged(path: Path) -> Problem:
    text = read_text(path, str(path), PROBLEM_BYTES)
    return parse_tagged(text, str(path), problem_id=file_stem(path))


def parse_tagged(text: str, source: str, problem_id: str = "") -> Problem:
    """A problem from the text of a tagged file (``source`` names it in errors)."""
    text = canonical(text, source)
    sections, trailer = _sections(text, source)
    comments = {s.name: s.text for s in sections if s.name in COMMENT_SECTIONS}
    parts, pending = _code_parts(sections, source)
    meta = read_meta(comments.get("meta", ""))
    problem = Problem(
        id=problem_id or source, description=_uncomment(comments.get("description", "")),
        meta=meta, tags=meta_tags(meta), source=source, parts=parts, trailer=pending + trailer)
    _refuse_directives(problem, source)
    return finish_problem(problem)


def _refuse_directives(problem: Problem, source: str) -> None:
    """``BadInput`` at the first ``#`` line outside the slots (lines of ``problem.text``)."""
    line = 1
    for segment in problem.segments():
        frozen = segment.part is None or problem.parts[segment.part].frozen
        if frozen and (found := hash_lines(segment.text)):
            raise BadInput(f"{source}:{line + found[0] - 1}: {DIRECTIVE}")
        line += segment.text.count("\n")


class _Section(BaseModel):
    name: str
    text: str
    line: int
    before: str
    open_tag: str
    close_tag: str


def _sections(text: str, source: str) -> tuple[list[_Section], str]:
    """The tagged sections of a file, in order, and the text after the last one."""
    sections: list[_Section] = []
    gap: list[str] = []
    open_: tuple[str, int, str] | None = None
    body: list[str] = []
    for number, line in enumerate(_lines(text), start=1):
        match = _TAG.match(line.rstrip("\n"))
        if match is None:
            (body if open_ else gap).append(line)
            continue
        closing, name = match.group(1) == "/", match.group(2)
        _check_name(name, source, number)
        if not closing:
            if open_:
                raise BadInput(f"{source}:{number}: <vc-{name}> opens inside <vc-{open_[0]}> "
                               f"(opened on line {open_[1]}); close that one first")
            open_, body = (name, number, line), []
            continue
        if open_ is None or open_[0] != name:
            where = f"<vc-{open_[0]}> opened on line {open_[1]}" if open_ else "no open tag"
            raise BadInput(f"{source}:{number}: </vc-{name}> does not match ({where})")
        sections.append(_Section(name=name, text="".join(body), line=open_[1] + 1,
                                 before="".join(gap), open_tag=open_[2], close_tag=line))
        open_, gap = None, []
    if open_:
        raise BadInput(f"{source}:{open_[1]}: <vc-{open_[0]}> is never closed")
    return sections, "".join(gap)


def _lines(text: str) -> list[str]:
    """Lines as Dafny counts them: split at ``\n`` only (``splitlines`` would also split
    at form feeds and U+2028, which Dafny reads inside a line)."""
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def _check_name(name: str, source: str, line: int) -> None:
    if name not in FROZEN_PARTS + SLOT_PARTS + COMMENT_SECTIONS:
        known = ", ".join(f"vc-{n}" for n in (*_JSON_PARTS, *COMMENT_SECTIONS))
        raise BadInput(f"{source}:{line}: unknown tag vc-{name} (known: {known})")


def _code_parts(sections: list[_Section], source: str) -> tuple[list[Part], str]:
    """The code parts, each carrying the comment sections before it as plain text, and
    the text of comment sections after the last part."""
    parts: list[Part] = []
    pending = ""
    for s in sections:
        if s.name in COMMENT_SECTIONS:
            pending += s.before + s.open_tag + s.text + s.close_tag
            continue
        parts.append(Part(name=s.name, text=s.text, before=pending + s.before,
                          open_tag=s.open_tag, close_tag=s.close_tag))
        pending = ""
    for required in ("spec", "code"):
        if not any(p.name == required for p in parts):
            raise BadInput(f"{source}:1: no <vc-{required}> part; a problem needs at least "
                           "one vc-spec and one vc-code")
    empty = next((p for p in parts if p.name == "spec" and not p.text.strip()), None)
    if empty is not None:
        line = next(s.line for s in sections if s.open_tag is empty.open_tag)
        raise BadInput(f"{source}:{line}: {EMPTY_SPEC}")
    return _with_helpers(parts), pending


def _with_helpers(parts: list[Part]) -> list[Part]:
    """Candidates' helper declarations need a slot: add an untagged, empty one before the
    first spec when the file has none."""
    if any(p.name == "helpers" for p in parts):
        return parts
    first = next(i for i, p in enumerate(parts) if p.name == "spec")
    return [*parts[:first], Part(name="helpers", text="", tagged=False), *parts[first:]]


def _uncomment(text: str) -> str:
    lines = [re.sub(r"^\s*// ?", "", line) for line in text.splitlines()]
    return "\n".join(lines).strip()


def read_meta(text: str) -> dict[str, str]:
    """The ``key: value`` lines of a meta block."""
    meta: dict[str, str] = {}
    for line in _uncomment(text).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip()] = value.strip()
    return meta


def meta_tags(meta: Mapping[str, str]) -> list[str]:
    return [t.strip() for t in meta.get("tags", "").split(",") if t.strip()]


def file_stem(path: Path) -> str:
    return path.name.removesuffix(".dfy")


def json_problem(line: str, path: Path, number: int) -> Problem:
    where = f"{path}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{where}:{exc.colno}: not JSON: {exc.msg}") from exc
    if not isinstance(record, dict):
        raise BadInput(f"{where}:1: a problem is a JSON object, not {type(record).__name__}")
    missing = [k for k in ("id", "vc-spec", "vc-code") if not isinstance(record.get(k), str)]
    if missing:
        raise BadInput(f"{where}:1: missing or non-string keys: {', '.join(missing)}")
    if not record["vc-spec"].strip():
        raise BadInput(f"{where}:1: {EMPTY_SPEC}")
    description = _field(record, "vc-description", where)
    parts = [Part(name=n, text=_as_lines(_field(record, f"vc-{n}", where))) for n in _JSON_PARTS]
    for part in parts:
        if part.frozen and (found := hash_lines(part.text)):
            raise BadInput(f"{where}: vc-{part.name}, line {found[0]}: {DIRECTIVE}")
    if description:
        parts[0] = parts[0].model_copy(update={"before": _comment_block(description)})
    problem_id = canonical(record["id"], f"{where} (id)")
    return Problem(id=problem_id, description=description, meta=_json_meta(record),
                   source=f"{path}#{problem_id}", parts=parts)


def _field(record: dict[str, Any], key: str, where: str) -> str:
    """A text field of a JSONL record, read as every text is (``where (key):line:col``)."""
    return canonical(str(record.get(key) or ""), f"{where} ({key})")


def _json_meta(record: dict[str, Any]) -> dict[str, str]:
    skip = {"id", "vc-description", *(f"vc-{n}" for n in _JSON_PARTS)}
    return {k: str(v) for k, v in record.items() if k not in skip}


def _as_lines(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def _comment_block(description: str) -> str:
    lines = "".join(f"// {line}".rstrip() + "\n" for line in description.splitlines())
    return f"// <vc-description>\n{lines}// </vc-description>\n"


def finish_problem(problem: Problem) -> Problem:
    """Scan the loaded skeleton: trusted assumptions, undefined names, fillable bodies."""
    ranges = [(s, e, problem.parts[i].name) for s, e, i in problem.part_ranges()]
    report = scan(problem.text, ranges, problem.source)
    return problem.model_copy(update={"assumptions": report.assumptions,
                                      "undefined": report.undefined,
                                      "fillable": report.fillable})
