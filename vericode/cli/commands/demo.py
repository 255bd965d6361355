"""`vericode demo SPEC`: the whole job on one spec, doing without a model what it can.

Formalize the spec and run its checks, check the shipped corpus, then solve the spec
with the configured model. With no model configured it stops there and prints the one
command that would solve it: it never reports anything as solved that was not.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from vericode.cli.options import (
    MODEL_FLAGS,
    add_json_option,
    add_model_options,
    add_verifier_options,
    settings,
)
from vericode.errors import BadInput, ExitCode

Step = Callable[[argparse.Namespace], int]

NAME = "demo"
HELP = "formalize a spec, check the corpus, and solve the spec if a model is configured"
DESCRIPTION = """\
Run vericode's main job on one .spec file: formalize it and check its examples with
the verifier, check the problem corpus (default problems/, if present), and solve the
spec with the model (--model/--api-base/--api-key as for `solve`, else VERICODE_MODEL
or vericode.toml). Without a model it ends by printing the command that would solve
it. --json prints one object with each step's JSON (formalize, corpus, solve) and the
exit code. Exit 0 when every step that ran succeeded (with a model: only when the spec
was solved), else the failing step's exit code."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("spec", type=Path, metavar="FILE.spec")
    p.add_argument("--corpus", type=Path, default=Path("problems"),
                   help="the corpus to check (default: problems/; skipped if absent)")
    add_model_options(p)
    add_verifier_options(p)
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    from vericode.cli import ui

    if not args.spec.is_file():
        raise BadInput(f"{args.spec}: no such file")
    found: dict[str, object] = {}
    code = _steps(args, found)
    if args.json:
        ui.print_json({**found, "exit": int(code)})
    return code


def _steps(args: argparse.Namespace, found: dict[str, object]) -> int:
    """Each step in turn, until one fails; ``found`` gets each one's JSON (--json)."""
    from vericode.cli.commands import corpus, formalize, solve

    code = _step(args, found, "formalize", f"1. formalize {args.spec}", formalize.run,
                 _args_of(formalize, [str(args.spec)], args))
    if code != ExitCode.OK:
        return code
    if args.corpus.is_dir():
        code = _step(args, found, "corpus", f"2. check the corpus in {args.corpus}",
                     corpus.run, _args_of(corpus, ["check", str(args.corpus)], args))
        if code != ExitCode.OK:
            return code
    if settings(args, *MODEL_FLAGS).model is not None:
        return _step(args, found, "solve", "3. solve", solve.run,
                     _args_of(solve, [str(args.spec)], args))
    found.update(solve=None, no_model=f"vericode solve {args.spec} --model M")
    return ExitCode.OK if args.json else _no_model(args)


def _step(args: argparse.Namespace, found: dict[str, object], key: str, title: str,
          step: Step, namespace: argparse.Namespace) -> int:
    """One step: with --json its printed object is kept under ``key``, else it prints
    under a rule with ``title``."""
    from vericode.cli import ui

    if not args.json:
        ui.console().rule(title)
        return step(_with(namespace, json=False))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = step(_with(namespace, json=True))
    found[key] = json.loads(printed.getvalue()) if printed.getvalue().strip() else None
    return code


def _no_model(args: argparse.Namespace) -> int:
    from vericode.cli import ui

    ui.console().rule("3. solve")
    ui.console().print(
        "No model is configured, so nothing was solved. To solve this spec, name one:\n"
        f"  vericode solve {args.spec} --model openai/gpt-4.1        (with OPENAI_API_KEY set)\n"
        f"  vericode solve {args.spec} --model openai/<name> --api-base http://host:port/v1\n"
        "or set VERICODE_MODEL and run this demo again (`vericode solve --help` lists all).")
    return ExitCode.OK


def _args_of(command: ModuleType, argv: list[str], args: argparse.Namespace
             ) -> argparse.Namespace:
    """``argv`` parsed by ``command``'s own options, then every option the demo was
    given that the command also has (the verifier's, the model's)."""
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    parsed = parser.parse_args(argv)
    for key, value in vars(args).items():
        if hasattr(parsed, key) and value is not None:
            setattr(parsed, key, value)
    return parsed


def _with(namespace: argparse.Namespace, **values: object) -> argparse.Namespace:
    return argparse.Namespace(**{**vars(namespace), **values})
