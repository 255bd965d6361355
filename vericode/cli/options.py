"""Options that several commands share, and the settings they build."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vericode.settings import Settings

SETTINGS_FLAGS = ("dafny", "timeout", "wall_timeout", "cache", "verifier", "sandbox", "engine",
                  "jobs")
MODEL_FLAGS = ("model", "api_base", "api_key", "temperature", "max_tokens", "request_timeout",
               "max_retries", "price_in", "price_out")


def add_verifier_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dafny", metavar="PATH",
                   help="the Dafny binary (default: $VERICODE_DAFNY, then `dafny` on PATH)")
    p.add_argument("--timeout", type=int, metavar="S",
                   help="seconds one proof obligation may take (default 30)")
    p.add_argument("--wall-timeout", type=float, metavar="S",
                   help="seconds a whole verification run may take (default 4 x timeout + 30)")
    p.add_argument("--no-cache", dest="cache", action="store_false", default=None,
                   help="verify again even if this exact program was verified before")
    p.add_argument("--verifier", metavar="KIND",
                   help="how Dafny runs: auto (default: the warm server pool where Dafny has "
                        "one, else local), local, server, or container[:IMAGE]")
    p.add_argument("--sandbox", choices=("auto", "bwrap", "none"),
                   help="run local verifications under bubblewrap (no network, read-only "
                        "system); auto (default) uses bwrap for local runs when it works")
    p.add_argument("--engine", choices=("docker", "podman"),
                   help="container engine for --verifier container (default: whichever exists)")
    p.add_argument("--jobs", type=int, metavar="J",
                   help="verifications at once (default: the number of CPUs)")


def add_model_options(p: argparse.ArgumentParser) -> None:
    """How to reach the model; the flags are ``MODEL_FLAGS``."""
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


def add_formalize_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--formalize", choices=("grammar", "llm"),
                   help="a .spec clause the grammar cannot read is an error at its line "
                        "(grammar, default) or goes to the model for a Dafny expression, "
                        "shown and marked `formalized by model` in the skeleton (llm)")


def add_json_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON object")


def settings(args: argparse.Namespace, *more: str) -> Settings:
    """Settings from the environment, overridden by the flags that were given (the
    verifier's, and the flags named in ``more``); --no-cache also skips the reply cache."""
    from vericode.settings import Settings

    flags = {k: getattr(args, k, None) for k in (*SETTINGS_FLAGS, *more)}
    if more:
        flags["llm_cache"] = getattr(args, "cache", None)
    return Settings.load(flags)
