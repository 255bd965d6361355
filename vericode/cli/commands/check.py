"""`vericode check PROBLEM CANDIDATE`: splice, gate, verify one candidate."""

from __future__ import annotations

import argparse

from vericode.cli.options import add_json_option, add_verifier_options, settings
from vericode.errors import ExitCode
from vericode.files.text import CANDIDATE_BYTES, read_named

NAME = "check"
HELP = "splice a candidate into a problem, run the integrity gate, and verify it"
DESCRIPTION = """\
Check one candidate against one problem. PROBLEM is a tagged .dfy problem, a .spec
file, or corpus.jsonl#ID; CANDIDATE is a Dafny program or a model's reply with a
```dafny block in it (- reads standard input). Only the candidate's method bodies and
new helper declarations are used; everything frozen comes from the problem.
Exit 0 accepted and verified, 1 not verified (failed or timed out), 2 unusable input
(including a candidate that does not parse), 3 the verifier is missing, 4 refused by
the integrity gate."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("problem", metavar="PROBLEM")
    p.add_argument("candidate", metavar="CANDIDATE")
    add_verifier_options(p)
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    from vericode.api import load_any
    from vericode.candidate.check import check_candidate
    from vericode.cli import ui
    from vericode.dafny.run.backends import open_verifier

    problem = load_any(args.problem)
    candidate = read_named(args.candidate, CANDIDATE_BYTES)
    with open_verifier(settings(args), jobs=1, batch=False) as verifier:
        outcome = check_candidate(problem, candidate, verifier)
    if args.json:
        ui.print_json(outcome.model_dump(mode="json"))
    else:
        ui.print_outcome(outcome, args.candidate)
    return exit_code(outcome)


def exit_code(outcome: object) -> int:
    from vericode.candidate.check import CheckOutcome

    assert isinstance(outcome, CheckOutcome)
    if outcome.error is not None:
        return ExitCode.BAD_INPUT
    if not outcome.accepted:
        return ExitCode.REFUSED
    if outcome.solved:
        return ExitCode.OK
    from vericode.cli.commands.verify import EXIT

    return int(EXIT[outcome.verdict.value]) if outcome.verdict else ExitCode.NOT_VERIFIED
