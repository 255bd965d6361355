"""The gate's second reading: the program as Dafny itself parsed it.

vericode's own lexer and parser can disagree with Dafny's (Boogie's preprocessor, a
lone CR ending a ``//`` comment, keywords vericode's grammar does not know), and every
disagreement would be a hole. So before a verified candidate counts, Dafny prints the
program it parsed (``/dprint``) and the same rules run on that printout:

* Dafny and vericode read the same declarations, by qualified name;
* every frozen declaration prints as it does in the skeleton's printout (its header,
  and its body too unless the body is a slot);
* what the candidate contributes (its declarations, the bodies it fills) uses nothing
  the gate refuses: no ``assume``, ``free`` clause, refused keyword or attribute,
  body-less callable or ``forall`` statement, ``decreases *``.

Any disagreement is a refusal: "Dafny reads this program differently".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vericode.candidate import rules
from vericode.candidate.gate import Violation, body_in_slots, inside_slots
from vericode.dafny.syntax.lexer import LexError, TokenKind, tokenize
from vericode.dafny.syntax.printout import CONTAINERS, PrintedDecl, parse_printout, walk
from vericode.dafny.syntax.program import Program, parse_program, parse_skeleton
from vericode.problem.tagged import Problem
from vericode.seams import Verifier

RULE = "dafny-reading"


_SKELETONS: dict[tuple[str, str], str | None] = {}
"""Skeleton printouts by verifier version and text: one Dafny run per problem."""


def _skeleton_printout(verifier: Verifier, text: str) -> str | None:
    key = (verifier.version, text)
    if key not in _SKELETONS:
        _SKELETONS[key] = verifier.printout(text).text
    return _SKELETONS[key]


def dafny_reading(problem: Problem, spliced: str, verifier: Verifier) -> list[Violation]:
    """Refusals from Dafny's own reading of ``spliced``; empty when both readings agree."""
    printed = verifier.printout(spliced)
    skeleton_text = _skeleton_printout(verifier, problem.text)
    if printed.text is None or skeleton_text is None:
        why = printed.error.splitlines()[-1:] if printed.text is None else ["the skeleton"]
        return [_refusal(f"Dafny printed no reading of the program ({' '.join(why)})")]
    ours = parse_program(spliced, "candidate")
    frozen, slot_bodied = frozen_names(problem)
    theirs = dict(walk(parse_printout(printed.text)))
    skeleton = dict(walk(parse_printout(skeleton_text)))
    found = [*_same_declarations(ours, theirs), *_frozen_unchanged(frozen, slot_bodied,
                                                                  skeleton, theirs)]
    for name, decl in theirs.items():
        if name in frozen and name in slot_bodied and decl.body is not None:
            star = "decreases *" in skeleton[name].header if name in skeleton else False
            found += _scan(decl.body, name, star)
        elif name not in frozen and not _inside(name, frozen - slot_bodied):
            found += _candidate_decl(name, decl)
    return sorted(set(found), key=lambda v: v.message)


def frozen_names(problem: Problem) -> tuple[set[str], set[str]]:
    """The qualified names of the skeleton's frozen declarations, and those of them
    whose body the candidate fills."""
    program = parse_skeleton(problem.text, "skeleton")
    slots = problem.slot_ranges()

    frozen, slot_bodied = set(), set()
    for name, decl in program.walk():
        if decl.kind in ("ctor", "include") or inside_slots(decl.span, slots):
            continue
        frozen.add(name)
        if body_in_slots(decl, slots) or (decl.body is None and decl.name in problem.fillable):
            slot_bodied.add(name)
    return frozen, slot_bodied


def _same_declarations(ours: Program, theirs: dict[str, PrintedDecl]) -> Iterator[Violation]:
    mine = {name for name, d in ours.walk() if d.kind not in ("ctor", "include")}
    for decl in theirs.values():
        if decl.kind == "unknown":
            yield _refusal(f"Dafny reads a declaration vericode cannot name: `{decl.text}`")
    dafny_only = sorted(n for n, d in theirs.items() if d.kind != "unknown" and n not in mine)
    ours_only = sorted(mine - set(theirs))
    if dafny_only:
        yield _refusal(f"Dafny reads declarations vericode does not: {', '.join(dafny_only)}")
    if ours_only:
        yield _refusal(f"vericode reads declarations Dafny does not: {', '.join(ours_only)}")


def _frozen_unchanged(frozen: set[str], slot_bodied: set[str], skeleton: dict[str, PrintedDecl],
                      theirs: dict[str, PrintedDecl]) -> Iterator[Violation]:
    for name in sorted(frozen):
        want, got = skeleton.get(name), theirs.get(name)
        if want is None or got is None:
            continue  # a missing declaration is reported by _same_declarations
        if want.kind in CONTAINERS or name in slot_bodied:
            same = want.header == got.header
        else:
            same = want.text == got.text
        if not same:
            yield _refusal(f"Dafny reads the frozen {want.kind} {name} differently from "
                           "the skeleton")


def _candidate_decl(name: str, decl: PrintedDecl) -> Iterator[Violation]:
    if decl.is_callable and decl.body is None:
        yield _refusal(f"Dafny reads {decl.kind} {name} without a body: it would be assumed")
    text = decl.header if decl.kind in CONTAINERS else decl.text
    yield from _scan(text, name)


def _scan(text: str, where: str, star_decreases: bool = False) -> Iterator[Violation]:
    """The gate's own rules (``rules.scan``) over the printed text of ``where``."""
    try:
        tokens = [t for t in tokenize(text) if t.kind is not TokenKind.COMMENT]
    except LexError:
        yield _refusal(f"Dafny's printout of {where} cannot be read")
        return
    for finding in rules.scan(tokens, star_decreases=star_decreases):
        yield _refusal(f"in {where}: {finding.message} (`{finding.token.text}`)")
    for line in bodiless_foralls(text):
        yield _refusal(f"Dafny reads a `forall` statement without a body in {where}: {line}")


def bodiless_foralls(text: str) -> list[str]:
    """``forall`` statements of a printed body that have no body: in the printer's
    layout, a ``forall`` line (not an expression) with no ``{`` line under it."""
    lines = text.split("\n")
    found = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not re.match(r"forall\b", stripped) or "::" in stripped or stripped.endswith("{"):
            continue
        indent = len(line) - len(line.lstrip())
        j = i + 1
        while j < len(lines) and len(lines[j]) - len(lines[j].lstrip()) > indent:
            j += 1
        if not (j < len(lines) and lines[j].strip() == "{"):
            found.append(stripped)
    return found


def _inside(name: str, containers: set[str]) -> bool:
    return any(name.startswith(c + ".") for c in containers)


def _refusal(message: str) -> Violation:
    return Violation(rule=RULE, line=1, column=1, text="",
                     message=f"Dafny reads this program differently: {message}")
