"""The command line: parse options, build settings, call the library, print.

Exit codes: 0 success, 1 not verified / not solved, 2 unusable input, 3 a tool
(Dafny, model, engine) unreachable, 4 refused by the integrity gate.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from vericode import __version__
from vericode.errors import BadInput, ExitCode, VericodeError

_DESCRIPTION = """\
vericode turns a specification into Dafny code that the Dafny verifier proves correct.

Commands:
  verify FILE.dfy   run the Dafny verifier on a program and show what it says
  doctor            show what vericode found (Dafny, z3, litellm, cache) and what is missing
"""

_VERIFY_EXIT = {
    "verified": ExitCode.OK, "failed": ExitCode.NOT_VERIFIED, "timeout": ExitCode.NOT_VERIFIED,
    "parse_error": ExitCode.BAD_INPUT, "resolution_error": ExitCode.BAD_INPUT,
    "crashed": ExitCode.TOOL_MISSING,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vericode", description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Exit codes: 0 success, 1 not verified, 2 unusable input, "
               "3 a tool unreachable, 4 refused by the integrity gate.")
    parser.add_argument("--version", action="version", version=f"vericode {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _verify_parser(commands)
    _doctor_parser(commands)
    return parser


def _verifier_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dafny", metavar="PATH",
                   help="the Dafny binary (default: $VERICODE_DAFNY, then `dafny` on PATH)")
    p.add_argument("--timeout", type=int, metavar="S",
                   help="seconds one proof obligation may take (default 30)")
    p.add_argument("--wall-timeout", type=float, metavar="S",
                   help="seconds a whole verification run may take (default 4 x timeout + 30)")
    p.add_argument("--no-cache", dest="cache", action="store_false", default=None,
                   help="verify again even if this exact program was verified before")
    p.add_argument("--json", action="store_true", help="print one JSON object")


def _verify_parser(commands: Any) -> None:
    p = commands.add_parser(
        "verify", help="verify a Dafny program",
        description="Verify a Dafny program (written in Dafny 4 syntax; rewritten for a legacy "
                    "Dafny). Exit 0 verified, 1 failed or timed out, 2 parse or resolution "
                    "error, 3 the verifier crashed or is missing.")
    p.add_argument("file", type=Path, metavar="FILE.dfy")
    _verifier_options(p)
    p.set_defaults(run=_cmd_verify)


def _doctor_parser(commands: Any) -> None:
    p = commands.add_parser("doctor", help="show what vericode found and what is missing",
                            description="Show what vericode found and how to fix what is missing.")
    p.add_argument("--dafny", metavar="PATH", help="the Dafny binary to check")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=_cmd_doctor)


def _settings(args: argparse.Namespace) -> Any:
    from vericode.config import Settings

    flags = {k: getattr(args, k, None) for k in ("dafny", "timeout", "wall_timeout", "cache")}
    return Settings.load(flags)


def _cmd_verify(args: argparse.Namespace) -> int:
    from vericode import ui
    from vericode.dafny.verifier import verify_file

    path: Path = args.file
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    result = verify_file(path, _settings(args))
    if args.json:
        ui.print_json(result.model_dump(mode="json", exclude={"output"}))
    else:
        ui.print_result(result, str(path))
    return _VERIFY_EXIT[result.verdict.value]


def _cmd_doctor(args: argparse.Namespace) -> int:
    from vericode import ui
    from vericode.doctor import diagnose

    checks = diagnose(_settings(args))
    if args.json:
        ui.print_json({"checks": [vars(c) for c in checks], "ok": all(c.ok for c in checks)})
    else:
        ui.print_checks(checks)
    return ExitCode.OK if all(c.ok for c in checks) else ExitCode.TOOL_MISSING


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return ExitCode.BAD_INPUT
    try:
        return int(args.run(args))
    except VericodeError as exc:
        from vericode import ui

        ui.error(exc.message)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
