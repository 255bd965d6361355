"""A `.spec` drafted by a model from a description (``vericode draft``).

The model is shown the language (its lines, types and phrases, from the same tables
the reference is generated from) and two shipped specs, and answers with a whole
`.spec` file: inputs, outputs, clauses and examples it invents. vericode reads the
answer with the spec grammar and runs the checks ``formalize`` runs (every example
against every clause, with Dafny, and the weak-spec probe). A parse error or a failed
check goes back to the model with vericode's exact message, up to ``rounds`` answers.

The file is judged as it will be written, under its two header lines, so every line
number in a message, to the model or to the user, is a line of that file. Nothing is
solved here: the draft is for a person to review, then ``vericode solve``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from vericode.errors import BadInput
from vericode.files import template as templates
from vericode.seams import Message, Model, Reply, Verifier
from vericode.spec.catalog import PHRASE_TABLE
from vericode.spec.formalize import formalize
from vericode.spec.parse import parse_spec_file
from vericode.spec.reference import LINES, TYPES
from vericode.spec.report import CheckStatus, FileReport

HEADER_LINES = 2
"""Line 1 says who drafted the file from what; line 2 what its checks found."""
_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n(.*?)```", re.DOTALL)
_HEADER = re.compile(r"^// (?:drafted by model |checks: )")
_FIRST_LINE_CHARS = 120


class DraftStatus(StrEnum):
    PASSING = "passing"
    """The file parses and every check passed."""
    FAILING = "failing"
    """The file parses, and some check failed (or there was nothing to check)."""
    UNREADABLE = "unreadable"
    """The grammar, the name and type checks, or Dafny could not use the file."""


class DraftRound(BaseModel):
    """One answer of the model and what vericode found in it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    round: int
    status: DraftStatus
    problems: tuple[str, ...]
    """vericode's messages, as the model was shown them (none when passing)."""
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float | None
    cached: bool


class Draft(BaseModel):
    """What ``draft`` produced: the file to review, its checks, and every round."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str
    description: str
    path: str
    """The name the file was judged under (its messages say this path)."""
    status: DraftStatus
    text: str
    """The whole file, header included (the last readable draft, else the last answer)."""
    report: FileReport | None
    """The checks of ``text``; None when it is unreadable."""
    problems: tuple[str, ...]
    """What is wrong with ``text``: the parse error, or each failed check."""
    rounds: tuple[DraftRound, ...]

    @property
    def cost_usd(self) -> float | None:
        costs = [r.cost_usd for r in self.rounds]
        return None if None in costs else sum(c for c in costs if c is not None)

    def to_json(self) -> dict[str, object]:
        data = self.model_dump(mode="json", exclude={"report"})
        data["report"] = self.report.to_json() if self.report else None
        data["cost_usd"] = self.cost_usd
        return data


@dataclass(frozen=True)
class Judged:
    """One answer as vericode read it: its status, its spec, its checks, its problems."""

    status: DraftStatus
    body: str
    report: FileReport | None
    problems: tuple[str, ...]


def draft(description: str, model: Model, model_name: str, verifier: Verifier, *,
          rounds: int = 3, path: str = "draft.spec", workers: int | None = None) -> Draft:
    """Ask ``model`` for a spec of ``description``, judge each answer, feed back what
    fails, and stop at the first passing draft or after ``rounds`` answers."""
    opening = [Message(role="system", content=system_prompt()),
               Message(role="user", content=_render("draft_request", description=description))]
    messages, done = opening, []
    header = header_lines(model_name, description)
    for _ in range(rounds):
        reply = model.complete(messages)
        judged = judge(spec_text(reply.text), header, path, verifier, workers)
        done.append((reply, judged))
        if judged.status is DraftStatus.PASSING:
            break
        messages = [*opening, Message(role="assistant", content=reply.text),
                    Message(role="user", content=repair_prompt(judged, header))]
    return _result(description, model_name, path, header, done)


def judge(body: str, header: str, path: str, verifier: Verifier,
          workers: int | None = None) -> Judged:
    """Read the file (``header`` + ``body``) and run formalize's checks on it."""
    try:
        report = formalize(parse_spec_file(header + body, path), verifier, workers)
    except BadInput as exc:
        return Judged(DraftStatus.UNREADABLE, body, None, (exc.message,))
    problems = failed_checks(report)
    status = DraftStatus.FAILING if problems else DraftStatus.PASSING
    return Judged(status, body, report, problems)


