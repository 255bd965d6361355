"""`vericode solve PROBLEM --model M`: the repair loop on one problem, shown live."""

from __future__ import annotations

import argparse
import signal
import textwrap
from types import FrameType
from typing import TYPE_CHECKING, Any

from vericode.commands.options import _SETTINGS_FLAGS, add_json_option, add_verifier_options
from vericode.errors import ExitCode

if TYPE_CHECKING:
    from rich.console import Console
    from rich.status import Status

    from vericode.loop import Outcome
    from vericode.record import Attempt

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

_SOLVE_FLAGS = ("model", "api_base", "api_key", "temperature", "max_tokens", "request_timeout",
                "max_retries", "price_in", "price_out", "samples", "attempts", "max_cost",
                "max_tokens_total", "max_seconds", "history", "out")
_EXIT = {"solved": ExitCode.OK, "not_solved": ExitCode.NOT_VERIFIED,
         "budget_exhausted": ExitCode.NOT_VERIFIED, "model_error": ExitCode.TOOL_MISSING,
         "interrupted": ExitCode.TOOL_MISSING}
_VERDICT_STYLE = {"verified": "bold green", "refused": "bold red", "unusable": "magenta",
                  "failed": "red", "timeout": "yellow"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("problem", metavar="PROBLEM")
    model = p.add_argument_group("model")
    model.add_argument("--model", metavar="M", help="a litellm model string, e.g. "
                       "openai/gpt-4.1, ollama_chat/qwen2.5-coder:7b (default: $VERICODE_MODEL)")
    model.add_argument("--api-base", metavar="URL", help="an OpenAI-compatible server "
                       "(vLLM, llama.cpp, …), e.g. http://localhost:8000/v1")
    model.add_argument("--api-key", metavar="KEY",
                       help="the API key (default: the provider's variable, e.g. OPENAI_API_KEY)")
    model.add_argument("--temperature", type=float, metavar="T")
    model.add_argument("--max-tokens", type=int, metavar="N", help="the longest reply")
    model.add_argument("--request-timeout", type=float, metavar="S",
                       help="seconds one model request may take (default 120)")
    model.add_argument("--max-retries", type=int, metavar="N",
                       help="retries on rate limits, server errors, time-outs (default 4)")
    model.add_argument("--price-in", type=float, metavar="USD",
                       help="USD per million prompt tokens, where litellm knows no price")
    model.add_argument("--price-out", type=float, metavar="USD",
                       help="USD per million completion tokens")
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
    add_verifier_options(p)
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    from vericode.config import Settings
    from vericode.loop import solve_with

    flags = {k: getattr(args, k, None) for k in (*_SETTINGS_FLAGS, *_SOLVE_FLAGS)}
    flags["llm_cache"] = args.cache  # --no-cache: ask the model and the verifier afresh
    settings = Settings.load(flags)
    previous = signal.signal(signal.SIGTERM, _interrupt)  # a kill ends like Ctrl-C
    display = None if args.json else LiveDisplay()
    try:
        outcome = solve_with(args.problem, settings, display=display)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if display is not None:
            display.stop()
    from vericode import ui

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
        from vericode import ui

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
    from rich.syntax import Syntax

    from vericode import ui

    out = ui.console()
    if outcome.program is not None:
        title = "verified program" if outcome.solved else f"best attempt ({outcome.verdict})"
        out.rule(title)
        out.print(Syntax(outcome.program.rstrip(), "csharp", theme="ansi_dark", line_numbers=True,
                         word_wrap=True))
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
