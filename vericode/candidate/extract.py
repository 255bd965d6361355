"""The Dafny program inside a model's reply (or a file): fenced block or whole text.

Which block: the **last** ```dafny (or ```dfy) block; failing that, the last block
without a language; failing that (no fence at all), the whole text. Blocks in other
languages (```python, ```text) are never taken. Why the last and not the largest: a
reply that revises itself ("here is the original … here is the fixed version") puts
its final answer last, and the repair prompt asks for the whole program each time, so
an earlier, larger block is most often the stale one. A reply that is a Dafny program
whose fence lines all lie inside its own comments or strings is taken whole.

A closing fence is a line of backticks at least as long as the opening one, but inside
a Dafny block only where the program so far lexes cleanly: a line of backticks inside
a verbatim string or a block comment does not close the block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vericode.dafny.syntax.lexer import LexError, TokenKind, tokenize

_OPEN = re.compile(r"^[ \t]{0,3}(`{3,})[ \t]*([A-Za-z0-9_+.-]*)[^`\n]*$")
_CLOSE = re.compile(r"^[ \t]{0,3}(`{3,})[ \t]*$")
_DAFNY = frozenset({"dafny", "dfy"})


@dataclass(frozen=True)
class Fenced:
    """One fenced block: its language tag (lower case, may be empty) and exact content."""

    language: str
    code: str
    start_line: int
    """1-based line of the reply where the code starts."""


@dataclass(frozen=True)
class Extracted:
    """The program taken from a reply, and where in the reply it starts."""

    code: str
    start_line: int
    fenced: bool


def extract_program(reply: str) -> Extracted:
    """The Dafny program in ``reply`` (see the module docstring for which block)."""
    blocks = fenced_blocks(reply)
    if blocks and _fences_are_commented(reply):
        return Extracted(reply, 1, fenced=False)
    for wanted in (lambda b: b.language in _DAFNY, lambda b: b.language == ""):
        chosen = [b for b in blocks if wanted(b)]
        if chosen:
            return Extracted(chosen[-1].code, chosen[-1].start_line, fenced=True)
    if blocks:
        return Extracted("", 1, fenced=True)
    return Extracted(reply, 1, fenced=False)


def extract_code(reply: str) -> str:
    """Just the program text of ``extract_program``."""
    return extract_program(reply).code


def fenced_blocks(text: str) -> list[Fenced]:
    """Every fenced code block of ``text``, in order (an unclosed one runs to the end)."""
    lines = text.splitlines(keepends=True)
    blocks: list[Fenced] = []
    i = 0
    while i < len(lines):
        opening = _OPEN.match(lines[i].rstrip("\r\n"))
        if opening is None:
            i += 1
            continue
        fence, language = opening.group(1), opening.group(2).lower()
        end = _closing_line(lines, i + 1, fence, language in _DAFNY or not language)
        code = "".join(lines[i + 1 : end])
        blocks.append(Fenced(language, _drop_final_newline(code, end < len(lines)), i + 2))
        i = end + 1
    return blocks


def _closing_line(lines: list[str], start: int, fence: str, dafny: bool) -> int:
    """The index of the line closing a block opened with ``fence`` (len(lines) if none).

    In a Dafny block, the first fence where the code lexes cleanly; when there is none
    (the code itself is broken), the first fence at all.
    """
    first = len(lines)
    for j in range(start, len(lines)):
        closing = _CLOSE.match(lines[j].rstrip("\r\n"))
        if closing and len(closing.group(1)) >= len(fence):
            first = min(first, j)
            if not dafny or _lexes("".join(lines[start:j])):
                return j
    return first


def _lexes(code: str) -> bool:
    """Whether ``code`` ends outside any string or comment (so a fence there is real)."""
    try:
        tokenize(code)
    except LexError:
        return False
    return True


def _fences_are_commented(reply: str) -> bool:
    """Whether the reply is a Dafny program whose every fence line lies inside one of
    its comments or strings (a fence quoted in ``/* ... */`` is not markdown)."""
    try:
        tokens = tokenize(reply)
    except LexError:
        return False
    quoted = [(t.offset, t.end) for t in tokens
              if t.kind in (TokenKind.COMMENT, TokenKind.STRING)]
    offset, fences = 0, []
    for line in reply.splitlines(keepends=True):
        if _OPEN.match(line.rstrip("\r\n")) or _CLOSE.match(line.rstrip("\r\n")):
            fences.append(offset + len(line) - len(line.lstrip()))
        offset += len(line)
    return all(any(s <= f < e for s, e in quoted) for f in fences)


def _drop_final_newline(code: str, closed: bool) -> str:
    """The newline before a closing fence belongs to the fence line, not the program."""
    if closed and code.endswith("\n"):
        code = code[:-1]
        return code[:-1] if code.endswith("\r") else code
    return code
