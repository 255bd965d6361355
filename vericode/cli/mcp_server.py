"""`vericode mcp`: vericode's one-problem calls as the tools of an MCP server on stdio.

Each tool is a thin client of the library, as each command of the CLI is: `formalize`
calls ``spec.formalize_text``, `check` ``candidate.check.check_candidate`` (and hands
back the repair prompt the model would get in `solve`), `verify` the verifier alone,
`solve` ``api.solve_with``, `phrases` the spec language's phrase table. Every result is
structured (the models below) and readable as text. One verifier, as the settings
choose it, is opened on the first call that needs one and closed when the server stops.

What the caller can fix (``VericodeError``, an input over its size cap) is a tool error
whose text names the fix; the server goes on serving. Only this module imports the MCP
SDK, and only `vericode mcp` imports this module.
"""

from __future__ import annotations

import difflib
import signal
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack, asynccontextmanager, contextmanager
from pathlib import Path
from types import FrameType
from typing import Annotated

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, TextContent, ToolAnnotations
from pydantic import BaseModel, ConfigDict, Field

from vericode import __version__
from vericode.api import load_any, solve_with
from vericode.candidate.check import CheckOutcome, check_candidate
from vericode.candidate.gate import Violation
from vericode.dafny.run.backends import open_verifier
from vericode.errors import BadInput, VericodeError
from vericode.files.text import CANDIDATE_BYTES, PROBLEM_BYTES, canonical
from vericode.problem.scan import TrustedAssumption, UndefinedName
from vericode.problem.tagged import Problem, parse_tagged
from vericode.repair.outcome import Outcome
from vericode.repair.prompts import diagnostic_text, repair_prompt
from vericode.repair.record import default_folder
from vericode.seams import Diagnostic, Verdict, Verifier, VerifyResult
from vericode.settings import Settings
from vericode.spec.errors import LINE_KEYWORDS, PHRASES
from vericode.spec.formalize import formalize_text
from vericode.spec.report import Check
from vericode.spec.skeleton import RenderedClause

TAGGED = "// <vc-spec>"
"""What marks a tool's ``problem`` argument as the text of a tagged problem, not a path."""
INSTRUCTIONS = """\
vericode checks Dafny code against frozen specs with the real Dafny verifier. Typical
loop: `formalize` a .spec text (its `tagged` output is a problem), or name a tagged
.dfy problem by absolute path; `check` a candidate program against it; read `feedback`
(the spliced program with numbered lines and every error under its line); fix and
`check` again until `solved`. `verify` runs Dafny alone; `phrases` lists the English
the .spec language reads; `solve` lets the configured model do the loop."""
NO_MODEL = """\
no model configured: `solve` needs one. Pass `model` to this tool (any litellm model
string, e.g. openai/gpt-4.1 with OPENAI_API_KEY in the server's environment), or start
the server with `vericode mcp --model M` (and --api-base URL for an OpenAI-compatible
server), or set VERICODE_MODEL in its environment, or `model = "…"` in vericode.toml."""
READ_ONLY = ToolAnnotations(readOnlyHint=True, openWorldHint=False)

ProblemArg = Annotated[str, Field(description=(
    "the problem: an absolute path of a tagged .dfy problem or a .spec file "
    "(FILE.spec#Name for one of several), corpus.jsonl#ID, or the text of a tagged "
    f"problem itself (with a `{TAGGED}` section); at most 4 MB"))]
CandidateArg = Annotated[str, Field(description=(
    "the candidate: a Dafny program (or a reply with a ```dafny block); only its method "
    "bodies and new helpers are taken, everything frozen comes from the problem; at most 1 MB"))]


# -- results -------------------------------------------------------------------------------


class Result(BaseModel):
    model_config = ConfigDict(extra="forbid")


class VerifyReport(VerifyResult):
    """The verifier's word on a program, as `vericode verify --json` gives it."""

    verified: bool
    """The verdict is ``verified``; nothing else is a success."""


