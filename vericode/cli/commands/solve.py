"""`vericode solve PROBLEM --model M`: the repair loop on one problem, shown live."""

from __future__ import annotations

import argparse
import signal
import textwrap
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
    add_formalize_option(p)
    add_verifier_options(p)
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    from vericode.api import solve_with

    settings = options.settings(args, *_SOLVE_FLAGS)
    previous = signal.signal(signal.SIGTERM, _interrupt)  # a kill ends like Ctrl-C
    display = None if args.json else LiveDisplay()
    try:
        outcome = solve_with(args.problem, settings, display=display)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if display is not None:
            display.stop()
    from vericode.cli import ui

    if args.json:
        ui.print_json(outcome.model_dump(mode="json"))
    else:
        show_outcome(outcome)
    if outcome.status.value == "model_error":
        ui.error(outcome.reason)
    return int(_EXIT[outcome.status.value])


def _interrupt(signum: int, frame: FrameType | None) -> Any:
    raise KeyboardInterrupt


class LiveDisplay:
    """The run as it goes: a spinner saying what happens now, a line per attempt."""

    def __init__(self) -> None:
        from vericode.cli import ui

        self.out: Console = ui.console()
        self.status: Status | None = None
        self.cost = 0.0
        self.unknown = 0

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
        style = _VERDICT_STYLE.get(attempt.verdict, "magenta")
        detail = _detail(attempt)
        self.out.print(
            f"round {attempt.round} sample {attempt.sample + 1}: [{style}]{attempt.verdict}[/]"
            f"{escape(detail)}  [dim]{attempt.prompt_tokens + attempt.completion_tokens} tokens"
            f"{', cached reply' if attempt.cached_reply else ''}, {attempt.seconds:.1f} s, "
            f"total {escape(_cost(self.cost, self.unknown))}[/]")

    def finish(self, outcome: Outcome) -> None:
        self.stop()

    def stop(self) -> None:
        if self.status is not None:
            self.status.stop()
            self.status = None


def _detail(attempt: Attempt) -> str:
    if attempt.error:
        return f" ({textwrap.shorten(attempt.error, 90, placeholder=' …')})"
    errors = sum(1 for d in attempt.diagnostics if d.severity.value == "error")
    found = len(attempt.violations) or errors
    what = "violation" if attempt.violations else "error"
    same = f", same as round {attempt.duplicate_of[0]}" if attempt.duplicate_of else ""
    return (f" ({found} {what}{'s' if found != 1 else ''}{same})" if found
            else f" ({same[2:]})" if same else "")


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
    out.print(f"[{style}]{outcome.status.value}[/]: {escape(outcome.reason)}  [dim]"
              f"{outcome.attempts} attempt(s), {outcome.tokens} tokens, "
              f"{escape(_cost(outcome.cost_usd, outcome.unknown_cost_calls))}, "
              f"{outcome.seconds:.1f} s; run folder {escape(str(outcome.folder))}[/]")
