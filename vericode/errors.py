"""The one exception a user can act on.

"Not verified" is data (a ``Verdict``); a bug propagates as itself. What remains is
``VericodeError``: unusable input or a missing tool, with a message that names the
fix and the exit code the CLI ends with.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    NOT_VERIFIED = 1
    BAD_INPUT = 2
    TOOL_MISSING = 3
    REFUSED = 4


class VericodeError(Exception):
    """Something the user can fix; the message says how."""

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __init__(self, message: str, *, exit_code: ExitCode | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class BadInput(VericodeError):
    """A file or option we cannot use (exit 2)."""

    exit_code = ExitCode.BAD_INPUT


class ToolMissing(VericodeError):
    """Dafny, a model or a container engine cannot be reached (exit 3)."""

    exit_code = ExitCode.TOOL_MISSING
