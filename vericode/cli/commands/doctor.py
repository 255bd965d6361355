"""`vericode doctor`: what was found and what is missing, with the fix."""

from __future__ import annotations

import argparse

from vericode.cli.options import add_json_option, settings
from vericode.errors import ExitCode

NAME = "doctor"
HELP = "show what vericode found (Dafny, z3, litellm, cache) and what is missing"
DESCRIPTION = "Show what vericode found and the command that fixes what is missing."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dafny", metavar="PATH", help="the Dafny binary to check")
    p.add_argument("--verifier", metavar="KIND", help="check this backend (e.g. container:IMAGE)")
    p.add_argument("--engine", choices=("docker", "podman"), help="the container engine to check")
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    from vericode.cli import ui
    from vericode.dafny.run.doctor import diagnose, healthy

    checks = diagnose(settings(args))
    if args.json:
        ui.print_json({"checks": [vars(c) for c in checks], "ok": healthy(checks)})
    else:
        ui.print_checks(checks)
    return ExitCode.OK if healthy(checks) else ExitCode.TOOL_MISSING
