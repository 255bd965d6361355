"""`vericode demo SPEC`: the whole job on one spec, doing without a model what it can.

Formalize the spec and run its checks, check the shipped corpus, then solve the spec
with the configured model. With no model configured it stops there and prints the one
command that would solve it: it never reports anything as solved that was not.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from vericode.cli.options import add_verifier_options, settings
from vericode.errors import BadInput, ExitCode

NAME = "demo"
HELP = "formalize a spec, check the corpus, and solve the spec if a model is configured"
DESCRIPTION = """\
Run vericode's main job on one .spec file: formalize it and check its examples with
the verifier, check the problem corpus (default problems/, if present), and solve the
spec with the model from VERICODE_MODEL or vericode.toml. Without a model it ends by
printing the command that would solve it. Exit 0 when every step that ran succeeded
(with a model: only when the spec was solved), else the failing step's exit code."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("spec", type=Path, metavar="FILE.spec")
    p.add_argument("--corpus", type=Path, default=Path("problems"),
                   help="the corpus to check (default: problems/; skipped if absent)")
    add_verifier_options(p)


def run(args: argparse.Namespace) -> int:
    from vericode.cli import ui
    from vericode.cli.commands import corpus, formalize, solve

    if not args.spec.is_file():
        raise BadInput(f"{args.spec}: no such file")
    out = ui.console()
    out.rule(f"1. formalize {args.spec}")
    code = formalize.run(_with(args, file=args.spec, json=False))
    if code != ExitCode.OK:
        return code
    if args.corpus.is_dir():
        out.rule(f"2. check the corpus in {args.corpus}")
        code = corpus.run(_with(args, action="check", args=[str(args.corpus)], json=False,
                                need_reference=True))
        if code != ExitCode.OK:
            return code
    out.rule("3. solve")
    if settings(args).model is None:
        return _no_model(args)
    return solve.run(_solve_args(args))


def _no_model(args: argparse.Namespace) -> int:
    from vericode.cli import ui

    ui.console().print(
        "No model is configured, so nothing was solved. To solve this spec, name one:\n"
        f"  vericode solve {args.spec} --model openai/gpt-4.1        (with OPENAI_API_KEY set)\n"
        f"  vericode solve {args.spec} --model openai/<name> --api-base http://host:port/v1\n"
        "or set VERICODE_MODEL and run this demo again (`vericode solve --help` lists all).")
    return ExitCode.OK


def _solve_args(args: argparse.Namespace) -> argparse.Namespace:
    from vericode.cli.commands import solve

    parser = argparse.ArgumentParser()
    solve.add_arguments(parser)
    parsed = parser.parse_args([str(args.spec)])
    for key, value in vars(args).items():
        if hasattr(parsed, key) and value is not None:
            setattr(parsed, key, value)
    return parsed


def _with(namespace: argparse.Namespace, **values: object) -> argparse.Namespace:
    return argparse.Namespace(**{**vars(namespace), **values})
