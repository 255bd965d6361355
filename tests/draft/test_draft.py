"""`vericode draft`: a model writes the .spec, vericode reads and checks it.

The model is the real litellm client talking to a scripted server on 127.0.0.1; the
checks run through the real Dafny. Each test says what the model answered, what it
was told back, what the user sees and what was written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.llm.conftest import Serve
from tests.llm.scripted_server import ScriptedServer
from vericode.cli.main import main
from vericode.spec.parse import parse_spec_file

ROOT = Path(__file__).resolve().parents[2]
DESCRIPTION = "Return the absolute value of an integer x.\nNegative inputs become positive."
HEADER = ("// drafted by model openai/scripted from: Return the absolute value of an "
          "integer x.; review before use")

GOOD = """\
spec Abs
  "Return the absolute value of x."
  input x: int
  output y: int
  ensures: y is non-negative
  ensures: y == x or y == -x
  example: x = -3 -> y = 3
  example: x = 4 -> y = 4
  example: x = 0 -> y = 0
"""
TYPO = GOOD.replace("y is non-negative", "y is atleast 0")
"""Line 5 of the answer (7 of the file, under the header) does not parse."""
WRONG_EXAMPLE = GOOD.replace("x = -3 -> y = 3", "x = -3 -> y = -3")
"""Example 1 breaks `y is non-negative`: the example is wrong, not the clause."""


def fenced(spec: str) -> str:
    return f"Here is the spec:\n```spec\n{spec}```\n"


def draft(server: ScriptedServer, capsys: pytest.CaptureFixture[str],
          *flags: str) -> tuple[int, str, str]:
    code = main(["draft", DESCRIPTION, "--model", "openai/scripted", "--api-key", "test",
                 "--api-base", server.base_url, "--max-retries", "0", "--verifier", "local",
                 *flags])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_good_first_answer_is_checked_and_written_with_its_header(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([fenced(GOOD)])
    out_file = tmp_path / "abs.spec"
    code, out, _ = draft(server, capsys, "--out", str(out_file), "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["status"] == "passing" and data["written"] == str(out_file)
    assert [r["status"] for r in data["rounds"]] == ["passing"] and server.count == 1
    checks = data["report"]["specs"][0]["checks"]
    assert {c["kind"] for c in checks} >= {"ensures", "weak", "satisfiable"}
    assert all(c["status"] == "passed" for c in checks if c["kind"] != "scope")
    text = out_file.read_text(encoding="utf-8")
    first, second, *rest = text.splitlines()
    assert first == HEADER
    assert second.startswith("// checks: all ") and "passed (Dafny" in second
    assert "\n".join(rest) + "\n" == GOOD
    assert parse_spec_file(text).specs[0].name == "Abs"  # the written file reads back
    # what the model was shown: the language, the shipped examples, the description
    system, user = (m["content"] for m in server.requests[0].messages)
    assert "- is at least: `y is at least x`" in system and "```spec" in system
    assert "spec Clamp" in system and "spec KeepPositives" in system
    assert DESCRIPTION in user


def test_the_terminal_shows_the_draft_and_every_check(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([fenced(GOOD)])
    code, out, _ = draft(server, capsys)
    assert code == 0
    assert "round 1: passing" in out and HEADER in out
    assert "ok draft.spec:9: example 1 satisfies `ensures: y is non-negative`" in out
    assert "all checks pass" in out and "vericode solve draft.spec" in out
    assert "wrote" not in out


def test_a_syntax_error_goes_back_with_its_line_and_the_next_answer_is_taken(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([fenced(TYPO), fenced(GOOD)])
    out_file = tmp_path / "abs.spec"
    code, out, _ = draft(server, capsys, "--out", str(out_file), "--json")
    assert code == 0, out
    data = json.loads(out)
    assert [r["status"] for r in data["rounds"]] == ["unreadable", "passing"]
    repair = server.requests[1]
    assert [m["role"] for m in repair.messages] == ["system", "user", "assistant", "user"]
    assert "atleast" in repair.messages[2]["content"]  # the answer it repairs
    assert f"{out_file}:7:" in repair.prompt  # the error, at the file's line
    assert "   7 |   ensures: y is atleast 0" in repair.prompt  # the numbered file
    assert data["rounds"][0]["problems"][0].split("\n")[0] in repair.prompt
    assert out_file.read_text(encoding="utf-8").endswith(GOOD)


def test_a_header_the_model_copied_is_not_doubled(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([fenced(f"{HEADER}\n// checks: not run yet\n{GOOD}")])
    code, out, _ = draft(server, capsys, "--json")
    assert code == 0, out
    text = json.loads(out)["text"]
    assert text.count("// drafted by") == 1 and text.endswith(GOOD)


def test_a_wrong_example_fails_its_check_and_is_fixed(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([fenced(WRONG_EXAMPLE), fenced(GOOD)])
    code, out, _ = draft(server, capsys, "--json")
    assert code == 0, out
    rounds = json.loads(out)["rounds"]
    assert [r["status"] for r in rounds] == ["failing", "passing"]
    told = server.requests[1].prompt
    assert "these checks failed" in told
    assert re.search(r"draft\.spec:9: example 1 \(`x = -3 -> y = -3`\): its outputs break "
                     r"`ensures: y is non-negative`", told), told


def test_a_draft_that_still_fails_is_written_marked_failing(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([fenced(WRONG_EXAMPLE), fenced(TYPO)])
    out_file = tmp_path / "abs.spec"
    code, out, _ = draft(server, capsys, "--out", str(out_file), "--rounds", "2")
    assert code == 1 and server.count == 2
    text = out_file.read_text(encoding="utf-8")
    assert text.splitlines()[0] == HEADER
    assert text.splitlines()[1].startswith("// checks: FAILING")
    assert text.endswith(WRONG_EXAMPLE)  # the last draft that parsed, not the typo
    assert "FAILED" in out and "checks fail" in out


def test_no_parsable_answer_exits_2_with_the_last_error_at_its_place(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve(["I cannot write that.", fenced(TYPO), fenced(TYPO)])
    out_file = tmp_path / "abs.spec"
    code, out, _ = draft(server, capsys, "--out", str(out_file))
    assert code == 2 and server.count == 3
    assert not out_file.exists()
    assert "no answer parses after 3 round(s)" in out
    assert f"{out_file}:7:" in out and "atleast" in out and "^" in out
    assert "round 1: unreadable" in out and "round 3: unreadable" in out


def test_an_unreachable_model_exits_3(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([])
    server.close()  # nothing listens on its port any more
    out_file = tmp_path / "abs.spec"
    code, out, err = draft(server, capsys, "--out", str(out_file))
    assert code == 3 and out == "" and not out_file.exists()
    assert "connection refused" in err and server.base_url in err


def test_a_description_file_is_read(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([fenced(GOOD)])
    described = tmp_path / "abs.md"
    described.write_text(f"\n{DESCRIPTION}\n", encoding="utf-8")
    code = main(["draft", str(described), "--model", "openai/scripted", "--api-key", "test",
                 "--api-base", server.base_url, "--verifier", "local", "--json"])
    assert code == 0
    assert json.loads(capsys.readouterr().out)["text"].splitlines()[0] == HEADER
    assert DESCRIPTION in server.prompts[0]
    missing = main(["draft", str(tmp_path / "none.md"), "--model", "openai/scripted"])
    assert missing == 2 and "no such file" in capsys.readouterr().err


def test_the_shipped_examples_in_the_prompt_are_the_files_in_specs() -> None:
    template = ROOT / "vericode" / "spec" / "templates" / "draft_examples.md"
    blocks = re.findall(r"```spec\n(.*?)```", template.read_text(encoding="utf-8"), re.S)
    assert blocks == [(ROOT / "specs" / name).read_text(encoding="utf-8")
                      for name in ("clamp.spec", "keep_positives.spec")]