class CheckReport(Result):
    """One candidate against one problem, as `vericode check --json` gives it, with the
    feedback the model gets in `solve`."""

    verdict: str
    """verified, failed, timeout, parse_error, resolution_error, crashed, refused (by the
    integrity gate) or unusable (nothing could be spliced)."""
    solved: bool
    """Accepted by the integrity gate and verified: nothing else is solved."""
    accepted: bool
    error: str | None = None
    error_line: int | None = None
    error_column: int | None = None
    diagnostics: list[Diagnostic]
    violations: list[Violation]
    assumptions: list[TrustedAssumption]
    undefined: list[UndefinedName]
    taken: list[str]
    ignored: list[str]
    spliced: str | None
    """The program that was (or would have been) verified; lines cite it."""
    feedback: str
    """The repair prompt `solve` would send: the spliced program with numbered lines and
    each refusal and error under its line. Empty when solved."""
    verifier_version: str
    seconds: float
    cached: bool


class FormalizedSpec(Result):
    name: str
    line: int
    ok: bool
    weak: bool
    skeleton: str
    tagged: str
    """The spec as a tagged problem: pass it as `check`'s or `solve`'s problem."""
    clauses: list[RenderedClause]
    checks: list[Check]


class FormalizeReport(Result):
    """A .spec text parsed, rendered to Dafny, and its examples checked by the verifier."""

    ok: bool
    specs: list[FormalizedSpec]
    verifier: str
    seconds: float


class SolveReport(Result):
    """How one solve ended, as `vericode solve --json` gives it."""

    solved: bool
    outcome: Outcome


class PhraseList(Result):
    """The English the .spec grammar reads (those with ``word`` in them, if given)."""

    word: str | None
    phrases: list[str]
    close: list[str]
    """With ``word`` and no phrase containing it: the phrases nearest to it."""
    line_keywords: list[str]


# -- the tools' work ---------------------------------------------------------------------


class Workbench:
    """The settings every call uses, and the one verifier they share (opened on first use,
    by whichever worker thread asks first; closed by ``close``)."""

    def __init__(self, settings: Settings, runs: Path) -> None:
        self.settings = settings
        self.runs = runs
        self._lock = threading.RLock()  # a SIGTERM handler may close while it is held
        self._stack = ExitStack()
        self._verifier: Verifier | None = None

    def verifier(self) -> Verifier:
        with self._lock:
            if self._verifier is None:
                self._verifier = self._stack.enter_context(
                    open_verifier(self.settings, jobs=self.settings.jobs))
            return self._verifier

    def close(self) -> None:
        with self._lock:
            self._stack.close()
            self._verifier = None


def capped(text: str, limit: int, what: str) -> str:
    """``text`` if it is within ``limit`` bytes of UTF-8, else an error naming the cap."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise BadInput(f"the {what} is {size / 1e6:.2f} MB, over the {limit / 1e6:g} MB limit "
                       f"for a {what}: send a smaller one")
    return text


def problem_from(ref: str, settings: Settings) -> Problem:
    """A tagged problem's text, or a path / ``corpus.jsonl#ID`` loaded as the CLI loads it."""
    capped(ref, PROBLEM_BYTES, "problem")
    if TAGGED in ref:
        return parse_tagged(ref, "<problem>", "problem")
    if "\n" in ref or not ref.strip():
        raise BadInput(f"problem: not a path and not a tagged problem (no `{TAGGED}` section): "
                       "give an absolute path, corpus.jsonl#ID, or the tagged text")
    return load_any(ref.strip(), settings)


def verify_program(bench: Workbench, program: str) -> tuple[VerifyReport, str]:
    """The verdict on ``program``, and the same as text (each diagnostic with its line)."""
    text = canonical(capped(program, CANDIDATE_BYTES, "program"), "program.dfy")
    result = bench.verifier().verify(text, "program.dfy")
    lines = [f"{result.verdict.value}: {result.summary} ({result.seconds:.2f} s"
             f"{', cached' if result.cached else ''})\n"]
    lines += [diagnostic_text(d) for d in result.diagnostics]
    report = VerifyReport.model_validate(result.model_dump(exclude={"output"})
                                         | {"verified": result.verdict is Verdict.VERIFIED})
    return report, "".join(lines)


