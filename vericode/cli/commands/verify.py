"""`vericode verify FILE.dfy`: the verifier alone."""

from __future__ import annotations

import argparse
from pathlib import Path

from vericode.cli.options import add_json_option, add_verifier_options, settings
from vericode.errors import BadInput, ExitCode

NAME = "verify"
HELP = "verify a Dafny program and show what the verifier says"
DESCRIPTION = """\
Verify a Dafny program written in Dafny 4 syntax (rewritten for a legacy Dafny, with
every position mapped back). Exit 0 verified, 1 failed or timed out, 2 parse or
resolution error, 3 the verifier crashed or is missing."""

EXIT = {
    "verified": ExitCode.OK, "failed": ExitCode.NOT_VERIFIED, "timeout": ExitCode.NOT_VERIFIED,
    "parse_error": ExitCode.BAD_INPUT, "resolution_error": ExitCode.BAD_INPUT,
    "crashed": ExitCode.TOOL_MISSING,
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE.dfy")
    add_verifier_options(p)
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    from vericode.cli import ui
    from vericode.dafny.run.backends import open_verifier
    from vericode.dafny.run.verifier import verify_file

    path: Path = args.file
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    with open_verifier(settings(args), jobs=1, batch=False) as verifier:
        result = verify_file(path, verifier)
    if args.json:
        ui.print_json(result.model_dump(mode="json", exclude={"output"}))
    else:
        ui.print_result(result, str(path))
    return EXIT[result.verdict.value]
