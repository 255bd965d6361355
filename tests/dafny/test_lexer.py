"""The lexer: comments (nested), strings, verbatim strings, chars vs primed names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vericode.dafny.syntax.lexer import LexError, TokenKind, tokenize


def kinds(text: str) -> list[tuple[TokenKind, str]]:
    return [(t.kind, t.text) for t in tokenize(text) if t.kind is not TokenKind.SPACE]


def test_nested_block_comment_is_one_token() -> None:
    assert kinds("/* a /* b */ c */ x") == [(TokenKind.COMMENT, "/* a /* b */ c */"),
                                           (TokenKind.IDENT, "x")]


def test_primed_identifier_is_not_a_char() -> None:
    assert kinds("x' := 'a';") == [
        (TokenKind.IDENT, "x'"), (TokenKind.PUNCT, ":="), (TokenKind.CHAR, "'a'"),
        (TokenKind.PUNCT, ";")]


@pytest.mark.parametrize("literal", [r"'\''", r"'\\'", r"'\n'", r"'\u0041'", "'\"'"])
def test_char_literals(literal: str) -> None:
    assert kinds(f"c := {literal};")[2] == (TokenKind.CHAR, literal)


def test_strings_with_escapes_and_verbatim() -> None:
    text = r'var s := "a \" // not a comment"; var v := @"x "" /* y";'
    strings = [t for k, t in kinds(text) if k is TokenKind.STRING]
    assert strings == [r'"a \" // not a comment"', '@"x "" /* y"']


def test_positions_are_one_based() -> None:
    tokens = [t for t in tokenize("a\n  bc") if t.kind is TokenKind.IDENT]
    assert [(t.line, t.column) for t in tokens] == [(1, 1), (2, 3)]


@pytest.mark.parametrize("text, line, column", [("x /* open", 1, 3), ('\n  s := "abc', 2, 8)])
def test_unterminated_reports_where_it_starts(text: str, line: int, column: int) -> None:
    with pytest.raises(LexError) as info:
        tokenize(text)
    assert (info.value.line, info.value.column) == (line, column)


@given(st.text(alphabet=st.sampled_from(list("ab'\"/*\\ \n{}x1@u"))))
def test_tokens_cover_the_text_exactly(text: str) -> None:
    try:
        tokens = tokenize(text)
    except LexError:
        return
    assert "".join(t.text for t in tokens) == text
    assert all(text[t.offset : t.end] == t.text for t in tokens)