def check_report(bench: Workbench, problem_ref: str, candidate: str) -> CheckReport:
    problem = problem_from(problem_ref, bench.settings)
    outcome = check_candidate(problem, capped(candidate, CANDIDATE_BYTES, "candidate"),
                              bench.verifier())
    feedback = "" if outcome.solved else repair_prompt(problem, candidate, outcome)
    return CheckReport.model_validate(outcome.model_dump(include=set(CheckReport.model_fields)) | {
        "verdict": verdict_word(outcome), "solved": outcome.solved, "feedback": feedback})


def verdict_word(outcome: CheckOutcome) -> str:
    """The words the solve loop's attempts use: unusable, refused, or the verdict."""
    if outcome.error is not None or (outcome.accepted and outcome.verdict is None):
        return "unusable"
    if not outcome.accepted:
        return "refused"
    assert outcome.verdict is not None
    return outcome.verdict.value


def check_text(report: CheckReport) -> str:
    """The headline, the splice notes and trusted assumptions, then the feedback."""
    head = "solved: accepted by the integrity gate and verified" if report.solved else \
        f"not solved: {report.verdict}" + (f" ({report.error})" if report.error else "")
    notes = [f"taken: {t}" for t in report.taken] + [f"ignored: {i}" for i in report.ignored]
    notes += [f"trusted assumption of the problem, line {a.line}: {a.name}: {a.what}"
              for a in report.assumptions]
    return "\n".join([head, *notes]) + ("\n\n" + report.feedback if report.feedback else "\n")


def formalize_report(bench: Workbench, spec_text: str) -> FormalizeReport:
    text = canonical(capped(spec_text, PROBLEM_BYTES, "spec"), "spec")
    report = formalize_text(text, "spec", bench.verifier())
    specs = [s.model_dump() | {"ok": s.ok, "weak": s.weak} for s in report.specs]
    return FormalizeReport.model_validate(
        report.model_dump(include={"verifier", "seconds"}) | {"ok": report.ok, "specs": specs})


def formalize_text_view(report: FormalizeReport) -> str:
    parts = []
    for spec in report.specs:
        checks = [f"  {c.status.value}: line {c.line}: {c.message}" for c in spec.checks
                  if c.status.value != "passed"]
        passed = sum(c.status.value == "passed" for c in spec.checks)
        parts.append(f"spec {spec.name} (line {spec.line})\n{spec.skeleton.rstrip()}\n"
                     + "".join(f"{c}\n" for c in checks) + f"  {passed} checks pass\n")
    verdict = "all checks pass" if report.ok else "checks fail"
    return "\n".join(parts) + f"{verdict} ({report.verifier}, {report.seconds:.2f} s)\n"


def solve_report(bench: Workbench, problem_ref: str, model: str | None) -> SolveReport:
    settings = bench.settings
    if model:
        settings = settings.model_copy(update={"model": model})
    if settings.model is None:
        raise BadInput(NO_MODEL)
    problem = problem_from(problem_ref, settings)
    settings = settings.model_copy(update={"out": default_folder(problem.id, bench.runs)})
    outcome = solve_with(problem, settings, verifier=bench.verifier())
    return SolveReport(solved=outcome.solved, outcome=outcome)


def solve_text(report: SolveReport) -> str:
    done = report.outcome
    head = (f"{done.status.value}: {done.reason} ({done.attempts} attempt(s), {done.tokens} "
            f"tokens, {done.seconds:.1f} s; run folder {done.folder})\n")
    return head + (f"\n{done.program}" if done.program else "")


def phrase_list(word: str | None) -> PhraseList:
    wanted = (word or "").strip().lower()
    found = [p for p in PHRASES if wanted in p]
    close = [] if found or not wanted else difflib.get_close_matches(wanted, PHRASES, n=5,
                                                                      cutoff=0.5)
    return PhraseList(word=word, phrases=found, close=close, line_keywords=list(LINE_KEYWORDS))


# -- the server --------------------------------------------------------------------------


@contextmanager
def fixable() -> Iterator[None]:
    """A ``VericodeError`` becomes a tool error with its message (which names the fix)."""
    try:
        yield
    except VericodeError as exc:
        raise ToolError(exc.message) from None


