"""`vericode verify FILE.dfy`: the verifier alone."""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING

from vericode.cli.options import add_json_option, add_verifier_options, settings
from vericode.errors import ExitCode
from vericode.files.text import CANDIDATE_BYTES, read_named

if TYPE_CHECKING:
    from vericode.seams import Verifier, VerifyResult

NAME = "verify"
HELP = "verify a Dafny program and show what the verifier says"
DESCRIPTION = """\
Verify a Dafny program written in Dafny 4 syntax (rewritten for a legacy Dafny, with
every position mapped back); - reads standard input. Exit 0 verified, 1 failed or timed
out, 2 parse or resolution error (or unusable input), 3 the verifier crashed or is
missing."""

EXIT = {
    "verified": ExitCode.OK, "failed": ExitCode.NOT_VERIFIED, "timeout": ExitCode.NOT_VERIFIED,
    "parse_error": ExitCode.BAD_INPUT, "resolution_error": ExitCode.BAD_INPUT,
    "crashed": ExitCode.TOOL_MISSING,
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE.dfy")
    add_verifier_options(p)
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    from vericode.cli import ui
    from vericode.dafny.run.backends import open_verifier

    name = "<stdin>" if args.file == "-" else str(args.file)
    text = read_named(args.file, CANDIDATE_BYTES)
    with open_verifier(settings(args), jobs=1, batch=False) as verifier:
        result = _verify(verifier, text, name)
    if args.json:
        ui.print_json(result.model_dump(mode="json", exclude={"output"}))
    else:
        ui.print_result(result, name)
    return EXIT[result.verdict.value]


def _verify(verifier: Verifier, text: str, name: str) -> VerifyResult:
    """The verdict; a cached one takes the time it took to look up."""
    started = time.monotonic()
    result = verifier.verify(text, name)
    if result.cached:
        result = result.model_copy(update={"seconds": round(time.monotonic() - started, 3)})
    return result
