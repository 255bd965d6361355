"""`vericode solve PROBLEM --model M`: the repair loop on one problem, shown live."""

from __future__ import annotations

import argparse
import signal
import textwrap
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from vericode.cli import options
from vericode.cli.options import (
    MODEL_FLAGS,
    add_formalize_option,
    add_json_option,
    add_model_options,
    add_verifier_options,
)
from vericode.errors import ExitCode

if TYPE_CHECKING:
    from rich.console import Console
    from rich.status import Status

    from vericode.api import Emitted
    from vericode.repair.outcome import Attempt, Outcome

NAME = "solve"
HELP = "let a model write the code and proofs, checked by Dafny, repaired from its errors"
DESCRIPTION = """\
Solve one problem with a language model: it proposes method bodies, loop invariants
and helper lemmas; vericode splices them into the frozen skeleton, runs the integrity
gate and the verifier, and sends the errors back until a proof passes or the budget is
spent. PROBLEM is a .spec file, a tagged .dfy problem, or corpus.jsonl#ID.

The model is any litellm model string (--model, else VERICODE_MODEL, else vericode.toml
or [tool.vericode] in pyproject.toml, which set defaults for every option here).
Every attempt is written to the run folder as it happens (attempts.jsonl), and at the
end outcome.json and solution.dfy (or best.dfy). --no-cache asks the model and the
verifier afresh instead of answering from their caches. Exit 0 solved (accepted by the
integrity gate and verified), 1 not solved within the rounds or budget, 2 unusable
input or no model configured, 3 the model or the verifier unreachable."""

_SOLVE_FLAGS = (*MODEL_FLAGS, "samples", "attempts", "max_cost", "max_tokens_total",
                "max_seconds", "history", "out", "formalize")
_EXIT = {"solved": ExitCode.OK, "not_solved": ExitCode.NOT_VERIFIED,
         "budget_exhausted": ExitCode.NOT_VERIFIED, "model_error": ExitCode.TOOL_MISSING,
         "interrupted": ExitCode.TOOL_MISSING}
_VERDICT_STYLE = {"verified": "bold green", "refused": "bold red", "unusable": "magenta",
                  "failed": "red", "timeout": "yellow"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("problem", metavar="PROBLEM")
    add_model_options(p)
    loop = p.add_argument_group("the loop")
    loop.add_argument("--samples", type=int, metavar="N", help="candidates per round (default 1)")
    loop.add_argument("--attempts", type=int, metavar="K", help="rounds at most (default 5)")
    loop.add_argument("--max-cost", type=float, metavar="USD", help="stop before spending more")
    loop.add_argument("--max-tokens-total", type=int, metavar="N",
                      help="stop after this many tokens in all")
    loop.add_argument("--max-seconds", type=float, metavar="S", help="stop after this long")
    loop.add_argument("--history", choices=("compact", "full"),
                      help="repair prompts carry the latest exchange (compact, default) or all")
    loop.add_argument("--out", metavar="DIR", help="the run folder (default runs/<time>-<id>/)")
    p.add_argument("--emit", choices=("js", "cs", "go", "py", "java"), metavar="TARGET",
                   help="compile the verified program with the Dafny in use (js, cs, go; "
                        "Dafny 4 adds py, java) into RUN/TARGET/, and run a .spec's examples "
                        "against it (node, mono, go where installed)")
    p.add_argument("--dialect", choices=("dafny4", "installed"), default="dafny4",
                   help="write solution.dfy in Dafny 4 syntax (default) or in the installed "
                        "Dafny's own dialect")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="each round: every diagnostic and gate rule, and what splicing ignored")
    add_formalize_option(p)
    add_verifier_options(p)
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    from vericode.api import load_any, solve_with
    from vericode.repair.record import default_folder

    settings = options.settings(args, *_SOLVE_FLAGS)
    problem = load_any(args.problem, settings)
    settings = settings.model_copy(update={"out": settings.out or default_folder(problem.id)})
    previous = signal.signal(signal.SIGTERM, _interrupt)  # a kill ends like Ctrl-C
    display = None if args.json else LiveDisplay(args.verbose)
    if display is not None and settings.out is not None:
        display.started(settings.out)
    try:
        outcome = solve_with(problem, settings, display=display)
    except KeyboardInterrupt:
        if display is not None:
            display.interrupted()
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
        if display is not None:
            display.stop()
    from vericode.cli import ui

    emitted = _after(args, outcome, settings)
    if args.json:
        extra = {"emitted": emitted.model_dump(mode="json")} if emitted else {}
        ui.print_json({**outcome.model_dump(mode="json"), **extra})
    else:
        show_outcome(outcome)
        if emitted is not None:
            show_emitted(emitted)
    if outcome.status.value == "model_error":
        ui.error(outcome.reason)  # once, on stderr (the line above names the status only)
    if emitted is not None and not all(emitted.examples.values()):
        return int(ExitCode.NOT_VERIFIED)
    return int(_EXIT[outcome.status.value])