def answer(report: BaseModel, text: str) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=text)],
                          structured_content=report.model_dump(mode="json"))


def build_server(bench: Workbench) -> MCPServer[None]:
    """The server with its five tools; ``bench`` is closed when the server stops."""

    @asynccontextmanager
    async def lifespan(_: MCPServer[None]) -> AsyncIterator[None]:
        try:
            yield
        finally:
            bench.close()

    server: MCPServer[None] = MCPServer("vericode", version=__version__, log_level="WARNING",
                                        instructions=INSTRUCTIONS, lifespan=lifespan)
    add_spec_tools(server, bench)
    add_program_tools(server, bench)
    return server


def add_spec_tools(server: MCPServer[None], bench: Workbench) -> None:
    """`formalize` and `phrases`: the .spec language."""

    @server.tool(annotations=READ_ONLY)
    def formalize(spec_text: Annotated[str, Field(description=(
            "the text of a .spec file (controlled English or Dafny contracts); at most 4 MB"))]
                  ) -> Annotated[CallToolResult, FormalizeReport]:
        """Parse a .spec text into Dafny skeletons and check its examples with the verifier
        (and that no obviously wrong output passes: a weak spec). Each spec's `tagged`
        text is a problem for `check` and `solve`."""
        with fixable():
            report = formalize_report(bench, spec_text)
        return answer(report, formalize_text_view(report))

    @server.tool(annotations=READ_ONLY)
    def phrases(word: Annotated[str | None, Field(description=(
            "only the phrases with this word in them"))] = None
                ) -> Annotated[CallToolResult, PhraseList]:
        """The English phrases the .spec language reads (`is sorted`, `every element x of`,
        ...), and the keywords its lines start with."""
        report = phrase_list(word)
        return answer(report, "\n".join(report.phrases or report.close) + "\n")


def add_program_tools(server: MCPServer[None], bench: Workbench) -> None:
    """`check`, `verify` and `solve`: programs against problems, and the verifier."""

    @server.tool(annotations=READ_ONLY)
    def check(problem: ProblemArg, candidate: CandidateArg
              ) -> Annotated[CallToolResult, CheckReport]:
        """Splice a candidate into a problem, run the integrity gate, and verify it.
        `feedback` is what the model gets in `solve`: the spliced program with numbered
        lines and each error or refusal under its line. Solved means accepted and
        verified; nothing else is."""
        with fixable():
            report = check_report(bench, problem, candidate)
        return answer(report, check_text(report))

    @server.tool(annotations=READ_ONLY)
    def verify(program: Annotated[str, Field(description="a whole Dafny program; at most 1 MB")]
               ) -> Annotated[CallToolResult, VerifyReport]:
        """Run the Dafny verifier alone on a program (no splicing, no integrity gate)."""
        with fixable():
            report, text = verify_program(bench, program)
        return answer(report, text)

    @server.tool(annotations=ToolAnnotations(readOnlyHint=False, openWorldHint=True))
    def solve(problem: ProblemArg, model: Annotated[str | None, Field(description=(
            "a litellm model string; default: the model the server was started with"))] = None
              ) -> Annotated[CallToolResult, SolveReport]:
        """Let the configured language model solve the problem: propose, splice, gate,
        verify, repair from the errors, within the server's attempts and budget. Writes
        the run folder (attempts.jsonl, outcome.json, solution.dfy)."""
        with fixable():
            report = solve_report(bench, problem, model)
        return answer(report, solve_text(report))



def serve(settings: Settings, runs: Path) -> None:
    """Serve on stdin/stdout until the client closes them; the verifier is closed after.
    A SIGTERM (a client's shutdown when stdin's end was not enough) stops the verifier's
    processes first, so a verification under way ends at once instead of at its limit."""
    bench = Workbench(settings, runs)

    def stop(signum: int, frame: FrameType | None) -> None:
        bench.close()
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        build_server(bench).run("stdio")
    finally:
        signal.signal(signal.SIGTERM, previous)
        bench.close()
