"""Canonical text: one reading of bytes for every entry point, and what it refuses."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vericode.dafny.run.verifier import LocalVerifier
from vericode.errors import BadInput
from vericode.files.text import (
    CANDIDATE_BYTES,
    BadText,
    canonical,
    hash_lines,
    read_named,
    read_text,
)
from vericode.problem.corpus import load_corpus, load_problem
from vericode.problem.tagged import load_tagged
from vericode.seams import Verdict
from vericode.spec.parse import read_spec_file

FIXTURES = Path(__file__).parent.parent / "fixtures"
SUM_TO = (FIXTURES / "problems" / "sum_to.dfy").read_text(encoding="utf-8")

LINE = st.text(st.characters(blacklist_characters="\r\n\x00", blacklist_categories=("Cs",)))
ENDS = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def texts_with_line_ends(draw: st.DrawFn) -> tuple[list[str], str]:
    """Lines, and the same lines joined by random line ends, maybe after a BOM. An
    empty line between a lone ``\\r`` and a ``\\n`` would read as one ``\\r\\n``, so the
    end after a lone ``\\r`` is never a bare ``\\n`` there."""
    lines = draw(st.lists(LINE, min_size=1, max_size=8))
    if lines[0].startswith("\ufeff"):
        lines[0] = "x" + lines[0]
    joined, previous = "", ""
    for i, line in enumerate(lines):
        joined += line
        if i < len(lines) - 1:
            end = draw(ENDS)
            if previous == "\r" and end == "\n" and line == "":
                end = "\r"
            joined, previous = joined + end, end
    bom = draw(st.booleans())
    return lines, ("\ufeff" if bom else "") + joined


@given(texts_with_line_ends())
def test_line_ends_and_a_bom_read_as_plain_lines(case: tuple[list[str], str]) -> None:
    lines, raw = case
    text = canonical(raw, "t")
    assert text == "\n".join(lines)
    assert "\r" not in text
    assert canonical(raw.encode("utf-8"), "t") == text
    assert canonical(text, "t") == text


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_any_text_reads_without_a_carriage_return(raw: str) -> None:
    text = canonical(raw, "t")
    assert "\r" not in text
    assert text.count("\n") == raw.count("\n") + raw.count("\r") - raw.count("\r\n")


@pytest.mark.parametrize("data, line, column", [
    (b"ab\xffc", 1, 3),
    (b"\xef\xbb\xbfab\r\nc\xc3\xa9d\xffz", 2, 4),  # the BOM is no column, é is one
    (b"a\rb\rc\r\n\n  \xe9t\xe9\n", 5, 3),  # lone \r ends a line, as Dafny reads it
    (b"ok\n\xed\xa0\x80", 2, 1),  # an encoded surrogate is not UTF-8
    (b"x\xc3", 1, 2),  # cut off in the middle of a character
])
def test_a_bad_byte_is_named_at_its_line_and_column(data: bytes, line: int, column: int) -> None:
    with pytest.raises(BadText) as caught:
        canonical(data, "p.dfy")
    byte = data[len(data.split(b"\xff")[0])] if b"\xff" in data else None
    assert (caught.value.line, caught.value.column) == (line, column)
    assert caught.value.message.startswith(f"p.dfy:{line}:{column}: the file is not UTF-8 text")
    if byte is not None:
        assert "byte 0xff" in caught.value.message
    assert caught.value.text.split("\n")[line - 1][column - 1] == "\ufffd"


def test_nul_and_lone_surrogates_are_refused_where_they_are() -> None:
    with pytest.raises(BadText, match=r"^c\.dfy:3:5: a NUL character"):
        canonical(b"a\r\nb\r\n    \x00", "c.dfy")
    with pytest.raises(BadText, match=r"^j:2:2: not Unicode text \(a lone surrogate U\+D83D\)"):
        canonical("x\ny\ud83d", "j")


def test_hash_lines_are_the_lines_dafny_preprocesses() -> None:
    text = "a\n#if X\n  \t#else\n\f#endif\r\u00a0#line 3\r\nb // #if\n  x#y\n#"
    assert hash_lines(text) == [2, 3, 4, 5, 8]
    assert hash_lines("") == [] and hash_lines("method M() {}\n") == []


# --- read_text: only regular files, and not too large ---------------------------------------


def quickly_refused(path: Path, match: str) -> None:
    started = time.monotonic()
    with pytest.raises(BadInput, match=match):
        read_text(path, str(path), CANDIDATE_BYTES)
    assert time.monotonic() - started < 1.0


def test_a_fifo_a_device_and_a_folder_are_refused_before_opening(tmp_path: Path) -> None:
    fifo = tmp_path / "p.dfy"
    os.mkfifo(fifo)
    quickly_refused(fifo, r"p\.dfy: not a regular file \(a named pipe\)")
    quickly_refused(Path("/dev/zero"), r"^/dev/zero: not a regular file \(a character device\)")
    quickly_refused(tmp_path, r"not a regular file \(a folder\)")


def test_a_file_over_the_cap_is_refused_naming_the_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.dfy"
    big.write_bytes(b"// x\n" * (CANDIDATE_BYTES // 5 + 1))
    quickly_refused(big, r"big\.dfy: larger than the 1 MB limit for this input")
    big.write_bytes(b"// x\n" * (CANDIDATE_BYTES // 5))
    assert len(read_text(big, "big", CANDIDATE_BYTES)) == CANDIDATE_BYTES


def test_a_missing_name_is_no_such_file(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"nope\.dfy: no such file$"):
        read_named(str(tmp_path / "nope.dfy"), CANDIDATE_BYTES)


# --- the loaders use it -----------------------------------------------------------------------


def test_a_crlf_problem_loads_as_its_lf_twin(tmp_path: Path) -> None:
    crlf = tmp_path / "sum_to.dfy"
    crlf.write_bytes(b"\xef\xbb\xbf" + SUM_TO.replace("\n", "\r\n").encode())
    problem = load_tagged(crlf)
    assert problem.text == SUM_TO
    assert [p.name for p in problem.parts] == ["preamble", "helpers", "spec", "code"]


def test_a_latin1_problem_is_an_error_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "latin.dfy"
    path.write_bytes(SUM_TO.replace("Sum the", "R\xe9sum\xe9 the").encode("latin-1"))
    with pytest.raises(BadText, match=rf"^{path}:2:5: the file is not UTF-8 text \(byte 0xe9"):
        load_problem(path)


@pytest.mark.parametrize("directive", ["#if false", "  #endif", "\t#line 1 \"x\"", "#define X"])
def test_a_hash_line_in_frozen_text_is_a_load_error(directive: str, tmp_path: Path) -> None:
    path = tmp_path / "p.dfy"
    path.write_text(SUM_TO.replace("  ensures s == SumTo(n)\n",
                                   f"  ensures s == SumTo(n)\n{directive}\n"))
    with pytest.raises(BadInput, match=rf"^{path}:19: a line starting with `#` is a "
                                       "preprocessor directive"):
        load_tagged(path)


def test_a_hash_line_in_a_slot_is_the_candidates_business(tmp_path: Path) -> None:
    path = tmp_path / "p.dfy"
    path.write_text(SUM_TO.replace("// <vc-code>\n{\n", "// <vc-code>\n{\n#if X\n#endif\n"))
    assert load_tagged(path).id == "p"


def test_jsonl_fields_are_canonical_and_checked(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    good = {"id": "A", "vc-spec": "method M()\r\n  ensures true\r", "vc-code": "{\r\n}"}
    corpus.write_bytes(json.dumps(good).encode() + b"\r\n")
    [problem] = load_corpus(corpus)
    assert "\r" not in problem.text and "method M()\n  ensures true\n" in problem.text
    bad = {**good, "id": "B", "vc-postamble": "\n\n  #else"}
    corpus.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n")
    with pytest.raises(BadInput, match=rf"^{corpus}:2: vc-postamble, line 3: a line starting"):
        load_corpus(corpus)
    nul = {**good, "vc-spec": "method M()\n  ensures\u0000 true"}
    corpus.write_text(json.dumps(nul) + "\n")
    with pytest.raises(BadText, match=rf"^{corpus}:1 \(vc-spec\):2:10: a NUL character"):
        load_corpus(corpus)


def test_a_non_utf8_corpus_names_the_line(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(b'{"id": "A"}\n{"id": "caf\xe9"}\n')
    with pytest.raises(BadText, match=rf"^{corpus}:2:12: the file is not UTF-8 text"):
        load_corpus(corpus)


def test_a_spec_with_a_nul_shows_the_line_with_a_caret(tmp_path: Path) -> None:
    path = tmp_path / "nul.spec"
    path.write_bytes(b"spec S\r\n  input x: int\r\n  ensures: x\x00 > 0\r\n")
    with pytest.raises(BadInput) as caught:
        read_spec_file(path)
    first, shown, caret = caught.value.message.splitlines()
    assert first.startswith(f"{path}:3:13: a NUL character")
    assert caret.index("^") == shown.index("\x00")


# --- the lines hash_lines finds are the lines Dafny 2.3 preprocesses -----------------------


@pytest.mark.parametrize("blank", ["", "  ", "\t", "\f", "\u00a0"])
def test_dafny_hides_code_behind_the_lines_hash_lines_finds(
        blank: str, verifier: LocalVerifier) -> None:
    honest = "method M(x: int) returns (y: int)\n  ensures y == x\n{\n  y := x;\n  y := y + 1;\n}\n"
    hidden = honest.replace("  y := y + 1;\n", f"{blank}#if NOPE\n  y := y + 1;\n#endif\n")
    assert hash_lines(hidden) == [5, 7]
    assert verifier.verify(honest, "m.dfy").verdict is Verdict.FAILED
    assert verifier.verify(hidden, "m.dfy").verdict is Verdict.VERIFIED, "the preprocessor at work"
