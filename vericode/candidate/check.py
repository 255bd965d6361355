"""One candidate against one problem: extract, splice, gate, verify.

This is the path every candidate takes, from `vericode check`, the solve loop and
the corpus check alike: the model's text is never verified as it is, only the
spliced program, and only when the integrity gate accepts it. A program that verified
is read a second time, as Dafny itself printed it (``reading``), and must pass the
same rules there. "Solved" means accepted *and* verified; nothing else is.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from vericode.candidate.extract import extract_program
from vericode.candidate.gate import Violation
from vericode.candidate.gate import check as gate
from vericode.candidate.reading import dafny_reading, frozen_names
from vericode.candidate.splice import splice
from vericode.dafny.syntax.program import parse_skeleton
from vericode.files.text import CANDIDATE_BYTES, BadText, canonical, hash_lines
from vericode.problem.scan import TrustedAssumption, UndefinedName
from vericode.problem.tagged import Problem
from vericode.seams import Diagnostic, Verdict, Verifier, VerifyResult


class CheckOutcome(BaseModel):
    """What happened to one candidate."""

    model_config = ConfigDict(extra="forbid")

    accepted: bool
    """The integrity gate accepted the spliced program."""
    verdict: Verdict | None = None
    """The verifier's verdict; None when the candidate was not verified (refused or
    unusable)."""
    violations: list[Violation] = Field(default_factory=list)
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    spliced: str | None = None
    """The program that was (or would have been) verified."""
    taken: list[str] = Field(default_factory=list)
    ignored: list[str] = Field(default_factory=list)
    line_map: dict[int, int] = Field(default_factory=dict)
    """Line of the spliced program -> line of the candidate, for lines it wrote."""
    error: str | None = None
    """Why the candidate could not be used at all (it does not parse)."""
    error_line: int | None = None
    error_column: int | None = None
    verifier_version: str = ""
    seconds: float = 0.0
    cached: bool = False
    assumptions: list[TrustedAssumption] = Field(default_factory=list)
    """The problem's own trusted assumptions: a verdict rests on them."""
    undefined: list[UndefinedName] = Field(default_factory=list)
    """Names the spec uses that no frozen text defines (the problem cannot be scored)."""

    @property
    def solved(self) -> bool:
        return self.accepted and self.verdict is Verdict.VERIFIED


def check_candidate(problem: Problem, candidate: str, verifier: Verifier) -> CheckOutcome:
    """Splice ``candidate`` (a program or a reply with a fenced block) into ``problem``,
    gate it, and verify it if the gate accepts it."""
    facts = {"assumptions": problem.assumptions, "undefined": problem.undefined}
    outcome = _check(problem, candidate, verifier)
    return outcome.model_copy(update=facts)


def _check(problem: Problem, candidate: str, verifier: Verifier) -> CheckOutcome:
    try:
        text = canonical(candidate, "candidate")
    except BadText as exc:
        return CheckOutcome(accepted=False, error=exc.reason, error_line=exc.line,
                            error_column=exc.column)
    if len(text) > CANDIDATE_BYTES:
        return CheckOutcome(accepted=False, error=f"the candidate is longer than the cap of "
                            f"{CANDIDATE_BYTES:,} characters")
    extracted = extract_program(text)
    offset = extracted.start_line - 1
    directives = preprocessor_lines(extracted.code, offset)
    if directives:
        return CheckOutcome(accepted=False, violations=directives)
    spliced = splice(problem, extracted.code)
    if spliced.program is None:
        line = spliced.error_line + offset if spliced.error_line else None
        return CheckOutcome(accepted=False, error=spliced.error, error_line=line,
                            error_column=spliced.error_column)
    judged = gate(problem.text, problem.slot_ranges(), spliced.program, problem.fillable,
                  verifier.version)
    violations = [*undefined_names(problem), *judged.violations]
    outcome = CheckOutcome(accepted=not violations, violations=violations,
                           spliced=spliced.program, taken=spliced.taken, ignored=spliced.ignored,
                           line_map={k: v + offset for k, v in spliced.line_map.items()})
    if violations:
        return outcome
    result = verifier.verify(spliced.program, f"{problem.id or 'problem'}.dfy")
    outcome = outcome.model_copy(update={
        "verdict": result.verdict, "diagnostics": result.diagnostics,
        "verifier_version": result.verifier_version, "seconds": result.seconds,
        "cached": result.cached})
    if result.verdict is not Verdict.VERIFIED:
        return outcome
    second = [*unaccounted(problem, result), *dafny_reading(problem, spliced.program, verifier)]
    return outcome.model_copy(update={"accepted": not second, "violations": second})


def undefined_names(problem: Problem) -> list[Violation]:
    """A spec that names what no frozen text defines lets the candidate choose what it
    means (``predicate Sorted(s) { true }``): no candidate of it is scored as solved."""
    return [Violation(rule="undefined-spec-name", line=u.line, column=u.column, text=u.name,
                      message=f"the problem's {u.part} uses {u.name}, which no frozen text "
                      "defines: a candidate would choose what the spec means, so this "
                      "problem cannot be scored (define it in the preamble)")
            for u in problem.undefined]


def preprocessor_lines(code: str, offset: int) -> list[Violation]:
    """A candidate line that starts with ``#``: Boogie's preprocessor (``#if``, ``#else``,
    ``#endif``, ``#line``) runs inside Dafny 2.3 and would hide or swap code."""
    lines = code.split("\n")
    return [Violation(rule="preprocessor-line", line=n + offset, column=1,
                      text=lines[n - 1].strip(),
                      message=f"candidate line {n + offset} starts with `#`: Dafny's "
                      "preprocessor would read the program differently from what it says")
            for n in hash_lines(code)]


def unaccounted(problem: Problem, result: VerifyResult) -> list[Violation]:
    """The spec's methods and lemmas (those whose bodies the candidate fills, with an
    ``ensures`` to prove) that Dafny's per-procedure report does not show verified.
    Nothing is said where the verifier reports no procedures at all."""
    if not result.procedures:
        return []
    verified = {(p.module, p.declaration) for p in result.procedures
                if p.check == "Impl" and p.outcome == "verified"}
    return [Violation(rule="unaccounted", line=1, column=1, text=name,
                      message=f"Dafny did not report {name} verified: its body was not "
                      "checked, so the verdict cannot stand for it")
            for module, name in obligated_callables(problem) if (module, name) not in verified]


def obligated_callables(problem: Problem) -> list[tuple[str, str]]:
    """``(module, declaration)`` of each spec method or lemma with an ``ensures`` whose
    body the candidate fills, named as Dafny's procedures name them."""
    _, slot_bodied = frozen_names(problem)
    walked = list(parse_skeleton(problem.text, "skeleton").walk())
    modules = {name for name, decl in walked if decl.kind == "module"}
    return [_procedure_name(name, modules) for name, decl in walked
            if name in slot_bodied and decl.kind in ("method", "lemma")
            and any(c.kind == "ensures" for c in decl.clauses)]


def _procedure_name(name: str, modules: set[str]) -> tuple[str, str]:
    """``M.N.C.m`` as Dafny names its procedure: the innermost module ``N`` (Boogie
    keeps only a module's own name), and ``C.m`` within it."""
    parts = name.split(".")
    cut = max((i for i in range(len(parts)) if ".".join(parts[:i]) in modules), default=0)
    return (parts[cut - 1] if cut else ""), ".".join(parts[cut:])
