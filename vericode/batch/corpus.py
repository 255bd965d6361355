"""The corpus: checking shipped problems against their references, importing others.

`check_corpus` proves two things of every problem: its reference solution goes
through the same path as any candidate (splice, gate, verify) and is solved; and its
skeleton alone, with the placeholder body, is NOT verified (a problem that a blank
answer solves measures nothing). `import_vericoding` turns the vericoding benchmark's
JSONL or tagged files into this corpus's tagged format. Both take the corpus task by
task: one that does not load is reported as ``Unusable`` (the loader's message at its
line and column) and the others are checked or imported.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from vericode.candidate.check import check_candidate
from vericode.errors import BadInput
from vericode.files.text import CANDIDATE_BYTES, read_text
from vericode.problem.corpus import Unusable, corpus_entries
from vericode.problem.tagged import Problem
from vericode.seams import Verdict, Verifier


class ProblemCheck(BaseModel):
    """The corpus check of one problem."""

    model_config = ConfigDict(extra="forbid")

    id: str
    source: str
    reference: str | None
    """The reference verdict (``solved``, ``refused``, a verdict) or None without one."""
    skeleton: Verdict
    problems: list[str] = Field(default_factory=list)
    """What is wrong; empty when the problem is sound."""
    assumptions: int = 0
    """Trusted assumptions in its frozen text."""

    @property
    def ok(self) -> bool:
        return not self.problems


def reference_path(problem: Problem) -> Path | None:
    source = Path(problem.source)
    ref = source.with_name(source.name.removesuffix(".dfy") + ".ref.dfy")
    return ref if source.suffix == ".dfy" and ref.is_file() else None


def check_problem(problem: Problem, verifier: Verifier, need_reference: bool) -> ProblemCheck:
    skeleton = verifier.verify(problem.text, f"{problem.id}.dfy").verdict
    found: list[str] = []
    if skeleton is Verdict.VERIFIED:
        found.append("the skeleton verifies with its placeholder body: the spec is too weak")
    elif skeleton is not Verdict.FAILED:
        found.append(f"the skeleton does not verify cleanly: {skeleton.value}")
    reference = _check_reference(problem, verifier, found, need_reference)
    found.extend(f"the spec uses {u.name} (line {u.line}), which only a candidate could define"
                 for u in problem.undefined)
    return ProblemCheck(id=problem.id, source=problem.source, reference=reference,
                        skeleton=skeleton, problems=found, assumptions=len(problem.assumptions))


def _check_reference(problem: Problem, verifier: Verifier, found: list[str],
                     need_reference: bool) -> str | None:
    path = reference_path(problem)
    if path is None:
        if need_reference:
            found.append("no reference solution beside it (NAME.ref.dfy)")
        return None
    outcome = check_candidate(problem, read_text(path, str(path), CANDIDATE_BYTES), verifier)
    if outcome.solved:
        return "solved"
    if outcome.error:
        found.append(f"the reference does not parse: {outcome.error}")
        return "unusable"
    if not outcome.accepted:
        rules = ", ".join(sorted({f"{v.rule} (line {v.line})" for v in outcome.violations}))
        found.append(f"the integrity gate refuses the reference: {rules}")
        return "refused"
    verdict = outcome.verdict.value if outcome.verdict else "unknown"
    lines = ", ".join(str(d.location.line) for d in outcome.diagnostics[:5])
    found.append(f"the reference is {verdict} (lines {lines})")
    return verdict


Checked = ProblemCheck | Unusable
"""A corpus task's check, or why the task could not be loaded to check it."""


def check_corpus(path: Path, verifier: Verifier, jobs: int = 2, need_reference: bool = True,
                 progress: Callable[[Checked], None] | None = None) -> list[Checked]:
    """Check every problem of a folder or JSONL corpus, ``jobs`` at a time; each task is
    loaded on its own, and one that does not load is reported and skipped."""

    def one(task: Problem | Unusable) -> Checked:
        result = task if isinstance(task, Unusable) else check_problem(
            task, verifier, need_reference)
        if progress:
            progress(result)
        return result

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(one, (e.load() for e in corpus_entries(path))))


def to_tagged(problem: Problem, meta: dict[str, str]) -> str:
    """A problem in this corpus's tagged format, with a description and meta block."""
    out = []
    if problem.description:
        out.append(_block("description", problem.description))
    if meta:
        out.append(_block("meta", "\n".join(f"{k}: {v}" for k, v in meta.items())))
    for part in problem.parts:
        if part.tagged or part.text:
            out.append(f"// <vc-{part.name}>\n{part.text}// </vc-{part.name}>\n")
    return "".join(out)


def _block(name: str, text: str) -> str:
    lines = "".join(f"// {line}".rstrip() + "\n" for line in text.splitlines())
    return f"// <vc-{name}>\n{lines}// </vc-{name}>\n"


class Imported(BaseModel):
    """What an import did: the problems written, and the tasks that did not load."""

    model_config = ConfigDict(extra="forbid")

    written: list[Path] = Field(default_factory=list)
    unusable: list[Unusable] = Field(default_factory=list)


def import_vericoding(source: Path, out: Path) -> Imported:
    """Write every task of a vericoding JSONL file or tagged folder that loads into
    ``out``; the others are listed with the loader's reason."""
    loaded = [e.load() for e in corpus_entries(source)]
    done = Imported(unusable=[t for t in loaded if isinstance(t, Unusable)])
    problems = [t for t in loaded if isinstance(t, Problem)]
    if problems:
        out.mkdir(parents=True, exist_ok=True)
    for problem in problems:
        name = Path(problem.id).name.removesuffix(".dfy").removesuffix("_specs")
        target = out / f"{name}.dfy"
        if target.exists():
            raise BadInput(f"{target}: already exists; import into an empty folder")
        meta = {"source": problem.meta.get("source", "vericoding"),
                "source-id": problem.meta.get("source-id", problem.id),
                "tags": "vericoding"}
        target.write_text(to_tagged(problem, meta), encoding="utf-8")
        done.written.append(target)
    return done
