"""The prompts of the solve loop, rendered from the template files in ``templates/``.

Templates are rendered with ``string.Template.substitute``, so a name a template uses
and the code does not give is an error, not an empty hole in a prompt. The code here
only turns data (a problem, a checked candidate) into the values the templates take.

Repair prompts are compact on purpose: the conversation sent is the system prompt,
the problem, the answer being repaired and what went wrong with it, never the whole
history (which grows each round and buries the latest errors) unless asked for.
"""

from __future__ import annotations

import re
from typing import Literal

from vericode.candidate.check import CheckOutcome
from vericode.candidate.gate import Violation
from vericode.files import template as templates
from vericode.problem.tagged import Problem
from vericode.seams import Diagnostic, Location, Message, Verdict

History = Literal["compact", "full"]
MAX_FINDINGS = 20
"""At most this many errors are quoted; the rest are counted (a wall of errors that all
say the same thing helps no model)."""

_VERSION = re.compile(r"Dafny (\d+)\.")
_VERDICT = {
    Verdict.FAILED: "the verifier could not prove it.",
    Verdict.TIMEOUT: "the verifier timed out on it (a time-out is never a success).",
    Verdict.PARSE_ERROR: "the spliced program does not parse.",
    Verdict.RESOLUTION_ERROR: "the spliced program does not resolve (wrong names or types).",
    Verdict.CRASHED: "the verifier crashed on it.",
}

def _render(name: str, /, **values: str) -> str:
    return templates.render("vericode.repair", name, **values)



def is_legacy(verifier_version: str) -> bool:
    """Whether the verifier is Dafny 2.x/3.x (``Dafny 2.3.0.10506 (z3 4.8.12)``)."""
    match = _VERSION.search(verifier_version)
    return match is not None and int(match.group(1)) < 4


def system_prompt(verifier_version: str) -> str:
    """What a verified answer looks like for this verifier, the gate's rules, the format."""
    dialect = "dialect_legacy" if is_legacy(verifier_version) else "dialect_dafny4"
    notes = templates.template("vericode.repair", dialect).substitute(
        version=verifier_version or "Dafny").strip()
    return _render("system", dialect=notes)


def first_prompt(problem: Problem) -> str:
    """The problem: its statement, the frozen program, and which slots to fill."""
    description = f"\n{problem.description}\n" if problem.description else ""
    return _render("first", problem_id=problem.id, description=description,
                  slots=slots_wanted(problem), program=problem.text)


def slots_wanted(problem: Problem) -> str:
    """The slots in words: the bodies wanted and where helpers go."""
    wanted = ["the body of each method in the `<vc-code>` parts"]
    if problem.fillable:
        names = ", ".join(f"`{name}`" for name in problem.fillable)
        wanted.append(f"the bodies of {names} (declared without one)")
    wanted.append("any helper functions, predicates or lemmas you need "
                  "(they go in the `<vc-helpers>` part)")
    return "; ".join(wanted)


def repair_prompt(problem: Problem, reply: str, outcome: CheckOutcome | None,
                  unusable: str | None = None, cut_off: bool = False) -> str:
    """What went wrong with ``reply``: the spliced program with line numbers and the
    verifier's errors, the gate's refusals and the splice's notes; or, for a reply that
    gave nothing to splice, why (``unusable``, or the parse error in ``outcome``).
    ``cut_off``: the reply hit the token limit, which is likely why it is broken."""
    limit = _render("cut_off") if cut_off else ""
    if outcome is None or outcome.spliced is None:
        reason = unusable or (outcome.error if outcome else None) or "it contained no program"
        line = outcome.error_line if outcome else None
        return limit + _render("repair_unusable", problem_id=problem.id, reason=reason,
                              excerpt=reply_excerpt(reply, line))
    return limit + _render("repair", problem_id=problem.id, verdict=verdict_sentence(outcome),
                          numbered=numbered(outcome.spliced), notes=splice_notes(outcome),
                          findings=findings(outcome))


