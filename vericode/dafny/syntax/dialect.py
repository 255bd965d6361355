"""The dialect shim: Dafny 4 syntax in, legacy (Dafny 2.x/3.x) syntax out.

vericode writes and reads programs in Dafny 4 syntax, where ``function`` and
``predicate`` are compiled and ``ghost function``/``ghost predicate`` are
specification-only. Legacy Dafny spells these ``function method`` and ``function``.
The rewrite works on tokens, so it never touches comments, strings or chars, and it
keeps a map from every position of the rewritten text back to the original, so a
verifier message about the rewritten program points at the user's own text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from vericode.dafny.syntax.lexer import LexError, Token, TokenKind, tokenize

_DECL_KEYWORDS = frozenset({"function", "predicate"})
_SKIPPED_MODIFIERS = frozenset({"static", "protected", "abstract", "opaque"})
_ALREADY_GHOST = frozenset({"twostate", "least", "greatest", "inductive", "copredicate"})


@dataclass(frozen=True)
class Edit:
    """Replace ``length`` characters at ``offset`` of the original by ``text``."""

    offset: int
    length: int
    text: str


@dataclass(frozen=True)
class Rewritten:
    """A rewritten program and the way back to the original's positions."""

    original: str
    text: str
    edits: tuple[Edit, ...]
    _new_starts: list[int] = field(default_factory=list, repr=False)
    _orig_starts: list[int] = field(default_factory=list, repr=False)
    _new_lines: list[int] = field(default_factory=list, repr=False)
    _orig_lines: list[int] = field(default_factory=list, repr=False)

    @property
    def changed(self) -> bool:
        return bool(self.edits)

    def to_original_offset(self, offset: int) -> int:
        """The original offset of a character of the rewritten text.

        Characters of a rewritten keyword (``function method``) map into the original
        keyword (``function``).
        """
        i = bisect.bisect_right(self._new_starts, offset) - 1
        if i < 0:
            return offset
        edit = self.edits[i]
        new_start, orig_start = self._new_starts[i], self._orig_starts[i]
        new_end = new_start + len(edit.text)
        if offset < new_end:
            return orig_start + min(offset - new_start, max(edit.length - 1, 0))
        return orig_start + edit.length + (offset - new_end)

    def to_original(self, line: int, column: int) -> tuple[int, int]:
        """Map a 1-based (line, column) of the rewritten text to the original text."""
        offset = _offset_of(self._new_lines, len(self.text), line, column)
        orig = self.to_original_offset(offset)
        return _position_of(self._orig_lines, orig)


def to_legacy(text: str) -> Rewritten:
    """Rewrite Dafny 4 declarations into legacy syntax, keeping a position map."""
    edits = _legacy_edits(tokenize(text))
    return _apply(text, edits)


def for_verifier(text: str, legacy: bool) -> Rewritten:
    """The text a verifier of that flavour reads. Text that does not even lex (an open
    comment or string) is passed on unchanged, so the verifier reports the error."""
    if not legacy:
        return identity(text)
    try:
        return to_legacy(text)
    except LexError:
        return identity(text)


def identity(text: str) -> Rewritten:
    """No rewrite (for a Dafny 4 verifier): positions map to themselves."""
    return _apply(text, [])


def _legacy_edits(tokens: list[Token]) -> list[Edit]:
    code = [t for t in tokens if not t.is_trivia]
    edits: list[Edit] = []
    for i, tok in enumerate(code):
        if tok.kind is not TokenKind.IDENT or tok.text not in _DECL_KEYWORDS:
            continue
        if i + 1 < len(code) and code[i + 1].text == "method":
            continue  # already legacy syntax
        j = i - 1
        while j >= 0 and code[j].text in _SKIPPED_MODIFIERS:
            j -= 1
        before = code[j].text if j >= 0 else ""
        if before == "ghost":
            edits.append(Edit(code[j].offset, len(code[j].text), ""))
        elif before not in _ALREADY_GHOST:
            edits.append(Edit(tok.offset, len(tok.text), f"{tok.text} method"))
    edits.sort(key=lambda e: e.offset)
    return edits


def _apply(text: str, edits: list[Edit]) -> Rewritten:
    parts: list[str] = []
    new_starts: list[int] = []
    orig_starts: list[int] = []
    pos, new_len = 0, 0
    for edit in edits:
        parts.append(text[pos : edit.offset])
        new_len += edit.offset - pos
        new_starts.append(new_len)
        orig_starts.append(edit.offset)
        parts.append(edit.text)
        new_len += len(edit.text)
        pos = edit.offset + edit.length
    parts.append(text[pos:])
    new_text = "".join(parts)
    return Rewritten(
        original=text,
        text=new_text,
        edits=tuple(edits),
        _new_starts=new_starts,
        _orig_starts=orig_starts,
        _new_lines=_line_starts(new_text),
        _orig_lines=_line_starts(text),
    )


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    return starts


def _offset_of(line_starts: list[int], length: int, line: int, column: int) -> int:
    line = min(max(line, 1), len(line_starts))
    offset = line_starts[line - 1] + max(column, 1) - 1
    return min(offset, length)


def _position_of(line_starts: list[int], offset: int) -> tuple[int, int]:
    i = bisect.bisect_right(line_starts, offset) - 1
    return i + 1, offset - line_starts[i] + 1
