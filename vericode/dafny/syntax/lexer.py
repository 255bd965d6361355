"""A lexer for Dafny source text.

It knows exactly the parts of Dafny's lexical grammar that matter to tools that
rewrite or inspect programs: comments (``//`` and nested ``/* */``), string
literals (``"…"`` with escapes and verbatim ``@"…"``), character literals, and
identifiers (which may contain ``'``, ``_`` and ``?``, so ``x'`` is a name, not the
start of a char). Everything else is a number or a punctuation token. The tokens
cover the text exactly: joining their ``text`` gives back the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum
from typing import NamedTuple


class TokenKind(Enum):
    """What a token is."""

    IDENT = "ident"
    NUMBER = "number"
    STRING = "string"
    CHAR = "char"
    COMMENT = "comment"
    SPACE = "space"
    PUNCT = "punct"


class Token(NamedTuple):
    """One token: its kind, its exact text, and where it starts.

    A NamedTuple rather than a frozen dataclass: programs have thousands of tokens and
    every candidate is lexed several times, so construction cost matters."""

    kind: TokenKind
    text: str
    offset: int
    line: int
    """1-based line of the first character."""
    column: int
    """1-based column of the first character."""

    @property
    def end(self) -> int:
        return self.offset + len(self.text)

    @property
    def is_trivia(self) -> bool:
        """Whitespace and comments: what a parser skips."""
        return self.kind in (TokenKind.SPACE, TokenKind.COMMENT)


_IDENT_START = re.compile(r"[A-Za-z_\u00C0-\uFFFF]")
_IDENT = re.compile(r"[A-Za-z_?\u00C0-\uFFFF][A-Za-z0-9_?'\u00C0-\uFFFF]*")
_NUMBER = re.compile(r"0x[0-9A-Fa-f_]+|[0-9][0-9_]*(?:\.[0-9][0-9_]*)?")
_SPACE = re.compile(r"\s+")
_CHAR = re.compile(r"'(?:\\u[0-9A-Fa-f]{4}|\\U\{[0-9A-Fa-f_]{1,8}\}|\\.|[^'\\\n])'")
_STRING = re.compile(r'"(?:\\.|[^"\\\n])*"')
_VERBATIM = re.compile(r'@"(?:""|[^"])*"')
_PUNCT = re.compile(
    r"<==>|==>|<==|::|:=|:\||:-|\.\.|==|!=|<=|>=|&&|\|\||!!|#\[|[-+*/%<>=!&|^~:;,.(){}\[\]@#'\"\\$`]"
)


class LexError(ValueError):
    """Text that is not Dafny at the lexical level (an unterminated comment or string)."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"{line}:{column}: {message}")
        self.message = message
        self.line = line
        self.column = column


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text``, trivia included; raises ``LexError`` on an open comment/string."""
    return list(_scan(text))


def _scan(text: str) -> Iterator[Token]:
    pos, line, col = 0, 1, 1
    while pos < len(text):
        kind, end = _next(text, pos, line, col)
        piece = text[pos:end]
        yield Token(kind, piece, pos, line, col)
        newlines = piece.count("\n")
        if newlines:
            line += newlines
            col = len(piece) - piece.rfind("\n")
        else:
            col += len(piece)
        pos = end


def _next(text: str, pos: int, line: int, col: int) -> tuple[TokenKind, int]:
    ch = text[pos]
    if ch.isspace():
        return TokenKind.SPACE, _match_end(_SPACE, text, pos)
    if text.startswith("//", pos):
        nl = text.find("\n", pos)
        return TokenKind.COMMENT, len(text) if nl < 0 else nl
    if text.startswith("/*", pos):
        return TokenKind.COMMENT, _block_comment_end(text, pos, line, col)
    if ch == '"' or text.startswith('@"', pos):
        pattern = _STRING if ch == '"' else _VERBATIM
        m = pattern.match(text, pos)
        if m is None:
            raise LexError("unterminated string literal", line, col)
        return TokenKind.STRING, m.end()
    if ch == "'":
        m = _CHAR.match(text, pos)
        if m is not None:
            return TokenKind.CHAR, m.end()
    if _IDENT_START.match(ch):
        return TokenKind.IDENT, _match_end(_IDENT, text, pos)
    if ch.isdigit():
        return TokenKind.NUMBER, _match_end(_NUMBER, text, pos)
    m = _PUNCT.match(text, pos)
    return TokenKind.PUNCT, m.end() if m else pos + 1


def _match_end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    m = pattern.match(text, pos)
    assert m is not None
    return m.end()


def _block_comment_end(text: str, pos: int, line: int, col: int) -> int:
    """Dafny block comments nest: ``/* a /* b */ c */`` is one comment."""
    depth, i = 0, pos
    while i < len(text):
        if text.startswith("/*", i):
            depth, i = depth + 1, i + 2
        elif text.startswith("*/", i):
            depth, i = depth - 1, i + 2
            if depth == 0:
                return i
        else:
            i += 1
    raise LexError("unterminated block comment", line, col)


def code_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens a parser sees: everything but whitespace and comments."""
    return [t for t in tokens if not t.is_trivia]
