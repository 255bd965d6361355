"""The tools of `vericode mcp`, called through the MCP SDK's stdio client on one server:
real Dafny behind it, the same answers as the library gives."""

from __future__ import annotations

from pathlib import Path

from tests.mcp.client import McpServer, text_of
from tests.mcp.conftest import ROOT
from vericode.candidate.check import check_candidate
from vericode.dafny.run.verifier import LocalVerifier
from vericode.problem.tagged import load_tagged
from vericode.repair.prompts import repair_prompt
from vericode.settings import Settings
from vericode.spec.errors import PHRASES

ABS = ROOT / "problems" / "abs_value.dfy"
HONEST = (ROOT / "problems" / "abs_value.ref.dfy").read_text(encoding="utf-8")
WRONG = "method Abs(x: int) returns (y: int)\n{\n  y := x;\n}\n"
CHEAT = "```dafny\nmethod Abs(x: int) returns (y: int)\n{\n  assume false;\n}\n```"
MAX = """\
method MaxElement(a: seq<int>) returns (m: int)
{
  m := a[0];
  var i := 1;
  while i < |a|
    invariant 1 <= i <= |a|
    invariant m in a[..i]
    invariant forall k :: 0 <= k < i ==> a[k] <= m
  {
    if a[i] > m { m := a[i]; }
    i := i + 1;
  }
  assert a[..|a|] == a;
}
"""
BROKEN_SPEC = "spec Broken\n  input x: int\n  output y: int\n  ensures: y is tall\n"
TOOLS = {"formalize", "check", "verify", "solve", "phrases"}


def test_lists_the_five_tools_each_with_its_schemas(server: McpServer) -> None:
    tools = {tool.name: tool for tool in server.list_tools().tools}
    assert set(tools) == TOOLS
    assert set(tools["check"].input_schema["required"]) == {"problem", "candidate"}
    assert tools["solve"].input_schema["required"] == ["problem"]
    assert all(tool.output_schema and tool.description for tool in tools.values())
    assert "feedback" in tools["check"].output_schema["properties"]  # type: ignore[index]
    assert tools["verify"].annotations and tools["verify"].annotations.read_only_hint


def test_formalize_parses_and_checks_a_shipped_spec(server: McpServer) -> None:
    spec = (ROOT / "specs" / "max_element.spec").read_text(encoding="utf-8")
    result = server.call("formalize", {"spec_text": spec})
    assert not result.is_error, text_of(result)
    report = result.structured_content
    assert report is not None and report["ok"] is True
    [found] = report["specs"]
    assert found["name"] == "MaxElement" and found["ok"] and not found["weak"]
    assert "ensures m in a" in found["skeleton"]
    assert [c["text"] for c in found["clauses"]][:2] == ["a is not empty", "m is in a"]
    assert found["checks"] and all(c["status"] == "passed" for c in found["checks"])
    assert report["verifier"].startswith("Dafny 2.3")
    assert "all checks pass" in text_of(result) and "ensures m in a" in text_of(result)


def test_a_formalized_spec_is_a_problem_for_check(server: McpServer) -> None:
    spec = (ROOT / "specs" / "max_element.spec").read_text(encoding="utf-8")
    tagged = server.call("formalize", {"spec_text": spec}).structured_content
    assert tagged is not None
    result = server.call("check", {"problem": tagged["specs"][0]["tagged"], "candidate": MAX})
    report = result.structured_content
    assert report is not None, text_of(result)
    assert (report["verdict"], report["solved"]) == ("verified", True), report["feedback"]


def test_an_honest_candidate_is_accepted_and_verified(server: McpServer) -> None:
    result = server.call("check", {"problem": str(ABS), "candidate": HONEST})
    report = result.structured_content
    assert not result.is_error and report is not None, text_of(result)
    assert (report["verdict"], report["solved"], report["accepted"]) == ("verified", True, True)
    assert report["diagnostics"] == [] and report["violations"] == [] and report["feedback"] == ""
    assert report["taken"] == ["the body of Abs (lines 19-25 of the candidate)"]
    assert report["verifier_version"].startswith("Dafny 2.3")
    assert text_of(result).startswith("solved: accepted by the integrity gate and verified")


def test_a_cheat_is_refused_by_rule_and_never_verified(server: McpServer) -> None:
    result = server.call("check", {"problem": str(ABS), "candidate": CHEAT})
    report = result.structured_content
    assert not result.is_error and report is not None, text_of(result)
    assert (report["verdict"], report["solved"], report["accepted"]) == ("refused", False, False)
    assert [v["rule"] for v in report["violations"]] == ["assume"]
    assert report["violations"][0]["line"] == 20
    assert report["diagnostics"] == [] and report["seconds"] == 0.0
    assert "Refused at line 20, column 3 (assume)" in report["feedback"]
    assert text_of(result).startswith("not solved: refused")