def _after(args: argparse.Namespace, outcome: Outcome, settings: Any) -> Emitted | None:
    """The installed dialect's solution.dfy, and the compiled code, when asked for."""
    from vericode.api import emit
    from vericode.dafny.syntax import dialect
    from vericode.repair.prompts import is_legacy

    if not outcome.solved or outcome.program is None or outcome.folder is None:
        return None
    folder = Path(outcome.folder)
    if args.dialect == "installed" and is_legacy(outcome.verifier):
        legacy = dialect.for_verifier(outcome.program, legacy=True).text
        (folder / "solution.dfy").write_text(
            f"// {outcome.verifier} syntax (`function method` is compiled). Check it with: "
            f"dafny /compile:0 solution.dfy\n{legacy}", encoding="utf-8")
    return emit(args.problem, outcome.program, args.emit, folder, settings) if args.emit \
        else None


def show_emitted(emitted: Emitted) -> None:
    from rich.markup import escape

    from vericode.cli import ui

    out = ui.console()
    out.print(f"{emitted.target} code: {escape(', '.join(emitted.files))}")
    for k, passed in emitted.examples.items():
        mark = "[green]passed[/]" if passed else "[bold red]FAILED[/]"
        out.print(f"  example {k}: {mark}")
    if emitted.examples and not all(emitted.examples.values()):
        out.print("[bold red]the compiled code and the spec's examples disagree[/]: the code "
                  "verified, so this is a bug worth reporting (in the spec's examples, "
                  "vericode or Dafny)")
    if emitted.skipped:
        out.print(f"  [dim]examples not run: {escape(emitted.skipped)}[/]")


def _interrupt(signum: int, frame: FrameType | None) -> Any:
    raise KeyboardInterrupt


class LiveDisplay:
    """The run as it goes: a spinner saying what happens now, a line per attempt."""

    def __init__(self, verbose: bool = False) -> None:
        from vericode.cli import ui

        self.out: Console = ui.console()
        self.status: Status | None = None
        self.cost = 0.0
        self.unknown = 0
        self.verbose = verbose
        self.kept = 0
        self.folder: Path | None = None

    def progress(self, text: str) -> None:
        if self.status is None:
            self.status = self.out.status(text)
            self.status.start()
        else:
            self.status.update(text)

    def attempt(self, attempt: Attempt) -> None:
        from rich.markup import escape

        if not attempt.cached_reply:
            self.cost += attempt.cost_usd or 0.0
            self.unknown += attempt.cost_usd is None
        self.kept += 1
        style = _VERDICT_STYLE.get(attempt.verdict, "magenta")
        detail = _detail(attempt)
        self.out.print(
            f"round {attempt.round} sample {attempt.sample + 1}: [{style}]{attempt.verdict}[/]"
            f"{escape(detail)}  [dim]{attempt.prompt_tokens + attempt.completion_tokens} tokens"
            f"{', cached reply' if attempt.cached_reply else ''}, {attempt.seconds:.1f} s, "
            f"total {escape(_cost(self.cost, self.unknown))}[/]")
        for line in _more(attempt, self.verbose):
            self.out.print(f"    {escape(line)}", highlight=False)

    def started(self, folder: Path) -> None:
        self.folder = folder

    def finish(self, outcome: Outcome) -> None:
        self.stop()

    def interrupted(self) -> None:
        """Ctrl-C: say what is kept and how to go on."""
        self.stop()
        where = f" in {self.folder}" if self.folder else ""
        self.out.print(f"interrupted: {self.kept} finished attempt(s) kept{where}; run the "
                       "same command again to go on (the replies already received come from "
                       "the response cache, at no cost)")

    def stop(self) -> None:
        if self.status is not None:
            self.status.stop()
            self.status = None


