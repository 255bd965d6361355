"""A corpus, task by task: a JSONL file (one task a line) or a folder of tagged files.

Each task is listed before anything is parsed (a JSONL line's id and tags, a file's
stem), so a selection chooses tasks without loading the rest; each then loads on its
own into a ``Problem`` or an ``Unusable`` with the loader's message, so that one
broken task is an outcome of its own and never the end of a batch.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from vericode.errors import BadInput
from vericode.files.text import CORPUS_BYTES, BadText, canonical, read_bytes
from vericode.problem.tagged import (
    Problem,
    file_stem,
    finish_problem,
    json_problem,
    load_tagged,
    meta_tags,
    problem_files,
    read_meta,
)


def load_corpus(path: Path) -> list[Problem]:
    """Every problem of a JSONL file or of a folder of tagged files; the first that does
    not load is a ``BadInput`` (``corpus_entries`` loads them one by one)."""
    entries = corpus_entries(path)
    unreadable = next((e.unreadable for e in entries if e.unreadable), None)
    if unreadable is not None:
        raise unreadable
    return [entry.read() for entry in entries]



class Unusable(BaseModel):
    """A task of a corpus that does not load: an outcome of its own, not the batch's end."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    source: str
    reason: str
    """The loader's message, ``source:line:column: what``."""
    text: str = ""
    """The task as stored (its JSONL line, its file): what the corpus hash covers."""


@dataclass
class Entry:
    """One task of a corpus, not yet loaded: its id and tags choose it before anything
    is parsed, and ``load`` gives the problem or why it is unusable."""

    id: str
    source: str
    read: Callable[[], Problem]
    """The problem, or a ``BadInput`` saying why not."""
    raw: Callable[[], str]
    known_tags: list[str] | None = None
    """Tags read with the id (a JSONL record's ``tags``); None: read them from the file."""
    unreadable: BadInput | None = None
    """The task's text itself is not text (not UTF-8, a NUL): found before any parse."""

    @functools.cached_property
    def tags(self) -> list[str]:
        return self.known_tags if self.known_tags is not None else _file_tags(Path(self.source))

    def load(self) -> Problem | Unusable:
        try:
            return self.read()
        except BadInput as exc:
            return Unusable(id=self.id, source=self.source, reason=exc.message, text=self.raw())


def corpus_entries(path: Path) -> list[Entry]:
    """The tasks of a JSONL file (by line) or of a folder of tagged files (by file stem)."""
    if path.is_dir():
        return [Entry(id=file_stem(f), source=str(f), read=functools.partial(load_tagged, f),
                      raw=functools.partial(_raw, f)) for f in problem_files(path)]
    lines = read_bytes(path, str(path), CORPUS_BYTES).split(b"\n")
    return [_line_entry(line, path, n) for n, line in enumerate(lines, 1) if line.strip()]


def _line_entry(data: bytes, path: Path, number: int) -> Entry:
    """A JSONL line's task: its id (and tags) read first; the rest when it is loaded."""
    try:
        line = canonical(data, str(path)).rstrip("\n")
    except BadText as exc:
        error = BadText(str(path), number, exc.column, exc.reason, exc.text)
        return Entry(id=f"{path.name}:{number}", source=f"{path}:{number}",
                     read=functools.partial(_raise, error), raw=lambda: "", unreadable=error)
    record = _record(line)
    found = record.get("id")
    problem_id = found if isinstance(found, str) and found else f"{path.name}:{number}"
    tags = [t.strip() for t in str(record.get("tags") or "").split(",") if t.strip()]
    return Entry(id=problem_id, source=f"{path}#{problem_id}", known_tags=tags,
                 read=lambda: finish_problem(json_problem(line, path, number)), raw=lambda: line)


def _record(line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return {}
    return record if isinstance(record, dict) else {}


def _raise(error: BadInput) -> Problem:
    raise error


def _raw(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""


def _file_tags(path: Path) -> list[str]:
    """The tags of a tagged file's meta block, read without parsing the program."""
    found = re.search(r"//[ \t]*<vc-meta>\n(.*?)//[ \t]*</vc-meta>", _raw(path), re.S)
    return meta_tags(read_meta(found.group(1))) if found else []


def load_problem(ref: str | Path) -> Problem:
    """A tagged ``.dfy`` file, or ``corpus.jsonl#ID``."""
    text = str(ref)
    if "#" in text and not Path(text).exists():
        corpus, _, problem_id = text.rpartition("#")
        return load_jsonl_problem(Path(corpus), problem_id)
    path = Path(text)
    if path.suffix == ".jsonl":
        raise BadInput(f"{path}: name one problem as {path}#ID (or load it as a corpus)")
    return load_tagged(path)


def load_jsonl_problem(path: Path, problem_id: str) -> Problem:
    """One task of a JSONL corpus, by id (only that line is parsed)."""
    entries = corpus_entries(path)
    for entry in entries:
        if entry.id == problem_id:
            return entry.read()
    known = ", ".join(e.id for e in entries[:5])
    raise BadInput(f"{path}: no problem with id {problem_id!r} (ids include {known})")
