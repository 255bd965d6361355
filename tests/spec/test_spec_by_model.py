"""`--formalize llm`: clauses the grammar cannot read, formalized by a model.

The model is the real litellm client talking to a scripted server on 127.0.0.1; the
checks and the skeletons run through the real Dafny. Each test says what the model
answered and what the user sees: the clause shown for review and marked in the
skeleton, bad answers sent back with their reason, and errors at the clause's line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.llm.conftest import MakeModel, Serve
from tests.llm.scripted_server import Status
from vericode.api import load_any
from vericode.cli.main import main
from vericode.dafny.run.verifier import LocalVerifier
from vericode.seams import Verdict
from vericode.settings import Settings

MAX = """\
spec MaxElement
  "Return the largest element of a non-empty sequence."
  input a: seq<int>
  output m: int
  requires: a is not empty
  ensures: m is in a
  ensures: no element of a is huger than m in any way
  example: a = [3, 7, 2] -> m = 7
  example: a = [-1] -> m = -1
"""
"""Line 7 is English the grammar cannot read (`huger`)."""
UPPER = "forall i :: 0 <= i < |a| ==> a[i] <= m"
FENCED = f"Here is the clause:\n```dafny\n{UPPER}\n```\n"
MARK = "// formalized by model (openai/scripted): no element of a is huger than m in any way"

BODY = """
{
  m := a[0];
  var i := 1;
  while i < |a|
    invariant 1 <= i <= |a|
    invariant m in a[..i]
    invariant forall j :: 0 <= j < i ==> a[j] <= m
  {
    if a[i] > m {
      m := a[i];
    }
    i := i + 1;
  }
  assert a[..i] == a;
}
"""
WRONG_BODY = "\n{\n  m := a[0];\n}\n"


def formalize(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, base_url: str,
              *flags: str) -> tuple[int, str, str]:
    path = tmp_path / "max.spec"
    path.write_text(text, encoding="utf-8")
    code = main(["formalize", str(path), "--formalize", "llm", "--model", "openai/scripted",
                 "--api-key", "test", "--api-base", base_url, "--max-retries", "0",
                 "--verifier", "local", *flags])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_unreadable_clause_is_formalized_shown_and_marked(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        verifier: LocalVerifier) -> None:
    server = serve([FENCED])
    code, out, _ = formalize(tmp_path, capsys, MAX, server.base_url, "--json")
    assert code == 0, out
    data = json.loads(out)
    (record,) = data["formalized"]
    assert (record["line"], record["column"], record["kind"]) == (7, 12, "ensures")
    assert record["answer"] == UPPER and record["answers"] == 1
    assert record["prompt_tokens"] == 100 and record["completion_tokens"] == 50
    spec = data["specs"][0]
    assert [c["formalized_by"] for c in spec["clauses"]] == [None, None, "openai/scripted"]
    assert spec["clauses"][2]["dafny"] == UPPER
    skeleton = spec["skeleton"]
    assert f"  {MARK}\n  ensures {UPPER}" in skeleton
    assert MARK in spec["tagged"]
    assert {c["kind"] for c in spec["checks"]} >= {"requires", "ensures", "weak"}
    assert all(c["status"] == "passed" for c in spec["checks"])
    # what the model was shown: the spec as read so far and the words to formalize
    prompt = server.prompts[0]
    assert "- a: seq<int> (input)" in prompt and "- m: int (output)" in prompt
    assert "ensures m in a  // m is in a" in prompt and "requires |a| > 0" in prompt
    assert "line 7 of" in prompt and "no element of a is huger than m in any way" in prompt
    # the clause means what it should: a right body verifies, a wrong one does not
    assert verifier.verify(skeleton.rstrip() + BODY).verdict is Verdict.VERIFIED
    wrong = verifier.verify(skeleton.rstrip() + WRONG_BODY)
    assert wrong.verdict is Verdict.FAILED
    assert any("postcondition" in d.message for d in wrong.diagnostics)


def test_the_terminal_shows_each_formalized_clause_for_review(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([FENCED])
    code, out, _ = formalize(tmp_path, capsys, MAX, server.base_url)
    assert code == 0
    assert "formalized by model openai/scripted" in out
    assert f"→ {UPPER}" in out and "Review these" in out
    assert "all checks pass" in out


def test_bad_answers_go_back_with_their_reason_until_one_fits(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([
        "```dafny\nm is the biggest\n```",                      # does not parse
        "```dafny\nevery element of a is at most m\n```",       # English, not Dafny
        "```dafny\nforall i :: 0 <= i < |a| ==> a[i] <= q\n```",  # an unknown name
        "```dafny\nforall i :: 0 <= i < |a| ==> a[i] + m\n```",   # not a condition
        f"```dafny\nensures {UPPER};\n```",                      # keyword and ; tolerated
    ])
    code, out, _ = formalize(tmp_path, capsys, MAX, server.base_url, "--json")
    assert code == 0, out
    assert server.count == 5
    (record,) = json.loads(out)["formalized"]
    assert record["answers"] == 5 and record["answer"] == UPPER
    repairs = server.prompts[1:]
    assert "cannot read this clause: unexpected `biggest`" in repairs[0]
    assert "is English, not Dafny" in repairs[1]
    assert "unknown name `q`" in repairs[2]
    assert "a condition needs bool" in repairs[3]
    # each repair carries the answer it repairs, not the whole history
    last = server.requests[-1].messages
    assert [m["role"] for m in last] == ["system", "user", "assistant", "user"]
    assert "a[i] + m" in last[2]["content"]


def test_a_clause_no_answer_fits_is_an_error_at_its_line(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve(["no idea", "```dafny\nm is big\n```"])
    code, out, err = formalize(tmp_path, capsys, MAX, server.base_url, "--attempts", "2")
    assert code == 2 and out == ""
    assert "max.spec:7:12: the model (openai/scripted) gave no usable Dafny" in err
    assert "in 2 answer(s)" in err and "its last answer `m is big`" in err
    assert "the grammar could not read it: cannot read this clause" in err
    assert server.count == 2


def test_a_model_that_weakens_the_clause_is_caught_by_the_probe(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    weak = MAX.replace("  ensures: m is in a\n", "")
    server = serve(["```dafny\ntrue\n```"])
    code, out, _ = formalize(tmp_path, capsys, weak, server.base_url, "--json")
    assert code == 1
    data = json.loads(out)
    assert data["specs"][0]["weak"] is True
    assert data["formalized"][0]["answer"] == "true"


def test_an_unreachable_model_exits_3(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([Status(500, body="upstream broke")])
    code, out, err = formalize(tmp_path, capsys, MAX, server.base_url)
    assert code == 3 and out == ""
    assert "500" in err or "upstream broke" in err


def test_no_model_configured_names_the_clause_that_needs_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VERICODE_MODEL", raising=False)
    path = tmp_path / "max.spec"
    path.write_text(MAX, encoding="utf-8")
    code = main(["formalize", str(path), "--formalize", "llm"])
    _, err = capsys.readouterr()
    assert code == 2
    assert "max.spec:7:12: --formalize llm sends this clause to a model" in err
    assert "no model configured" in err


def test_without_the_flag_the_error_suggests_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "max.spec"
    path.write_text(MAX, encoding="utf-8")
    code = main(["formalize", str(path)])
    _, err = capsys.readouterr()
    assert code == 2
    assert "max.spec:7:31: cannot read this clause: unexpected `huger`" in err
    assert "--formalize llm" in err


def test_a_readable_spec_never_calls_the_model(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([])  # any request would get 500 "script exhausted"
    readable = MAX.replace("no element of a is huger than m in any way",
                           "every element of a is at most m")
    code, out, _ = formalize(tmp_path, capsys, readable, server.base_url, "--json")
    assert code == 0
    assert json.loads(out)["formalized"] == [] and server.count == 0


def test_an_error_outside_a_clause_stays_an_error(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([FENCED])
    broken = MAX.replace("input a: seq<int>", "input a: sequence of ints")
    code, _, err = formalize(tmp_path, capsys, broken, server.base_url)
    assert code == 2 and "max.spec:3:" in err
    assert server.count == 0


def test_a_second_run_answers_from_the_reply_cache(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([FENCED])
    first, _, _ = formalize(tmp_path, capsys, MAX, server.base_url)
    code, out, _ = formalize(tmp_path, capsys, MAX, server.base_url)
    assert first == code == 0 and server.count == 1
    assert "cached reply" in out


def test_several_gaps_are_formalized_in_line_order(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    two = MAX.replace("ensures: m is in a", "ensures: m shows up somewhere in a")
    server = serve({"line 6 of": ["```dafny\nm in a\n```"], "line 7 of": [FENCED]})
    code, out, _ = formalize(tmp_path, capsys, two, server.base_url, "--json")
    assert code == 0, out
    data = json.loads(out)
    assert [r["line"] for r in data["formalized"]] == [6, 7]
    # the second prompt already shows the first clause as formalized
    assert "ensures m in a  // m shows up somewhere in a" in server.prompts[1]
    assert data["specs"][0]["skeleton"].count("formalized by model") == 2


def test_solve_reads_a_spec_with_the_model_too(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program = ("```dafny\nmethod MaxElement(a: seq<int>) returns (m: int)" + BODY + "```")
    server = serve({"Formalize this": [FENCED], "": [program]})
    path = tmp_path / "max.spec"
    path.write_text(MAX, encoding="utf-8")
    run = tmp_path / "run"
    code = main(["solve", str(path), "--formalize", "llm", "--model", "openai/scripted",
                 "--api-key", "test", "--api-base", server.base_url, "--max-retries", "0",
                 "--verifier", "local", "--out", str(run), "--json"])
    out, _ = capsys.readouterr()
    assert code == 0, out
    assert json.loads(out)["status"] == "solved"
    solution = (run / "solution.dfy").read_text(encoding="utf-8")
    assert MARK in solution and f"ensures {UPPER}" in solution
    assert server.count == 2


def test_a_problem_from_a_spec_says_which_clauses_a_model_wrote(
        serve: Serve, make_model: MakeModel, tmp_path: Path, settings: Settings) -> None:
    server = serve([FENCED])
    path = tmp_path / "max.spec"
    path.write_text(MAX, encoding="utf-8")
    chosen = settings.model_copy(update={"formalize": "llm", "model": "openai/scripted"})
    problem = load_any(str(path), chosen, make_model(server))
    assert problem.meta["formalized_by_model"] == "openai/scripted: line(s) 7"
    assert MARK in problem.text and f"ensures {UPPER}" in problem.text


def test_a_word_that_names_nothing_is_formalized_too(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`m is maximal` parses (as `m == maximal`) but `maximal` names nothing."""
    text = MAX.replace("no element of a is huger than m in any way", "m is maximal")
    server = serve([FENCED])
    code, out, _ = formalize(tmp_path, capsys, text, server.base_url, "--json")
    assert code == 0, out
    (record,) = json.loads(out)["formalized"]
    assert (record["line"], record["text"]) == (7, "m is maximal")
    assert "m is maximal" in server.prompts[0]


@pytest.mark.parametrize("answer", ["true", "m in a", "|a| > 0 ==> m in a"])
def test_a_model_clause_that_adds_nothing_fails_even_without_examples(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str], answer: str) -> None:
    bare = "\n".join(line for line in MAX.splitlines() if "example:" not in line) + "\n"
    server = serve([f"```dafny\n{answer}\n```"])
    code, out, _ = formalize(tmp_path, capsys, bare, server.base_url, "--json")
    assert code == 1
    (check,) = [c for c in json.loads(out)["specs"][0]["checks"] if c["kind"] == "formalized"]
    assert check["status"] == "failed" and check["line"] == 7
    assert "follows from the other clauses" in check["message"] and answer in check["message"]


def test_a_model_clause_that_says_something_passes_the_check(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([FENCED])
    code, out, _ = formalize(tmp_path, capsys, MAX, server.base_url, "--json")
    assert code == 0
    (check,) = [c for c in json.loads(out)["specs"][0]["checks"] if c["kind"] == "formalized"]
    assert check["status"] == "passed"
    assert check["message"].endswith("says more than the other clauses")
