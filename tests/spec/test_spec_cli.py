"""`vericode formalize` as a user runs it: exit codes, messages that point at lines,
and --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vericode.cli.main import main

GOOD = """\
spec Abs
  input x: int
  output y: int
  ensures: y is non-negative
  ensures: y == x or y == -x
  example: x = -3 -> y = 3
"""


def _run(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str],
         *flags: str) -> tuple[int, str, str]:
    path = tmp_path / "case.spec"
    path.write_text(text, encoding="utf-8")
    code = main(["formalize", str(path), *flags])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_clean_spec_exits_0_and_prints_the_skeleton(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(tmp_path, GOOD, capsys)
    assert code == 0
    assert "method Abs(x: int) returns (y: int)" in out
    assert "ensures y >= 0" in out and "all checks pass" in out


def test_a_wrong_example_exits_1_and_points_at_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(tmp_path, GOOD.replace("y = 3", "y = -3"), capsys)
    assert code == 1
    assert "case.spec:6: example 1 (`x = -3 -> y = -3`): its outputs break " \
           "`ensures: y is non-negative` (line 4)" in out


def test_a_weak_spec_exits_1_with_the_wrong_output_in_json(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    weak = GOOD.replace("  ensures: y == x or y == -x\n", "")
    code, out, _ = _run(tmp_path, weak, capsys, "--json")
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False and data["specs"][0]["weak"] is True
    (check,) = [c for c in data["specs"][0]["checks"] if c["status"] == "failed"]
    assert check["kind"] == "weak" and check["line"] == 5
    assert check["wrong_output"] in ({"y": "0"}, {"y": "4"}, {"y": "2"})
    assert data["specs"][0]["clauses"] == [
        {"kind": "ensures", "text": "y is non-negative", "dafny": "y >= 0", "line": 4,
         "formalized_by": None}]


def test_a_misspelt_phrase_exits_2_with_file_line_column(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(tmp_path, GOOD.replace("is non-negative", "is nonegative"), capsys)
    assert code == 2 and out == ""
    assert "case.spec:4:17: unknown name `nonegative`" in err
    assert 'did you mean the phrase "is non-negative"' in err


def test_an_unknown_name_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(tmp_path, GOOD.replace("y == x or", "z == x or"), capsys)
    assert code == 2 and "case.spec:5:12: unknown name `z`" in err


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formalize", str(tmp_path / "none.spec")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_an_unreadable_clause_exits_2_with_the_phrases_it_could_mean(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(tmp_path, GOOD.replace("is non-negative", "is atleast 0"), capsys)
    assert code == 2 and out == ""
    assert "case.spec:4:17: cannot read this clause: unexpected `atleast`" in err
    assert '"is at least"' in err and "ensures: y is atleast 0" in err


def test_a_define_block_dafny_rejects_exits_2_at_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ("spec S\n  input x: int\n  output y: bool\n  define:\n\n"
            "    ghost function F(k: int): bool { k }\n  ensures: y == F(x)\n"
            "  example: x = 1 -> y = true\n")
    code, _, err = _run(tmp_path, text, capsys)
    assert code == 2
    assert "case.spec:6: Dafny rejects this: Function body type mismatch" in err


def test_json_gets_an_object_on_stdout_even_for_an_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(tmp_path, GOOD.replace("is non-negative", "is atleast 0"), capsys,
                          "--json")
    assert code == 2
    data = json.loads(out)
    assert data["ok"] is False and data["exit_code"] == 2
    assert data["error"].startswith(f"{tmp_path / 'case.spec'}:4:17: cannot read this clause")
    assert "case.spec:4:17" in err
