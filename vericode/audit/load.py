"""The problems an audit is asked about: files, folders, JSONL corpora, ``corpus#ID``.

A corpus whose every problem loads is read as ``load_corpus`` reads it. One that holds
a problem that does not load (a benchmark task the parser cannot read) is read line by
line, so the others are still audited and the unusable ones are counted.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from vericode.audit.models import Audit
from vericode.audit.run import unusable
from vericode.errors import BadInput
from vericode.problem.corpus import load_corpus, load_problem
from vericode.problem.tagged import Problem

Loaded = Problem | Audit
"""A problem, or the audit of one that did not load."""


def load_audited(refs: Iterable[str]) -> list[Loaded]:
    """Every problem named by ``refs``, in order; ``BadInput`` for a missing path."""
    return [item for ref in refs for item in _load(ref)]


def _load(ref: str) -> Iterator[Loaded]:
    path = Path(ref)
    if path.is_dir() or (path.suffix == ".jsonl" and path.is_file()):
        yield from _corpus(path)
        return
    if not path.exists() and "#" not in ref:
        raise BadInput(f"{ref}: no such file or folder")
    yield load_problem(ref)


def _corpus(path: Path) -> Iterator[Loaded]:
    try:
        yield from load_corpus(path)
    except BadInput:
        if path.is_dir():
            yield from _folder(path)
        else:
            yield from _lines(path)


def _folder(folder: Path) -> Iterator[Loaded]:
    for file in sorted(p for p in folder.glob("*.dfy") if not p.name.endswith(".ref.dfy")):
        yield _one(str(file), str(file), file.name.removesuffix(".dfy"))


def _lines(path: Path) -> Iterator[Loaded]:
    """Each record of a JSONL corpus on its own (through a one-line corpus file)."""
    with tempfile.TemporaryDirectory(prefix="vericode-audit-") as folder:
        single = Path(folder) / "one.jsonl"
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if line.strip():
                yield _record(path, number, line, single)


def _record(path: Path, number: int, line: str, single: Path) -> Loaded:
    problem_id = _record_id(line) or f"line {number}"
    source = f"{path}#{problem_id}"
    single.write_text(line + "\n", encoding="utf-8")
    try:
        (problem,) = load_corpus(single)
    except BadInput as exc:
        return unusable(problem_id, source, exc.message.replace(str(single), f"{path}:{number}"))
    return problem.model_copy(update={"source": source})


def _record_id(line: str) -> str | None:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return None
    found = record.get("id") if isinstance(record, dict) else None
    return found if isinstance(found, str) else None


def _one(ref: str, source: str, problem_id: str) -> Loaded:
    try:
        return load_problem(ref)
    except BadInput as exc:
        return unusable(problem_id, source, exc.message)
