"""`vericode doctor`: what was found and what is missing, with the fix."""

from __future__ import annotations

import argparse

from vericode.cli.options import MODEL_FLAGS, add_json_option, add_model_options, settings
from vericode.errors import ExitCode

NAME = "doctor"
HELP = "show what vericode found (Dafny, z3, litellm, cache) and what is missing"
DESCRIPTION = "Show what vericode found and the command that fixes what is missing."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dafny", metavar="PATH", help="the Dafny binary to check")
    p.add_argument("--verifier", metavar="KIND", help="check this backend (e.g. container:IMAGE)")
    p.add_argument("--engine", choices=("docker", "podman"), help="the container engine to check")
    add_model_options(p)
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    from vericode.candidate.unsound import known_unsound
    from vericode.cli import ui
    from vericode.cli.model_check import model_checks
    from vericode.dafny.run.doctor import diagnose, healthy

    chosen = settings(args, *MODEL_FLAGS)
    checks = [*diagnose(chosen), *model_checks(chosen)]
    version = next((c.found for c in checks if c.name == "dafny" and c.ok), "")
    refused = [{"dafny": v, "issue": bug.issue, "what": bug.summary}
               for v, bug in known_unsound(version)]
    if args.json:
        ui.print_json({"checks": [vars(c) for c in checks], "ok": healthy(checks),
                       "known_unsound": refused})
    else:
        ui.print_checks(checks)
        ui.console().print(UNSOUND_NOTE)
        for bug in refused:
            ui.console().print(f"  dafny#{bug['issue']} (Dafny {bug['dafny']}): {bug['what']}")
    return ExitCode.OK if healthy(checks) else ExitCode.TOOL_MISSING


UNSOUND_NOTE = ("\"verified\" means verified by this Dafny, minus the constructs of its known "
                "soundness bugs, which the integrity gate refuses by rule (re-judge a run "
                "under another Dafny with `vericode recheck RUN --dafny PATH`):")
