"""The Dafny 4 -> legacy shim: what it rewrites, what it never touches, its position map."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vericode.dafny.syntax.dialect import to_legacy
from vericode.dafny.syntax.lexer import TokenKind, tokenize


def test_rewrites_declarations() -> None:
    src = ("function F(): int { 1 }\nghost function G(): int { 2 }\npredicate P() { true }\n"
           "ghost predicate Q() { true }\nstatic function H(): int { 3 }\n"
           "function method Old(): int { 4 }\ntwostate function T(): int { 5 }\n")
    assert to_legacy(src).text == (
        "function method F(): int { 1 }\n function G(): int { 2 }\n"
        "predicate method P() { true }\n predicate Q() { true }\n"
        "static function method H(): int { 3 }\nfunction method Old(): int { 4 }\n"
        "twostate function T(): int { 5 }\n")


def test_never_inside_comments_strings_or_chars() -> None:
    src = '// function f\n/* ghost function */ var s := "function"; var c := \'f\';\n'
    assert to_legacy(src).text == src


def test_positions_map_back_on_rewritten_lines() -> None:
    src = "function Div(x: int): int { 10 / x }\nghost function M(): int { 1 % 0 }"
    rewritten = to_legacy(src)
    for line, op in ((1, "/"), (2, "%")):
        new_col = rewritten.text.splitlines()[line - 1].index(op) + 1
        old_col = src.splitlines()[line - 1].index(op) + 1
        assert new_col != old_col
        assert rewritten.to_original(line, new_col) == (line, old_col)


_PIECES = st.sampled_from([
    "function", "predicate", "ghost", "method", "static", "twostate", "F", "x'", "(", ")", "{",
    "}", ":", "int", " ", "\n", "  ", "// function ghost\n", "/* predicate /* ghost */ */",
    '"function ghost"', "'f'", "'\\''", "lemma", "0", ";",
])
programs = st.lists(_PIECES, max_size=40).map("".join)


def _literals(text: str) -> list[str]:
    kept = (TokenKind.COMMENT, TokenKind.STRING, TokenKind.CHAR)
    return [t.text for t in tokenize(text) if t.kind in kept]


@given(programs)
def test_comments_strings_chars_survive_unchanged(text: str) -> None:
    assert _literals(to_legacy(text).text) == _literals(text)


@given(programs)
def test_line_map_is_exact(text: str) -> None:
    rewritten = to_legacy(text)
    assert rewritten.text.count("\n") == text.count("\n")
    original = tokenize(text)
    original_positions = {t.offset: (t.line, t.column) for t in original}
    for token in tokenize(rewritten.text):
        origin = rewritten.to_original_offset(token.offset)
        inserted = token.text in ("method", " ") and not text[origin:].startswith(token.text)
        if inserted:  # part of "function method", which maps into the original keyword
            holder = next(t for t in original if t.offset <= origin < t.end)
            assert holder.text in ("function", "predicate")
            continue
        assert text[origin:].startswith(token.text)
        if origin in original_positions:
            assert rewritten.to_original(token.line, token.column) == original_positions[origin]


@given(st.lists(_PIECES.filter(lambda p: p not in ("function", "predicate")), max_size=40))
def test_identity_without_the_keywords(pieces: list[str]) -> None:
    text = "".join(pieces)
    rewritten = to_legacy(text)
    if "function" in [t.text for t in tokenize(text)] or "predicate" in text.split():
        return
    assert rewritten.text == text
    assert not rewritten.changed
