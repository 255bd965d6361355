"""Reading a ``.spec`` file for ``--formalize llm``: every clause the grammar cannot
read is set aside as a ``Gap`` (its line blanked, so every other line keeps its
number) and the rest of the file is read exactly as usual.

Only clauses are set aside: a clause line that does not parse, or one that parses but
uses a word that names nothing (``m is maximal``, read as the name ``maximal``). An
error anywhere else (a parameter, an example, a wrong type for a phrase) is still an
error with its file:line:column, as without a model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from vericode.spec.errors import CLAUSE_LINE, SpecError, bad_input
from vericode.spec.models import Spec, SpecFile
from vericode.spec.parse import parse_specs
from vericode.spec.validate import check_spec


@dataclass(frozen=True)
class Gap:
    """A clause the grammar could not read: where it is and the words the user wrote."""

    line: int
    column: int
    """Where the clause's words start (after ``ensures:``)."""
    kind: Literal["requires", "ensures"]
    text: str
    reason: str
    """Why the grammar could not read it (the error it would have been)."""


def read_with_gaps(text: str, path: str) -> tuple[SpecFile, list[Gap]]:
    """The file's specs without their unreadable clauses, and those clauses.

    Raises ``BadInput`` for an error that is not an unreadable clause."""
    lines = text.splitlines(keepends=True)
    gaps: list[Gap] = []
    while True:
        try:
            specs = parse_specs("".join(lines), path)
            error = _first_name_error(specs)
        except SpecError as exc:
            error = exc
        if error is None:
            return SpecFile(path=path, text=text, specs=specs), gaps
        gap = _gap(lines, error)
        if gap is None or any(g.line == gap.line for g in gaps):
            raise bad_input(path, text, error)
        gaps.append(gap)
        lines[gap.line - 1] = "\n"


def owner(specs: tuple[Spec, ...], gap: Gap) -> int:
    """The index of the spec a gap's line belongs to (the last one starting above it)."""
    before = [i for i, spec in enumerate(specs) if spec.line < gap.line]
    if not before:
        raise ValueError(f"line {gap.line} is above the first spec")
    return before[-1]


def _first_name_error(specs: tuple[Spec, ...]) -> SpecError | None:
    """The first error of the name and type checks (only an unknown word is a gap)."""
    for spec in specs:
        try:
            check_spec(spec)
        except SpecError as exc:
            return exc
    return None


def _gap(lines: list[str], error: SpecError) -> Gap | None:
    if not 0 < error.line <= len(lines):
        return None
    source = lines[error.line - 1].rstrip("\r\n")
    match = CLAUSE_LINE.match(source)
    if match is None or not error.unreadable:
        return None
    words = source[match.end():].split("//", 1)[0].strip()
    if not words:
        return None
    kind: Literal["requires", "ensures"] = "requires" if match.group(2) == "requires" else "ensures"
    return Gap(line=error.line, column=match.end() + 1, kind=kind, text=words,
               reason=error.message)