def test_a_failing_candidate_gets_the_feedback_the_model_gets(server: McpServer,
                                                             tmp_path: Path) -> None:
    result = server.call("check", {"problem": str(ABS), "candidate": WRONG})
    report = result.structured_content
    assert not result.is_error and report is not None, text_of(result)
    assert (report["verdict"], report["solved"], report["accepted"]) == ("failed", False, True)
    [error] = report["diagnostics"]
    place = error["location"]
    assert (place["line"], place["column"], error["code"]) == (19, 1, "BP5003")
    assert "postcondition might not hold" in error["message"]
    assert place["source_line"] == "{"
    assert error["related"][0]["location"]["source_line"] == "  ensures y >= 0"
    problem = load_tagged(ABS)
    local = LocalVerifier.from_settings(Settings(cache_dir=tmp_path / "cache"))
    assert report["feedback"] == repair_prompt(problem, WRONG,
                                               check_candidate(problem, WRONG, local))
    assert "\n20 |   y := x;\n" in text_of(result)


def test_malformed_requests_are_tool_errors_and_the_server_goes_on(server: McpServer) -> None:
    missing = server.call("check", {"problem": str(ABS)})
    assert missing.is_error and "candidate" in text_of(missing)
    assert "Field required" in text_of(missing)
    nowhere = server.call("check", {"problem": "/no/such/problem.dfy", "candidate": WRONG})
    assert nowhere.is_error and "/no/such/problem.dfy: no such file" in text_of(nowhere)
    prose = server.call("check", {"problem": "method M()\n{}\n", "candidate": WRONG})
    assert prose.is_error and "<vc-spec>" in text_of(prose)
    spec = server.call("formalize", {"spec_text": BROKEN_SPEC})
    assert spec.is_error and "spec:4:" in text_of(spec) and "    4 |" in text_of(spec)
    unknown = server.call("prove_everything", {})
    assert unknown.is_error
    after = server.call("check", {"problem": str(ABS), "candidate": HONEST})
    assert after.structured_content and after.structured_content["solved"] is True


def test_inputs_over_their_caps_are_refused(server: McpServer) -> None:
    huge = "// " + "x" * 1_000_000 + "\n"
    big = server.call("check", {"problem": str(ABS), "candidate": huge})
    assert big.is_error and "over the 1 MB limit for a candidate" in text_of(big)
    program = server.call("verify", {"program": huge})
    assert program.is_error and "1 MB limit for a program" in text_of(program)
    tagged = ABS.read_text(encoding="utf-8") + "// " + "y" * 4_000_000 + "\n"
    problem = server.call("check", {"problem": tagged, "candidate": HONEST})
    assert problem.is_error and "over the 4 MB limit for a problem" in text_of(problem)


def test_verify_runs_the_verifier_alone(server: McpServer) -> None:
    programs = ROOT / "tests" / "fixtures" / "programs"
    verified = server.call("verify", {"program": (programs / "verified.dfy").read_text()})
    assert verified.structured_content and verified.structured_content["verified"] is True
    broken = server.call("verify", {"program": (programs / "parse_error.dfy").read_text()})
    report = broken.structured_content
    assert report is not None and report["verdict"] == "parse_error"
    assert report["diagnostics"] and report["diagnostics"][0]["location"]["line"] >= 1
    assert report["diagnostics"][0]["kind"] == "parse"
    assert text_of(broken).startswith("parse_error: ")


def test_solve_without_a_model_says_how_to_configure_one(server: McpServer) -> None:
    result = server.call("solve", {"problem": str(ABS)})
    assert result.is_error
    assert "no model configured" in text_of(result) and "VERICODE_MODEL" in text_of(result)


def test_phrases_lists_the_grammar_s_english(server: McpServer) -> None:
    every = server.call("phrases", {}).structured_content
    assert every is not None and every["phrases"] == list(PHRASES)
    assert "ensures:" in every["line_keywords"]
    sorted_ = server.call("phrases", {"word": "Sorted"}).structured_content
    assert sorted_ is not None and "is sorted ascending" in sorted_["phrases"]
    assert all("sorted" in p for p in sorted_["phrases"])
    typo = server.call("phrases", {"word": "is sortd"})
    assert typo.structured_content and typo.structured_content["phrases"] == []
    assert "is sorted" in typo.structured_content["close"]
    assert "is sorted" in text_of(typo)
