"""What a user reads when a `.spec` file cannot be read: the place, the kind of line,
and a hint that names the fix (tabs, encodings, empty files, misspelt keywords)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vericode.api import read_spec_file as read_spec
from vericode.cli.main import main
from vericode.errors import BadInput, ExitCode
from vericode.settings import Settings
from vericode.spec.parse import parse_spec_file, read_spec_file

HEAD = "spec S\n  input x: int\n  output y: int\n"
VALID = HEAD + "  ensures: y == x\n  example: x = 1 -> y = 1\n"


def _error(text: str) -> str:
    with pytest.raises(BadInput) as caught:
        parse_spec_file(text, "bad.spec")
    assert caught.value.exit_code is ExitCode.BAD_INPUT
    return caught.value.message


def _lines(text: str) -> list[str]:
    return _error(text).splitlines()


# ---- 1. tabs ------------------------------------------------------------------------

def test_a_tab_is_shown_as_spaces_and_the_caret_sits_under_the_column() -> None:
    first, shown, caret, *_ = _lines(HEAD + "\tensures: y is atleast x\n")
    assert first == "bad.spec:4:16: cannot read this clause: unexpected `atleast`"
    assert "\t" not in shown and shown.endswith("    ensures: y is atleast x")
    assert caret.index("^") == shown.index("atleast")


def test_tabs_inside_a_line_move_the_caret_with_them() -> None:
    first, shown, caret, *_ = _lines(HEAD + "  ensures:\ty\tis atleast x\n")
    assert first.startswith("bad.spec:4:17: ")
    assert caret.index("^") == shown.index("atleast")


# ---- 2, 3. byte order mark, not UTF-8, missing file ------------------------------------

def test_a_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.spec"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    spec_file = read_spec_file(path)
    assert [s.name for s in spec_file.specs] == ["S"]
    assert spec_file.specs[0].line == 1 and not spec_file.text.startswith("\ufeff")


def test_the_model_path_drops_the_byte_order_mark_too(tmp_path: Path) -> None:
    path = tmp_path / "bom.spec"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    spec_file, formalized = read_spec(path, Settings(formalize="llm"))
    assert [s.name for s in spec_file.specs] == ["S"] and formalized == ()


def test_a_latin1_byte_is_an_error_at_its_line_and_character_column(tmp_path: Path) -> None:
    path = tmp_path / "latin.spec"
    path.write_bytes('spec S\n  "Caf\u00e9: a d\u00e9cor"\n'.encode("utf-8").replace(
        b"d\xc3\xa9cor", b"d\xe9cor") + b"  input x: int\n")
    with pytest.raises(BadInput) as caught:
        read_spec_file(path)
    first, shown, caret = caught.value.message.splitlines()
    assert first == (f"{path}:2:13: the file is not UTF-8 text (byte 0xe9 cannot be decoded); "
                     "save it as UTF-8")
    assert caret.index("^") == shown.index("\ufffd")


def test_a_latin1_file_exits_2_without_a_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin.spec"
    path.write_bytes(b"\xef\xbb\xbf" + HEAD.encode() + b"  // r\xe9sum\xe9\n")
    assert main(["formalize", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:4:7: the file is not UTF-8 text (byte 0xe9 cannot be decoded)" in err
    assert "save it as UTF-8" in err and "Traceback" not in err


def test_a_missing_file_is_still_no_such_file(tmp_path: Path) -> None:
    path = tmp_path / "none.spec"
    with pytest.raises(BadInput, match=r"none\.spec: no such file$"):
        read_spec_file(path)
    with pytest.raises(BadInput, match=r"none\.spec: no such file$"):
        read_spec(path, Settings(formalize="llm"))


# ---- 4. no spec at all ---------------------------------------------------------------

NO_SPEC = "no spec in this file: a spec starts with a line `spec NAME`"


@pytest.mark.parametrize("text", ["", "  \n\n\t\n", "// a comment\n// another comment\n",
                                  "\n   // indented comment, no newline at the end"])
def test_a_file_without_a_spec_says_so_at_1_1(text: str) -> None:
    assert _lines(text)[0] == f"bad.spec:1:1: {NO_SPEC}"


def test_no_spec_points_at_the_first_line_that_is_not_a_comment() -> None:
    message = _error("// notes\n\n   input x: int\n  ensures: x > 0\n")
    assert message.startswith(f"bad.spec:3:4: {NO_SPEC}")
    assert "--formalize llm" not in message


def test_no_spec_suggests_the_keyword_a_misspelt_header_meant() -> None:
    lines = _lines("// notes\nsepc S\n  input x: int\n")
    assert lines[0] == f"bad.spec:2:1: {NO_SPEC}"
    assert lines[-1] == 'did you mean "spec"?'


def test_the_cli_says_no_spec_for_a_comments_only_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notes.spec"
    path.write_text("// just notes\n// nothing else\n", encoding="utf-8")
    assert main(["formalize", str(path)]) == 2
    assert f"{path}:1:1: {NO_SPEC}" in capsys.readouterr().err


def test_comment_lines_before_between_and_after_specs_are_ignored() -> None:
    text = ("// before\n\n  // indented before\n" + VALID + "// between\n\n"
            + VALID.replace("spec S", "spec T").replace("ensures: y == x",
                                                        "ensures: y == x // trailing")
            + "  // inside\n  requires: x > 0\n// after\n// the end")
    specs = parse_spec_file(text, "ok.spec").specs
    assert [(s.name, s.line) for s in specs] == [("S", 4), ("T", 11)]
    assert [c.kind for c in specs[1].clauses] == ["ensures", "requires"]
    assert specs[1].clauses[0].text == "y == x"


def test_a_comment_after_a_broken_clause_is_not_the_error() -> None:
    first, _, caret, *hints = _lines(HEAD + "  ensures: y > x and // the largest note\n")
    assert first == "bad.spec:4:21: cannot read this clause: unexpected end of line"
    assert caret.endswith("^") and not any("note" in h for h in hints)


# ---- 5. the noun names the line ----------------------------------------------------------

@pytest.mark.parametrize(("text", "first"), [
    ("spec 1S\n  input x: int\n", "bad.spec:1:6: cannot read this spec header: unexpected `1`"),
    ("spec S\n  input x int\n", "bad.spec:2:11: cannot read this parameter: unexpected `int`"),
    ("spec S\n  output : int\n", "bad.spec:2:10: cannot read this parameter: unexpected `:`"),
    (HEAD + "  example: x = 1 y = 2\n",
     "bad.spec:4:18: cannot read this example: unexpected `y`"),
    ("spec S\n  input x: int\n  reads: 3\n",
     "bad.spec:3:10: cannot read this frame: unexpected `3`"),
    ("spec S\n  input x: int\n  modifies: 3\n",
     "bad.spec:3:13: cannot read this frame: unexpected `3`"),
    ("spec S\n  input x: int\n  bogus: stuff\n",
     "bad.spec:3:3: cannot read this line: unexpected `bogus`"),
    ('spec S\n  input x: int\n  "desc"\n',
     'bad.spec:3:3: cannot read this line: unexpected `"desc"`'),
    (HEAD + "  requires: x is atleast 0\n",
     "bad.spec:4:18: cannot read this clause: unexpected `atleast`"),
])
def test_the_message_names_the_kind_of_line(text: str, first: str) -> None:
    assert _lines(text)[0] == first


def test_a_line_with_no_close_keyword_lists_the_keywords() -> None:
    hint = _lines("spec S\n  input x: int\n  bogus: stuff\n")[-1]
    assert hint.startswith("a line of a spec starts with `spec`, `input`")
    assert hint.endswith("`modifies:` or `example:`")


def test_a_stray_description_line_says_where_a_description_goes() -> None:
    assert "goes right after the line `spec NAME`" in _error('spec S\n  input x: int\n  "d"\n')


# ---- 6. hints -----------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "column", "meant"), [
    ("  ensure: y == x", 3, "ensures:"),
    ("  requries: x > 0", 3, "requires:"),
    ("  exmaple: x = 1 -> y = 1", 3, "example:"),
    ("  inptu z: int", 3, "input"),
    ("  outptu z: int", 3, "output"),
    ("  modifes: a", 3, "modifies:"),
])
def test_a_misspelt_line_keyword_suggests_the_nearest_keyword(
        line: str, column: int, meant: str) -> None:
    lines = _lines(HEAD + line + "\n")
    assert lines[0].startswith(f"bad.spec:4:{column}: cannot read this line: unexpected `")
    assert lines[3:] == [f'did you mean "{meant}"?']


def test_a_clause_keyword_without_its_colon_says_how_a_clause_is_written() -> None:
    lines = _lines(HEAD + "  ensures y == x\n")
    assert lines[0] == "bad.spec:4:11: cannot read this clause: unexpected `y`"
    assert lines[3] == "a clause is written `ensures: …`, with a colon after `ensures`"


def test_an_example_without_its_colon_says_how_an_example_is_written() -> None:
    assert "an example is written `example: …`, with a colon" in _error(
        HEAD + "  example x = 1 -> y = 1\n")


def test_an_empty_clause_says_it_is_empty() -> None:
    lines = _lines(HEAD + "  requires:   // to do\n  ensures: y == x\n")
    assert lines[0] == "bad.spec:4:12: cannot read this clause: unexpected end of line"
    assert lines[3].startswith("the clause is empty: write the condition after `requires:`")
    assert not any("--formalize llm" in line or "did you mean" in line for line in lines)


def test_an_example_without_an_arrow_shows_the_form_of_an_example() -> None:
    lines = _lines(HEAD + "  example: x = 1\n")
    assert lines[0] == "bad.spec:4:17: cannot read this example: unexpected end of line"
    assert lines[3] == ("an example is written `example: inputs -> outputs`, "
                        "e.g. `x = 1 -> y = 2`")


def test_an_unclosed_parenthesis_is_named_with_its_column() -> None:
    lines = _lines(HEAD + "  ensures: (y > x and y > 0\n")
    assert lines[0] == "bad.spec:4:28: cannot read this clause: unexpected end of line"
    assert lines[3] == "the ( at column 12 is never closed"
    assert not any("did you mean" in line for line in lines)


def test_a_closed_parenthesis_or_one_in_a_string_is_not_named() -> None:
    assert "never closed" not in _error(HEAD + "  ensures: (y > x) and y atleast 0\n")
    message = _error('spec S\n  input s: string\n  output y: int\n'
                     '  ensures: s == "(" and y atleast 0\n')
    assert "never closed" not in message


def test_an_unclosed_parenthesis_keeps_the_phrases_for_a_word_inside_it() -> None:
    lines = _lines(HEAD + "  ensures: (y is atleast x\n")
    assert lines[0] == "bad.spec:4:18: cannot read this clause: unexpected `atleast`"
    assert "the ( at column 12 is never closed" in lines
    assert any('"is at least"' in line for line in lines)


def test_phrases_are_still_suggested_inside_a_clause() -> None:
    lines = _lines(HEAD + "  ensures: y is atleast x\n")
    assert lines[3] == 'did you mean: "is at least", "has at least", "is at most"?'
    assert lines[4].startswith("(or let a model write this clause in Dafny")


def test_the_cli_prints_the_keyword_hint_and_exits_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "typo.spec"
    path.write_text(HEAD + "  ensure: y == x\n", encoding="utf-8")
    assert main(["formalize", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:4:3: cannot read this line: unexpected `ensure`" in err
    assert 'did you mean "ensures:"?' in err
