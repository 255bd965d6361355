"""The repair loop through the real litellm client, a scripted server and real Dafny.

Each test scripts the model's replies; everything between the reply and the verdict
(extraction, splicing, the integrity gate, the Dafny pool) is the code users run.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.llm.scripted_server import Answer, Empty, Hang, Status
from tests.solve.conftest import (
    CHEAT,
    RIGHT,
    ROOT,
    WRONG,
    CountingVerifier,
    MakeModel,
    Serve,
)
from vericode.api import load_any
from vericode.problem.tagged import Problem
from vericode.repair.loop import SolveOptions, solve
from vericode.repair.outcome import Outcome
from vericode.repair.record import RunRecord


def lines(folder: Path) -> list[dict[str, object]]:
    text = (folder / "attempts.jsonl").read_text()
    return [json.loads(line) for line in text.splitlines()]


def test_a_failing_answer_is_repaired_from_the_real_verifier_error(
        serve: Serve, make_model: MakeModel, verifier: CountingVerifier, abs_problem: Problem,
        tmp_path: Path) -> None:
    server = serve([WRONG, RIGHT])
    outcome = solve(abs_problem, make_model(server), verifier, record=RunRecord(tmp_path / "run"))
    assert (outcome.status, outcome.attempts, outcome.rounds) == ("solved", 2, 2)
    repair = server.requests[1].prompt
    assert "A postcondition might not hold on this return path." in repair
    assert "The verifier's messages:" in repair
    assert "Error at line 19, column 1: A postcondition might not hold" in repair
    assert "    19 | {\n" in repair  # the return path starts at the body's brace
    assert "Related, line 15, column 13: This is the postcondition that might not hold." in repair
    assert "  15 |   ensures y >= 0" in repair
    assert "20 |   y := x;" in repair  # the numbered previous attempt
    sent = server.requests[1].messages
    assert [m["role"] for m in sent] == ["system", "user", "assistant", "user"]
    assert sent[2]["content"] == WRONG
    assert "Dafny 2.3" in sent[0]["content"] and "function method" in sent[0]["content"]
    assert outcome.program is not None and "if x < 0" in outcome.program
    assert (outcome.prompt_tokens, outcome.completion_tokens) == (200, 100)
    assert (outcome.cost_usd, outcome.unknown_cost_calls) == (0.0, 2)
    run = tmp_path / "run"
    assert [a["verdict"] for a in lines(run)] == ["failed", "verified"]
    assert (run / "solution.dfy").read_text().endswith(outcome.program or "-")
    assert Outcome.model_validate_json((run / "outcome.json").read_text()).status == "solved"


def test_a_cheat_is_refused_and_the_refusal_fed_back(
        serve: Serve, make_model: MakeModel, verifier: CountingVerifier,
        abs_problem: Problem) -> None:
    server = serve([CHEAT, RIGHT])
    outcome = solve(abs_problem, make_model(server), verifier)
    assert outcome.solved and outcome.attempts == 2
    assert len(verifier.programs) == 1  # the cheat never reached the verifier
    repair = server.requests[1].prompt
    assert "the integrity gate refused it" in repair
    assert "Refused at line 20, column 3 (assume)" in repair
    assert "  20 |   assume false;" in repair


def test_a_cheat_alone_is_never_solved(serve: Serve, make_model: MakeModel,
                                       verifier: CountingVerifier, abs_problem: Problem) -> None:
    server = serve([CHEAT, CHEAT])
    outcome = solve(abs_problem, make_model(server), verifier, SolveOptions(attempts=2))
    assert (outcome.status, outcome.verdict) == ("not_solved", "refused")
    assert outcome.violations and outcome.violations[0].rule == "assume"
    assert verifier.programs == []


def test_prose_around_the_code_block(serve: Serve, make_model: MakeModel,
                                     verifier: CountingVerifier, abs_problem: Problem) -> None:
    reply = f"Sure! Here is a verified version:\n\n{RIGHT}\n\nThe if covers both signs."
    outcome = solve(abs_problem, make_model(serve([reply])), verifier)
    assert outcome.solved and outcome.attempts == 1


def test_an_empty_reply_and_a_reply_without_code(
        serve: Serve, make_model: MakeModel, verifier: CountingVerifier,
        abs_problem: Problem, tmp_path: Path) -> None:
    server = serve([Empty(), "I am sorry, I cannot write Dafny today.", RIGHT])
    outcome = solve(abs_problem, make_model(server), verifier, record=RunRecord(tmp_path))
    assert outcome.solved and outcome.attempts == 3
    assert verifier.programs and len(verifier.programs) == 1
    first, second, _ = lines(tmp_path)
    assert (first["verdict"], first["error"]) == ("unusable", "the reply was empty")
    assert second["verdict"] == "unusable" and "no ```dafny code block" in str(second["error"])
    assert "could not be used: the reply was empty" in server.requests[1].prompt
    assert "no ```dafny code block" in server.requests[2].prompt
    assert "I am sorry" in server.requests[2].prompt


def test_a_rate_limit_is_waited_out_as_the_server_asks(
        serve: Serve, make_model: MakeModel, verifier: CountingVerifier, abs_problem: Problem,
        sleeps: list[float]) -> None:
    server = serve([Status(429, {"Retry-After": "2"}), RIGHT])
    outcome = solve(abs_problem, make_model(server), verifier)
    assert outcome.solved and outcome.attempts == 1 and server.count == 2
    assert sleeps == [2.0]


def test_server_errors_until_the_retries_are_spent(
        serve: Serve, make_model: MakeModel, verifier: CountingVerifier, abs_problem: Problem,
        sleeps: list[float], tmp_path: Path) -> None:
    server = serve([WRONG, Status(500), Status(500), Status(500)])
    outcome = solve(abs_problem, make_model(server), verifier, record=RunRecord(tmp_path))
    assert (outcome.status, outcome.attempts, server.count) == ("model_error", 1, 4)
    assert "server error (500) after 3 attempts" in outcome.reason
    assert "2 retries spent" in outcome.reason
    assert len(sleeps) == 2
    assert [a["verdict"] for a in lines(tmp_path)] == ["failed"]
    assert json.loads((tmp_path / "outcome.json").read_text())["status"] == "model_error"
    assert (tmp_path / "best.dfy").read_text().endswith(outcome.program or "-")


def test_a_hanging_server_times_out(serve: Serve, make_model: MakeModel,
                                    verifier: CountingVerifier, abs_problem: Problem) -> None:
    server = serve([Hang(30)])
    outcome = solve(abs_problem, make_model(server, timeout=0.4, max_retries=0), verifier)
    assert outcome.status == "model_error"
    assert "timed out" in outcome.reason and "raise the timeout" in outcome.reason
    assert outcome.attempts == 0 and outcome.program is None
    assert outcome.seconds < 5


def test_a_second_identical_run_is_answered_from_the_cache(
        serve: Serve, make_model: MakeModel, verifier: CountingVerifier,
        abs_problem: Problem) -> None:
    server = serve([WRONG, RIGHT])
    first = solve(abs_problem, make_model(server), verifier)
    second = solve(abs_problem, make_model(server), verifier)
    assert first.solved and second.solved and server.count == 2
    assert (first.tokens, second.tokens) == (300, 0)  # cached replies spend nothing
    assert second.program == first.program


def test_max_tokens_total_stops_the_run(serve: Serve, make_model: MakeModel,
                                        verifier: CountingVerifier, abs_problem: Problem) -> None:
    server = serve([WRONG, Answer(WRONG + "\n// again"), RIGHT])
    options = SolveOptions(max_tokens_total=250)
    outcome = solve(abs_problem, make_model(server), verifier, options)
    assert (outcome.status, outcome.attempts, server.count) == ("budget_exhausted", 2, 2)
    assert "used 300 tokens of --max-tokens-total 250" in outcome.reason


def test_max_cost_stops_the_run_at_the_configured_prices(
        serve: Serve, make_model: MakeModel, verifier: CountingVerifier,
        abs_problem: Problem) -> None:
    server = serve([WRONG, "```dafny\nmethod Abs(x: int) returns (y: int) { y := -x; }\n```",
                    RIGHT])
    model = make_model(server, price_in=1000.0, price_out=1000.0)  # $0.15 per scripted call
    outcome = solve(abs_problem, model, verifier, SolveOptions(max_cost=0.25))
    assert (outcome.status, outcome.attempts) == ("budget_exhausted", 2)
    assert outcome.cost_usd == 0.3 and outcome.unknown_cost_calls == 0
    assert "spent $0.3000 of --max-cost 0.25" in outcome.reason


def test_max_cost_with_an_unknown_price_says_so(
        serve: Serve, make_model: MakeModel, verifier: CountingVerifier,
        abs_problem: Problem) -> None:
    server = serve([WRONG, RIGHT])
    outcome = solve(abs_problem, make_model(server), verifier, SolveOptions(max_cost=1.0))
    assert (outcome.status, outcome.attempts) == ("budget_exhausted", 1)
    assert "cost of 1 call(s) is unknown" in outcome.reason and "--price-in" in outcome.reason


def test_samples_at_temperature_are_distinct_requests(
        serve: Serve, make_model: MakeModel, verifier: CountingVerifier,
        abs_problem: Problem) -> None:
    server = serve([WRONG, RIGHT])
    options = SolveOptions(samples=2)
    outcome = solve(abs_problem, make_model(server, temperature=0.8), verifier, options)
    assert outcome.solved and (outcome.attempts, outcome.rounds) == (2, 1)
    assert [r.body["temperature"] for r in server.requests] == [0.8, 0.8]
    assert server.requests[0].messages == server.requests[1].messages
    again = solve(abs_problem, make_model(server, temperature=0.8), verifier, options)
    assert again.solved and again.attempts == 2 and server.count == 2  # each sample cached


def test_identical_candidates_are_verified_once(
        serve: Serve, make_model: MakeModel, verifier: CountingVerifier, abs_problem: Problem,
        tmp_path: Path) -> None:
    same = WRONG.replace("  y := x;", "  // the obvious answer\n     y   :=   x ;")
    server = serve([WRONG, same, RIGHT])
    outcome = solve(abs_problem, make_model(server, temperature=0.8), verifier,
                    SolveOptions(samples=2), RunRecord(tmp_path))
    assert outcome.solved and outcome.attempts == 3
    assert len(verifier.programs) == 2
    records = lines(tmp_path)
    assert records[1]["duplicate_of"] == [1, 0] and records[1]["verdict"] == "failed"


def test_the_most_promising_failure_is_repaired(
        serve: Serve, make_model: MakeModel, verifier: CountingVerifier,
        abs_problem: Problem) -> None:
    broken = "```dafny\nmethod Abs(x: int) returns (y: int) {\n  y := ;\n}\n```"
    server = serve([broken, WRONG, RIGHT])
    outcome = solve(abs_problem, make_model(server, temperature=0.8), verifier,
                    SolveOptions(samples=2))
    assert outcome.solved and outcome.rounds == 2
    assert server.requests[2].messages[2]["content"] == WRONG
    assert "A postcondition might not hold" in server.requests[2].prompt


def test_compact_and_full_history(serve: Serve, make_model: MakeModel,
                                  verifier: CountingVerifier, abs_problem: Problem) -> None:
    twice = WRONG.replace("y := x;", "y := x + 0;")
    for history, sizes in (("compact", [2, 4, 4]), ("full", [2, 4, 6])):
        server = serve([WRONG, twice, RIGHT])
        solve(abs_problem, make_model(server), verifier, SolveOptions(history=history))
        assert [len(r.messages) for r in server.requests] == sizes


MAX_LOOP = """```dafny
method MaxElement(a: seq<int>) returns (m: int)
{
  m := a[0];
  var i := 1;
  while i < |a|%s
  {
    if a[i] > m {
      m := a[i];
    }
    i := i + 1;
  }
}
```"""
INVARIANTS = """
    invariant 1 <= i <= |a|
    invariant exists k :: 0 <= k < i && a[k] == m
    invariant forall j :: 0 <= j < i ==> a[j] <= m"""


def test_a_spec_file_is_solved_after_a_repair(
        serve: Serve, make_model: MakeModel, verifier: CountingVerifier) -> None:
    problem = load_any(str(ROOT / "specs" / "max_element.spec"))
    server = serve([MAX_LOOP % "", MAX_LOOP % INVARIANTS])
    outcome = solve(problem, make_model(server), verifier)
    assert outcome.solved and outcome.attempts == 2
    assert "Problem MaxElement." in server.requests[0].prompt
    repair = server.requests[1].prompt
    assert "postcondition might not hold" in repair
    assert "ensures forall i :: 0 <= i < |a| ==> a[i] <= m" in repair
    assert outcome.program is not None and "invariant 1 <= i <= |a|" in outcome.program


def test_a_reply_cut_off_at_max_tokens_is_told_so(
        serve: Serve, make_model: MakeModel, verifier: CountingVerifier,
        abs_problem: Problem) -> None:
    cut = Answer("Let me think step by step. ```dafny\nmethod Abs(x: int) returns (y: int)\n{\n"
                 "  if x <", finish_reason="length")
    server = serve([cut, RIGHT])
    outcome = solve(abs_problem, make_model(server, max_tokens=40), verifier)
    assert outcome.solved and outcome.attempts == 2
    assert server.requests[0].body["max_tokens"] == 40
    assert "cut off at the token limit" in server.requests[1].prompt
