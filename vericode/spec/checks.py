"""Checking a spec with the real verifier before any model sees it.

One Dafny run per file answers every question: does each example satisfy each
clause, is the contract well-defined, does any obviously wrong output pass every
ensures clause (a weak spec), and does some example satisfy the requires clauses.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from vericode.errors import BadInput, ExitCode, ToolMissing, VericodeError
from vericode.seams import Diagnostic, Verdict, Verifier, VerifyResult
from vericode.spec.models import Example, Spec, SpecFile
from vericode.spec.program import CheckProgram, Question, build_program
from vericode.spec.report import Check, CheckStatus
from vericode.spec.skeleton import Skeleton


def run_checks(spec_file: SpecFile, skeletons: list[Skeleton], verifier: Verifier,
               workers: int | None = None) -> tuple[list[list[Check]], VerifyResult | None]:
    """The checks of every spec of the file, in order, and one of the verifier's results.

    The specs are split into one program per worker (Dafny verifies on one core), and
    the programs run side by side.
    """
    numbered = [(k, spec, sk) for k, (spec, sk) in
                enumerate(zip(spec_file.specs, skeletons, strict=True))]
    chunks = _chunks(numbered, workers or os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=max(len(chunks), 1)) as pool:
        answers = list(pool.map(lambda c: _answer(c, spec_file, verifier), chunks))
    program = CheckProgram(questions=[q for a in answers for q in a.program.questions])
    failed = {key: d for a in answers for key, d in a.failed.items()}
    weak = [q for a in answers for q in a.weak]
    broken = [q for a in answers for q in a.broken]
    refuted = {key for a in answers for key in a.refuted}
    checks = [_spec_checks(k, spec, program, failed, weak, broken, refuted)
              for k, spec, _ in numbered]
    return checks, answers[0].result if answers else None


ERROR_LIMIT = 5
"""Dafny reports at most this many errors per lemma (Boogie's default /errorLimit)."""


@dataclass
class _Answers:
    program: CheckProgram
    result: VerifyResult
    failed: dict[int, Diagnostic]
    weak: list[Question]
    broken: list[Question]
    """Lines of the skeleton's contract that Dafny found ill-defined."""
    refuted: set[int]
    """Example questions whose negation Dafny proved: the example really breaks them."""


def _chunks(numbered: list[tuple[int, Spec, Skeleton]],
            workers: int) -> list[list[tuple[int, Spec, Skeleton]]]:
    """Specs dealt to ``workers`` programs, the biggest first, for even run times."""
    size = {k: len(spec.examples) * (len(spec.clauses) + 4) for k, spec, _ in numbered}
    chunks: list[list[tuple[int, Spec, Skeleton]]] = [[] for _ in range(workers)]
    for item in sorted(numbered, key=lambda item: -size[item[0]]):
        min(chunks, key=lambda c: sum(size[k] for k, _, _ in c)).append(item)
    return [sorted(c, key=lambda item: item[0]) for c in chunks if c]


def _answer(chunk: list[tuple[int, Spec, Skeleton]], spec_file: SpecFile,
            verifier: Verifier) -> _Answers:
    """Run the first program, then one with every question that needs asking again:
    wrong outputs that passed the screen, questions a crowded lemma left unanswered,
    and failed example questions, asked the other way round."""
    program = build_program(chunk)
    result = verifier.verify(program.text, "spec-checks.dfy")
    _refuse_broken(result, program, spec_file)
    _refuse_unproved_definitions(result, program, spec_file)
    failed, unsure = _failed_questions(result, program)
    followups = _followups(program, failed, unsure)
    answered: dict[int, Diagnostic] = {}
    second = CheckProgram()
    if followups:
        second = build_program(chunk, followups)
        again = verifier.verify(second.text, "spec-followups.dfy")
        _refuse_broken(again, second, spec_file)
        answered, _ = _failed_questions(again, second)
    for q in (q for q in second.questions if q.kind == "recheck"):
        assert q.of is not None
        if id(q) in answered:
            failed[id(q.of)] = answered[id(q)]
    weak = [q for q in second.questions if q.kind == "weak" and id(q) not in answered]
    refuted = {id(q.of) for q in second.questions
               if q.kind == "refute" and q.of is not None and id(q) not in answered}
    broken = list({id(q): q for q in program.owners.values() if q.kind == "wellformed"
                   and q.clause is not None and id(q) in failed}.values())
    return _Answers(program, result, failed, weak, broken, refuted)


def _followups(program: CheckProgram, failed: dict[int, Diagnostic],
               unsure: list[Question]) -> list[Question]:
    """The second program's questions: a wrong output that passed the screen (or that
    a crowded lemma left unanswered) is confirmed; an unanswered example question is
    asked again and refuted; a failed one is refuted."""
    asks: list[Question] = []
    for q in program.questions:
        if q.example is None:
            continue
        if q.kind == "screen" and (id(q) in failed or q in unsure):
            asks.append(replace(q, kind="weak", of=q))
        elif q.kind in ("requires", "ensures") and q in unsure:
            asks += [replace(q, kind="recheck", of=q), replace(q, kind="refute", of=q)]
        elif q.kind in ("requires", "ensures") and id(q) in failed:
            asks.append(replace(q, kind="refute", of=q))
    return asks


def _refuse_broken(result: VerifyResult, program: CheckProgram, spec_file: SpecFile) -> None:
    if result.verdict is Verdict.CRASHED:
        raise ToolMissing(f"the verifier crashed: {result.summary}")
    if result.verdict is Verdict.TIMEOUT and not result.errors:
        raise VericodeError(f"{spec_file.path}: the verifier ran out of time before it "
                            f"answered ({result.summary}); try a larger --wall-timeout",
                            exit_code=ExitCode.NOT_VERIFIED)
    if result.verdict not in (Verdict.PARSE_ERROR, Verdict.RESOLUTION_ERROR):
        return
    first = result.errors[0] if result.errors else None
    if first is None:
        raise BadInput(f"{spec_file.path}: Dafny cannot read the generated program: "
                       f"{result.summary}")
    origin = program.origins.get(first.location.line)
    where = f"{spec_file.path}:{origin}" if origin else spec_file.path
    raise BadInput(f"{where}: Dafny rejects this: {first.message}\n"
                   f"  in: {first.location.source_line.strip()}")


def _refuse_unproved_definitions(result: VerifyResult, program: CheckProgram,
                                 spec_file: SpecFile) -> None:
    """An error on a line of a ``define:`` block (a function reading out of range, a
    recursion that may not end) is the definition's, reported at its own line: no
    question owns that line, and every implementation would fail with it."""
    for diagnostic in result.errors:
        line = diagnostic.location.line
        origin = program.origins.get(line)
        if origin is not None and line not in program.owners:
            raise BadInput(f"{spec_file.path}:{origin}: Dafny cannot prove this definition "
                           f"well-defined: {diagnostic.message}\n"
                           f"  in: {diagnostic.location.source_line.strip()}")


def _failed_questions(result: VerifyResult,
                      program: CheckProgram) -> tuple[dict[int, Diagnostic], list[Question]]:
    """Question id -> the error Dafny reported for it, and the questions left unsure.

    An error belongs to the question whose line it is on; of several, the one that
    says why the clause could not even be evaluated (a slice out of range) is the
    better reason. An error on a lemma's line that no question owns (a time-out)
    belongs to every question of the lemma. A lemma with ``ERROR_LIMIT`` errors may
    have had more that Dafny did not report: its silent questions are unsure."""
    failed: dict[int, Diagnostic] = {}
    for diagnostic in result.errors:
        owner = program.owners.get(diagnostic.location.line)
        if owner is not None:
            _blame(failed, owner, diagnostic)
    unsure: list[Question] = []
    for lemma in program.lemmas:
        inside = [d for d in result.errors if lemma.first <= d.location.line <= lemma.last]
        for diagnostic in inside:
            if diagnostic.location.line not in program.owners:
                for question in lemma.questions:
                    _blame(failed, question, diagnostic)
        if len(inside) >= ERROR_LIMIT:
            unsure += [q for q in lemma.questions if id(q) not in failed]
    return failed, unsure


def _blame(failed: dict[int, Diagnostic], question: Question, diagnostic: Diagnostic) -> None:
    known = failed.get(id(question))
    if known is None or (_is_assertion(known) and not _is_assertion(diagnostic)):
        failed[id(question)] = diagnostic


def _is_assertion(diagnostic: Diagnostic) -> bool:
    """Dafny 2's "assertion violation", Dafny 4's "assertion might not hold"."""
    return "assertion" in diagnostic.message


def _spec_checks(index: int, spec: Spec, program: CheckProgram, failed: dict[int, Diagnostic],
                 weak: list[Question], broken: list[Question],
                 refuted: set[int]) -> list[Check]:
    questions = [q for q in program.questions if q.spec == index]
    wellformed = [q for q in broken if q.spec == index]
    checks = [_wellformed_check(spec, wellformed, failed)]
    for k, example in enumerate(spec.examples, start=1):
        mine = [q for q in questions if q.example == k]
        weak_here = [q for q in weak if q.spec == index and q.example == k]
        checks += _example_checks(k, example, mine, failed, weak_here, refuted)
    checks.append(_satisfiable(spec, checks))
    return checks


def _wellformed_check(spec: Spec, broken: list[Question],
                      failed: dict[int, Diagnostic]) -> Check:
    if not broken:
        return Check(kind="wellformed", status=CheckStatus.PASSED, line=spec.line,
                     message="the contract is well-defined")
    first = broken[0]
    assert first.clause is not None
    return Check(kind="wellformed", status=CheckStatus.FAILED, line=first.clause.line,
                 clause=first.clause.text, clause_line=first.clause.line,
                 message=f"`{first.clause.kind}: {first.clause.text}` is not always "
                         f"defined: {failed[id(first)].message}")


def _example_checks(k: int, example: Example, questions: list[Question],
                    failed: dict[int, Diagnostic], weak: list[Question],
                    refuted: set[int]) -> list[Check]:
    checks: list[Check] = []
    for q in questions:
        if q.clause is None or q.kind not in ("requires", "ensures"):
            continue
        broken = id(q) in failed
        checks.append(Check(
            kind=q.clause.kind, status=CheckStatus.FAILED if broken else CheckStatus.PASSED,
            line=example.line, example=k, clause=q.clause.text, clause_line=q.clause.line,
            message=_clause_message(k, example, q, failed.get(id(q)), id(q) in refuted)))
    if all(c.status is CheckStatus.PASSED for c in checks):
        screens = [q for q in questions if q.kind == "screen"]
        checks.append(_weak_check(k, example, len(screens), weak))
    return checks


def _clause_message(k: int, example: Example, q: Question, error: Diagnostic | None,
                    refuted: bool) -> str:
    """What an example question found; "break" only when Dafny proved the negation."""
    assert q.clause is not None
    clause = f"`{q.clause.kind}: {q.clause.text}` (line {q.clause.line})"
    if error is None:
        return f"example {k} satisfies {clause}"
    if error.kind != "timeout" and not _is_assertion(error):
        # not the assertion itself: evaluating the clause failed (a slice out of range)
        return f"{clause} is not defined for example {k} (`{example.text}`): {error.message}"
    side = "inputs" if q.clause.kind == "requires" else "outputs"
    if refuted:
        return f"example {k} (`{example.text}`): its {side} break {clause}"
    if error.kind == "timeout":
        return f"example {k} (`{example.text}`): could not be decided in time for {clause}"
    return (f"example {k} (`{example.text}`): Dafny could prove neither that its {side} "
            f"satisfy {clause} nor that they break it (on concrete values this usually "
            "means a quantifier needs a witness, or a function an unfolding, that Dafny "
            "does not find: check the example by hand)")


def _weak_check(k: int, example: Example, tried: int, weak: list[Question]) -> Check:
    passing = [q.probe for q in weak if q.probe is not None]
    if not tried:
        return Check(kind="weak", status=CheckStatus.SKIPPED, line=example.line, example=k,
                     message=f"example {k}: no obviously wrong output to try (every "
                             "candidate equals the expected one)")
    if not passing:
        return Check(kind="weak", status=CheckStatus.PASSED, line=example.line, example=k,
                     message=f"example {k}: none of {tried} wrong outputs satisfies "
                             "the ensures clauses")
    probe = passing[0]
    others = f" (and {len(passing) - 1} more)" if len(passing) > 1 else ""
    return Check(kind="weak", status=CheckStatus.FAILED, line=example.line, example=k,
                 wrong_output={probe.name: probe.value},
                 message=f"the spec is weak: in example {k}, the wrong output "
                         f"{probe.name} = {probe.value} ({probe.why}) also satisfies every "
                         f"ensures clause{others}")


def _satisfiable(spec: Spec, checks: list[Check]) -> Check:
    if not spec.examples:
        return Check(kind="satisfiable", status=CheckStatus.SKIPPED, line=spec.line,
                     message=f"spec {spec.name} has no examples: the example checks and "
                             "the weak-spec probes cannot run")
    bad = {c.example for c in checks if c.kind == "requires" and c.status is CheckStatus.FAILED}
    good = [k for k in range(1, len(spec.examples) + 1) if k not in bad]
    if good:
        return Check(kind="satisfiable", status=CheckStatus.PASSED, line=spec.line,
                     message=f"the requires clauses hold for example {good[0]}")
    return Check(kind="satisfiable", status=CheckStatus.FAILED, line=spec.line,
                 message="no example satisfies the requires clauses")
