"""Reading Dafny's output: Dafny 4's own test expectations, and Dafny 2.3 text.

The Dafny 4 fixtures are the exact output Dafny 4 printed in its integration tests
(tests/fixtures/dafny4/README.md); no Dafny 4 runs on these machines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vericode.dafny.run.output import parse_json_lines, parse_text
from vericode.dafny.run.process import ProcessResult
from vericode.dafny.run.verdict import judge
from vericode.seams import Severity, Verdict

DAFNY4 = Path(__file__).parent.parent / "fixtures" / "dafny4"


def sample(name: str) -> str:
    return (DAFNY4 / f"{name}.dfy.expect").read_text()


def verdict_of(text: str, returncode: int) -> Verdict:
    process = ProcessResult(returncode, text, 1.0, timed_out=False)
    return judge(parse_text(text), process, 60).verdict


def test_dafny4_failed_postconditions_with_related_locations() -> None:
    parsed = parse_text(sample("ast__functions__ensuresReporting"))
    assert parsed.counts == {"verified": 0, "error": 4}
    assert [(d.line, d.column) for d in parsed.diagnostics] == [(10, 5), (16, 5), (26, 15), (35, 3)]
    first = parsed.diagnostics[0]
    assert first.message == "a postcondition could not be proved on this return path"
    assert [(r.line, r.column, r.message) for r in first.related] == [
        (5, 24, "this is the postcondition that could not be proved")]
    assert verdict_of(sample("ast__functions__ensuresReporting"), 4) is Verdict.FAILED


def test_dafny4_timeout_with_snippet_is_timeout_not_verified() -> None:
    text = sample("cli__defaultTimeLimit")
    parsed = parse_text(text)
    assert parsed.counts == {"verified": 1, "error": 0, "time out": 1}
    assert len(parsed.diagnostics) == 1
    timeout = parsed.diagnostics[0]
    assert (timeout.line, timeout.column, timeout.timeout) == (5, 8, True)
    assert "'Foo' timed out" in timeout.message
    assert not parsed.unread  # the "  |" snippet lines are understood as noise
    for code in (0, 4):  # whatever the exit code says
        assert verdict_of(text, code) is Verdict.TIMEOUT


@pytest.mark.parametrize("name, verdict, count", [
    ("Landin__Knot10", Verdict.RESOLUTION_ERROR, 4),
    ("ast__reveal__revealSubsets", Verdict.PARSE_ERROR, 1),
    ("dafny0__DecreasesTo2", Verdict.PARSE_ERROR, 10),
    ("dafny0__CharLiteralParseErrors", Verdict.PARSE_ERROR, 1),
])
def test_dafny4_errors_before_verification(name: str, verdict: Verdict, count: int) -> None:
    parsed = parse_text(sample(name))
    assert len(parsed.diagnostics) == count
    assert verdict_of(sample(name), 2) is verdict


def test_dafny4_decreases_related_location() -> None:
    parsed = parse_text(sample("ast__statement__forallStatement"))
    assert len(parsed.diagnostics) == 4
    assert parsed.diagnostics[3].related[0].message == "this decreases clause was not satisfied"


def test_dafny4_json_and_text_forms_agree() -> None:
    text, _, json_part = sample("cli__json-output").partition('{"type"')
    from_text = parse_text(text)
    from_json = parse_json_lines('{"type"' + json_part)
    assert from_json.counts == from_text.counts == {"verified": 1, "error": 2}
    as_tuples = [[(d.line, d.column, d.severity, d.message, [(r.line, r.column) for r in d.related])
                  for d in p.diagnostics] for p in (from_text, from_json)]
    assert as_tuples[0] == as_tuples[1]
    assert from_json.diagnostics[0].severity is Severity.WARNING
    assert from_json.diagnostics[0].code == "p_module_level_const_always_static"


def test_dafny4_json_diagnostics_one_object_per_line() -> None:
    _, _, json_part = sample("cli__json-output").partition('{"type"')
    import json

    lines = [json.loads(line) for line in ('{"type"' + json_part).splitlines() if line.strip()]
    bare = "\n".join(json.dumps(r["value"]) for r in lines if r["type"] == "diagnostic")
    parsed = parse_json_lines(bare)
    assert [d.line for d in parsed.diagnostics] == [13, 14, 17]
    assert parsed.diagnostics[2].related[0].line == 16


LEGACY_TIMEOUT = """\
Dafny 2.3.0.10506
to.dfy(2,6): Verification of 'Impl$$_module.__default.L' timed out after 5 seconds
to.dfy(4,0): Timed out on BP5003: A postcondition might not hold on this return path.
to.dfy(3,36): Related location: This is the postcondition that might not hold.
Execution trace:
    (0,0): anon0

Dafny program verifier finished with 2 verified, 0 errors, 1 time out
"""

LEGACY_NOISE = """\
Prover error: line 18 column 28: unknown parameter 'model_compress'
Legal parameters are:
  auto_config (bool) (default: true)

Dafny program verifier finished with 1 verified, 0 errors
"""


def test_legacy_timeout_names_the_method_and_is_never_verified() -> None:
    parsed = parse_text(LEGACY_TIMEOUT)
    assert parsed.diagnostics[0].message == "verification of 'L' timed out after 5 seconds"
    assert parsed.diagnostics[1].code == "BP5003"
    assert parsed.diagnostics[1].related[0].line == 3
    assert verdict_of(LEGACY_TIMEOUT, 4) is Verdict.TIMEOUT
    assert verdict_of(LEGACY_TIMEOUT, 0) is Verdict.TIMEOUT


def test_prover_noise_is_ignored_and_clean_summary_verifies() -> None:
    assert not parse_text(LEGACY_NOISE).unread
    assert verdict_of(LEGACY_NOISE, 0) is Verdict.VERIFIED


@pytest.mark.parametrize("text, code, verdict", [
    (LEGACY_NOISE, 4, Verdict.FAILED),  # clean summary but a failing exit code
    ("Dafny program verifier finished with 1 verified, 0 errors, 1 out of memory\n", 4,
     Verdict.TIMEOUT),
    ("Dafny program verifier finished with 1 verified, 0 errors, 2 inconclusive\n", 0,
     Verdict.FAILED),
    ("Fatal error: something broke\n", 1, Verdict.CRASHED),
    ("", 0, Verdict.CRASHED),
])
def test_anything_unclear_is_not_verified(text: str, code: int, verdict: Verdict) -> None:
    assert verdict_of(text, code) is verdict


def test_wall_clock_kill_and_signals() -> None:
    killed = ProcessResult(None, "Dafny program verifier finished with 1 verified, 0 errors",
                           9.0, timed_out=True)
    assert judge(parse_text(killed.output), killed, 5).verdict is Verdict.TIMEOUT
    segv = ProcessResult(-11, "", 1.0, timed_out=False)
    assert judge(parse_text(""), segv, 5).verdict is Verdict.CRASHED