def _detail(attempt: Attempt) -> str:
    """The count of errors or gate rules, and the first with its line."""
    if attempt.error:
        return f" ({textwrap.shorten(attempt.error, 90, placeholder=' …')})"
    errors = [d for d in attempt.diagnostics if d.severity.value == "error"]
    found = len(attempt.violations) or len(errors)
    what = "violation" if attempt.violations else "error"
    same = f", same as round {attempt.duplicate_of[0]}" if attempt.duplicate_of else ""
    if found:
        return f" ({found} {what}{'s' if found != 1 else ''}{same}; {_first_problem(attempt)})"
    return f" ({same[2:]})" if same else ""


def _first_problem(attempt: Attempt) -> str:
    if attempt.violations:
        v = attempt.violations[0]
        return textwrap.shorten(f"line {v.line}: {v.rule}: {v.message}", 100, placeholder=" …")
    d = next(d for d in attempt.diagnostics if d.severity.value == "error")
    where = f"line {d.location.line}: " if d.location.line else ""  # line 0: the whole run
    return textwrap.shorten(f"{where}{d.message}", 100, placeholder=" …")


def _more(attempt: Attempt, verbose: bool) -> list[str]:
    """With -v: every diagnostic and gate rule with its line, and what splicing ignored
    (a change to a frozen contract included); without: what splicing ignored."""
    found = [f"ignored: {note}" for note in attempt.ignored]
    if verbose:
        found += [f"line {v.line}:{v.column}: {v.rule}: {v.message}" for v in attempt.violations]
        found += [f"line {d.location.line}:{d.location.column}: {d.severity.value}: {d.message}"
                  for d in attempt.diagnostics]
    return found


def _cost(cost: float, unknown: int) -> str:
    if unknown and not cost:
        return "cost unknown"
    return f"${cost:.4f}" + (f" + {unknown} call(s) of unknown cost" if unknown else "")


def show_outcome(outcome: Outcome) -> None:
    """The verified program, highlighted; or the best failure with its errors."""
    from rich.markup import escape

    from vericode.cli import ui

    out = ui.console()
    if outcome.program is not None:
        title = "verified program" if outcome.solved else f"best attempt ({outcome.verdict})"
        out.rule(title)
        ui.print_code(out, outcome.program, line_numbers=True)
    if not outcome.solved:
        for violation in outcome.violations:
            out.print(f"line {violation.line}:{violation.column}: [red]refused "
                      f"({escape(violation.rule)})[/]: {escape(violation.message)}")
        for diagnostic in outcome.diagnostics:
            ui.print_diagnostic(out, diagnostic)
    style = "bold green" if outcome.solved else "bold red"
    reason = "the model could not answer" if outcome.status.value == "model_error" \
        else outcome.reason
    out.print(f"[{style}]{outcome.status.value}[/]: {escape(reason)}  [dim]"
              f"{outcome.attempts} attempt(s), {outcome.tokens} tokens, "
              f"{escape(_cost(outcome.cost_usd, outcome.unknown_cost_calls))}, "
              f"{outcome.seconds:.1f} s; run folder {escape(str(outcome.folder))}[/]")