def verdict_sentence(outcome: CheckOutcome) -> str:
    if not outcome.accepted:
        return "the integrity gate refused it (no proof by fiat, no change to the spec)."
    if outcome.verdict is None:
        return "it was not verified."
    return _VERDICT.get(outcome.verdict, f"the verifier said {outcome.verdict.value}.")


def numbered(program: str) -> str:
    """The program with right-aligned line numbers, as the messages cite them."""
    lines = program.splitlines()
    width = len(str(len(lines)))
    return "".join(f"{n:>{width}} | {line}\n" for n, line in enumerate(lines, 1))


def splice_notes(outcome: CheckOutcome) -> str:
    if not outcome.ignored:
        return ""
    notes = "".join(f"- {note}\n" for note in outcome.ignored)
    return f"\nvericode ignored parts of your answer (frozen text is never taken from it):\n{notes}"


def findings(outcome: CheckOutcome) -> str:
    """The gate's violations and the verifier's diagnostics, each with its source line."""
    program = (outcome.spliced or "").splitlines()
    items = [violation_text(v, program) for v in outcome.violations]
    items += [diagnostic_text(d) for d in outcome.diagnostics]
    if not items:
        return ""
    shown = items[:MAX_FINDINGS]
    more = len(items) - len(shown)
    tail = f"… and {more} more like these.\n" if more else ""
    title = "The integrity gate's refusals" if outcome.violations else "The verifier's messages"
    return f"\n{title}:\n" + "".join(shown) + tail


def violation_text(v: Violation, program: list[str]) -> str:
    """A refusal with its whole line of ``program`` (the gate keeps it trimmed)."""
    line = program[v.line - 1] if 0 < v.line <= len(program) else v.text
    return (f"Refused at line {v.line}, column {v.column} ({v.rule}): {v.message}\n"
            f"{source(v.line, line)}")


def diagnostic_text(d: Diagnostic) -> str:
    code = f" [{d.code}]" if d.code else ""
    text = (f"{d.severity.value.capitalize()} at {where(d.location)}: {d.message}{code}\n"
            f"{source(d.location.line, d.location.source_line)}")
    for related in d.related:
        text += (f"  Related, {where(related.location)}: {related.message}\n"
                 f"{source(related.location.line, related.location.source_line, '  ')}")
    return text


def where(location: Location) -> str:
    return f"line {location.line}, column {location.column}"


def source(line: int, text: str, indent: str = "") -> str:
    return f"{indent}  {line:>4} | {text.rstrip()}\n" if text.strip() else ""


def reply_excerpt(reply: str, line: int | None) -> str:
    """The reply line a parse error points at, or the start of a reply with no code."""
    lines = reply.splitlines()
    if line is not None and 0 < line <= len(lines):
        return f"\nThe line of your reply it points at:\n  {line:>4} | {lines[line - 1]}\n"
    if not reply.strip():
        return ""
    start = reply.strip()[:300]
    return f"\nYour reply began:\n{start}\n"


class Conversation:
    """The messages of one solve: the problem, then one repair exchange per round.

    ``messages()`` is what the next request sends: with ``compact`` history only the
    latest exchange (the answer being repaired and its feedback), with ``full`` every
    one so far.
    """

    def __init__(self, problem: Problem, verifier_version: str,
                 history: History = "compact") -> None:
        self.opening = [Message(role="system", content=system_prompt(verifier_version)),
                        Message(role="user", content=first_prompt(problem))]
        self.history = history
        self.exchanges: list[tuple[Message, Message]] = []

    def messages(self) -> list[Message]:
        exchanges = self.exchanges if self.history == "full" else self.exchanges[-1:]
        return [*self.opening, *(m for pair in exchanges for m in pair)]

    def repair(self, reply: str, feedback: str) -> None:
        """Add the answer being repaired and the feedback on it."""
        answer = Message(role="assistant", content=reply or "(empty reply)")
        self.exchanges.append((answer, Message(role="user", content=feedback)))
