"""The command line: parse options, build settings, call the library, print.

Each command lives in ``vericode/cli/commands/``. Exit codes: 0 success, 1 not verified
/ not solved, 2 unusable input, 3 a tool (Dafny, model, engine) unreachable, 4
refused by the integrity gate.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import re
import sys
from typing import Any, NoReturn

from vericode import __version__
from vericode.cli.commands import MODULES
from vericode.errors import ExitCode, VericodeError

_DESCRIPTION = ("vericode turns a specification into Dafny code that the Dafny verifier "
                "proves correct.")
_EPILOG = ("Exit codes: 0 success, 1 not verified, 2 unusable input, 3 a tool unreachable, "
           "4 refused by the integrity gate. `vericode COMMAND --help` explains each command.")


class Parser(argparse.ArgumentParser):
    """argparse with no silent abbreviations (``--mod`` is not ``--model``) and a "did
    you mean" for a mistyped command or option."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["allow_abbrev"] = False
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        hint = self._did_you_mean(message)
        super().error(f"{message}{hint}")

    def _did_you_mean(self, message: str) -> str:
        word = re.search(r"invalid choice: '([^']*)'|unrecognized arguments: (\S+)", message)
        if word is None:
            return ""
        typed = word.group(1) or word.group(2)
        known = self._known_words(typed.startswith("-"))
        close = difflib.get_close_matches(typed, known, n=1, cutoff=0.6)
        return f" (did you mean {close[0]}?)" if close else ""

    def _known_words(self, options: bool) -> list[str]:
        words: list[str] = []
        for action in self._actions:
            words += [o for o in action.option_strings if options]
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    words += sub._known_words(options) if options else [name]
        return words


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="vericode", description=_DESCRIPTION, epilog=_EPILOG)
    parser.add_argument("--version", action="version", version=f"vericode {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in MODULES:
        module = importlib.import_module(f"vericode.cli.commands.{name}")
        sub = commands.add_parser(
            module.NAME, help=module.HELP, description=module.DESCRIPTION,
            formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return ExitCode.BAD_INPUT
    try:
        return int(args.run(args))
    except VericodeError as exc:
        from vericode.cli import ui

        ui.error(exc.message)
        if getattr(args, "json", False):  # --json promises one object on stdout
            ui.print_json({"ok": False, "exit_code": int(exc.exit_code), "error": exc.message})
        return int(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