def failed_checks(report: FileReport) -> tuple[str, ...]:
    """Each failed check as ``path:line: message``; a spec without examples counts as
    failing too, since then nothing was checked at all."""
    found: list[str] = []
    for spec in report.specs:
        for check in spec.checks:
            empty = check.kind == "satisfiable" and check.status is CheckStatus.SKIPPED
            if check.status is CheckStatus.FAILED or empty:
                found.append(f"{report.path}:{check.line}: {check.message}")
    return tuple(found)


def spec_text(reply: str) -> str:
    """The spec in a reply: its last ```spec block, else its last fenced block, else
    the whole reply; always ending in one newline."""
    blocks = [(m.group(1).lower(), m.group(2)) for m in _FENCE.finditer(reply)]
    tagged = [code for language, code in blocks if language == "spec"]
    chosen = (tagged or [code for _, code in blocks] or [reply])[-1]
    lines = chosen.strip("\n").splitlines()
    while lines and _HEADER.match(lines[0]):  # a model that copied vericode's header
        lines.pop(0)
    return "\n".join(lines) + "\n"


def header_lines(model_name: str, description: str, status: str = "not run yet") -> str:
    """The file's two comment lines: who drafted it from what, and its checks."""
    return (f"// drafted by model {model_name} from: {first_line(description)}; "
            f"review before use\n// checks: {status}\n")


def first_line(description: str) -> str:
    line = next((ln.strip() for ln in description.splitlines() if ln.strip()), "")
    if len(line) > _FIRST_LINE_CHARS:
        line = line[:_FIRST_LINE_CHARS - 1].rstrip() + "…"
    return line


def status_line(status: DraftStatus, report: FileReport | None, problems: int) -> str:
    if report is None:
        return "UNREADABLE"
    ran = sum(c.status is not CheckStatus.SKIPPED for s in report.specs for c in s.checks)
    if status is DraftStatus.PASSING:
        return f"all {ran} passed ({report.verifier}); nothing is solved until `vericode solve`"
    return (f"FAILING: {problems} problem(s) in {ran} checks; `vericode formalize` on this "
            "file lists them: fix before use")


def system_prompt() -> str:
    """The language in brief (lines, types, phrases) and two shipped specs."""
    lines = "\n".join(f"- `{form}`: {what}" for form, what, _ in LINES)
    types = "\n".join(f"- `{name}`: {what}" + (f" (e.g. `{value}`)" if value != "—" else "")
                      for name, (what, value) in TYPES.items())
    phrases = "\n".join(f"- {p.words}: `{p.example}`" for p in PHRASE_TABLE)
    return _render("draft_system", lines=lines, types=types, phrases=phrases,
                   examples=_render("draft_examples").strip())


def repair_prompt(judged: Judged, header: str) -> str:
    what = ("cannot read it" if judged.status is DraftStatus.UNREADABLE
            else "read it, and these checks failed")
    numbered = "\n".join(f"{k:>4} | {line}"
                         for k, line in enumerate((header + judged.body).splitlines(), 1))
    return _render("draft_repair", what=what, problems="\n\n".join(judged.problems),
                   numbered=numbered, header=str(HEADER_LINES))


def _result(description: str, model_name: str, path: str, header: str,
            done: Sequence[tuple[Reply, Judged]]) -> Draft:
    """The draft to show: the last one that parsed, else the last answer."""
    readable = [j for _, j in done if j.status is not DraftStatus.UNREADABLE]
    chosen = (readable or [j for _, j in done])[-1]
    status = status_line(chosen.status, chosen.report, len(chosen.problems))
    text = header_lines(model_name, description, status) + chosen.body
    rounds = tuple(_round(k, reply, judged) for k, (reply, judged) in enumerate(done, 1))
    return Draft(model=model_name, description=description, path=path, status=chosen.status,
                 text=text, report=chosen.report, problems=chosen.problems, rounds=rounds)


def _round(number: int, reply: Reply, judged: Judged) -> DraftRound:
    return DraftRound(round=number, status=judged.status, problems=judged.problems,
                      prompt_tokens=reply.prompt_tokens,
                      completion_tokens=reply.completion_tokens, cost_usd=reply.cost_usd,
                      cached=reply.cached)


def _render(name: str, /, **values: str) -> str:
    return templates.render("vericode.spec", name, **values)
