"""Text as every entry point reads it: UTF-8, no byte order mark, ``\\n`` line ends, no NUL.

A problem, a spec, a candidate and a corpus line mean the same text wherever they come
from (a file, standard input, a JSON string), so that line numbers agree between
vericode and Dafny and no byte reaches the verifier that vericode did not read. What
cannot be read is one ``BadText`` at the line and column an editor shows.

``read_text`` refuses what is not a regular file (a FIFO, a device, a folder) before
opening it, and anything over a size cap, so a mistaken path fails fast instead of
blocking or filling memory.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path
from typing import BinaryIO, NoReturn

from vericode.errors import BadInput

CANDIDATE_BYTES = 1_000_000
"""The cap on a candidate program or model reply (1 MB)."""
PROBLEM_BYTES = 4_000_000
"""The cap on a problem or ``.spec`` file (4 MB)."""
CORPUS_BYTES = 256_000_000
"""The cap on a JSONL corpus (256 MB)."""

NOT_UTF8 = "the file is not UTF-8 text (byte 0x{byte:02x} cannot be decoded); save it as UTF-8"
_BOM = "\ufeff"
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_END = re.compile(r"\r\n|\r|\n")
_DIRECTIVE = re.compile("[\\s\u200b\ufeff]*#")
"""A preprocessor line: ``#`` after blanks (.NET's ``Trim()`` blanks, and more)."""


class BadText(BadInput):
    """Text we refuse, at its place: ``source:line:column: reason``."""

    def __init__(self, source: str, line: int, column: int, reason: str, text: str) -> None:
        super().__init__(f"{source}:{line}:{column}: {reason}")
        self.source, self.line, self.column, self.reason = source, line, column, reason
        self.text = text
        """The text as far as it reads (bad bytes as U+FFFD), to show the line from."""


def canonical(data: bytes | str, source: str) -> str:
    """``data`` as vericode's text: strict UTF-8, no leading BOM, ``\\n`` line ends.

    Raises ``BadText`` (naming ``source:line:column``) for a byte that is not UTF-8, a
    lone surrogate, or a NUL character.
    """
    text = _decode(data, source) if isinstance(data, bytes) else data
    text = _normalise(text)
    if m := _SURROGATE.search(text):
        _refuse(text, m.start(), source, f"not Unicode text (a lone surrogate U+{ord(m[0]):04X})")
    if (nul := text.find("\x00")) >= 0:
        _refuse(text, nul, source, "a NUL character (\\x00) is not text; is this a binary file?")
    return text


def _normalise(text: str) -> str:
    return text.removeprefix(_BOM).replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
    prefix = _normalise(data[:start].decode("utf-8"))
    whole = _normalise(data.decode("utf-8", errors="replace"))
    _refuse(whole, len(prefix), source, NOT_UTF8.format(byte=data[start]))


def _refuse(text: str, offset: int, source: str, reason: str) -> NoReturn:
    """Raise ``BadText`` for the character at ``offset`` of (normalised) ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    raise BadText(source, line, column, reason, text)


def read_text(path: Path, source: str, limit_bytes: int) -> str:
    """The canonical text of the regular file ``path`` (``source`` names it in errors)."""
    return canonical(read_bytes(path, source, limit_bytes), source)


def read_bytes(path: Path, source: str, limit_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``limit_bytes``; anything else is refused
    before it is opened (a FIFO would block, a device never end)."""
    _require_regular(path, source, limit_bytes)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise BadInput(f"{source}: cannot read: {exc.strerror}") from exc
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise BadInput(f"{source}: not a regular file")  # swapped since the stat
        return _capped(handle, source, limit_bytes)


def _require_regular(path: Path, source: str, limit_bytes: int) -> None:
    try:
        info = os.stat(path)
    except OSError as exc:
        raise BadInput(f"{source}: cannot read: {exc.strerror}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise BadInput(f"{source}: not a regular file ({_kind(info.st_mode)}); "
                       "give the path of a text file")
    if info.st_size > limit_bytes:
        raise _too_large(source, limit_bytes)


def read_named(name: str, limit_bytes: int) -> str:
    """The text of the file ``name``, or of standard input for ``-`` (``<stdin>``)."""
    if name == "-":
        return read_stream(sys.stdin.buffer, "<stdin>", limit_bytes)
    if not os.path.lexists(name):
        raise BadInput(f"{name}: no such file")
    return read_text(Path(name), name, limit_bytes)


def read_stream(stream: BinaryIO, source: str, limit_bytes: int) -> str:
    """The canonical text of a byte stream (standard input), at most ``limit_bytes``."""
    return canonical(_capped(stream, source, limit_bytes), source)


def _capped(stream: BinaryIO, source: str, limit_bytes: int) -> bytes:
    data = stream.read(limit_bytes + 1)
    if len(data) > limit_bytes:
        raise _too_large(source, limit_bytes)
    return data


def _too_large(source: str, limit_bytes: int) -> BadInput:
    return BadInput(f"{source}: larger than the {limit_bytes / 1e6:g} MB limit for this "
                    "input; is it the right file?")


def _kind(mode: int) -> str:
    kinds = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket")]
    return next((name for test, name in kinds if test(mode)), "not a file")


def hash_lines(text: str) -> list[int]:
    """1-based numbers of the lines whose first non-blank character is ``#``.

    Dafny 2.3 runs Boogie's preprocessor over the program first: a line that trims to
    ``#if``, ``#else``, ``#endif`` … hides, swaps or cuts off the code after it. Lines
    end as .NET's ``ReadLine`` ends them (``\\n``, ``\\r\\n``, ``\\r``).
    """
    lines = _LINE_END.split(text)
    return [n for n, line in enumerate(lines, 1) if _DIRECTIVE.match(line)]
