"""Programs made of the problem's frozen text alone, for the audit's own lemmas.

The code slots are emptied (the spec's methods become body-less: their placeholder,
``assume {:axiom} false;`` in the benchmark, would otherwise prove anything), the
helpers slot holds the audit's lemmas, and chosen stretches of frozen text (a trusted
declaration's ``ensures``, when looking for a culprit) can be cut out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from vericode.dafny.syntax.program import Decl, Program, Span, parse_skeleton
from vericode.problem.tagged import Problem
from vericode.seams import Procedure, VerifyResult

Edit = tuple[int, int, str]
"""``(start, end, replacement)`` in ``problem.text``."""


@dataclass(frozen=True)
class Frozen:
    """A problem's skeleton with its parsed declarations, for writing audit programs."""

    problem: Problem
    program: Program

    @classmethod
    def of(cls, problem: Problem) -> Frozen:
        return cls(problem, parse_skeleton(problem.text, problem.source))

    def text(self, helpers: str, cut: Iterable[Span] = ()) -> str:
        """The frozen text with ``helpers`` in the helpers slot, the code slots empty
        and the ``cut`` spans removed."""
        edits: list[Edit] = [(s.start, s.end, "") for s in cut]
        first_helpers = self.problem.indices("helpers")[0]
        for start, end, i in self.problem.part_ranges():
            if i == first_helpers:
                edits.append((start, end, helpers))
            elif not self.problem.parts[i].frozen:
                edits.append((start, end, ""))
        return apply(self.problem.text, edits)

    def spec_callables(self) -> list[Decl]:
        """Top-level callables whose body is the candidate's: a code slot's owner, or a
        fillable spec declaration."""
        code = [(s, e) for s, e, i in self.problem.part_ranges()
                if self.problem.parts[i].name == "code"]
        return [d for d in self.program.decls if d.is_callable and (
            d.name in self.problem.fillable
            or (d.body is not None and any(s <= d.body.start < e for s, e in code)))]

    def trusted(self) -> list[tuple[str, Decl]]:
        """The declarations the problem's trusted assumptions belong to, each once."""
        names = dict.fromkeys(a.name for a in self.problem.assumptions)
        found = dict(self.program.walk())
        return [(n, found[n]) for n in names if n in found]

    def decl(self, name: str) -> Decl | None:
        return dict(self.program.walk()).get(name)


def apply(text: str, edits: list[Edit]) -> str:
    """``text`` with non-overlapping edits applied."""
    out, cut = [], 0
    for start, end, replacement in sorted(edits):
        out.append(text[cut:start])
        out.append(replacement)
        cut = max(cut, end)
    out.append(text[cut:])
    return "".join(out)


def procedure_outcome(result: VerifyResult, declaration: str) -> str | None:
    """Dafny's outcome for the body of ``declaration`` (any module), or None when it
    reported none (the program did not resolve, or the run ended early)."""
    found = [p for p in _impls(result.procedures) if p.declaration == declaration]
    return found[0].outcome if found else None


def _impls(procedures: list[Procedure]) -> Iterator[Procedure]:
    return (p for p in procedures if p.check == "Impl")
