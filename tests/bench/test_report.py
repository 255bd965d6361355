"""Report arithmetic on runs built in memory: unknown costs, failures, comparisons."""

from __future__ import annotations

import pytest

from vericode.batch.store import Manifest, ProblemInfo, Result, StoredRun
from vericode.candidate.gate import Violation
from vericode.repair.outcome import Attempt
from vericode.report.render import markdown, sections, usd
from vericode.report.summary import compare, groups_of, pass_curve, summarize


def stored(name: str, results: list[Result], attempts: dict[str, list[Attempt]]) -> StoredRun:
    problems = [ProblemInfo(id=i, tags=["t"]) for i in ("a", "b", "c")]
    manifest = Manifest(model="m", options={"attempts": 2, "samples": 1}, vericode="0",
                        verifier="v", corpus_hash="h", problems=problems, started="now")
    return StoredRun(folder=f"/runs/{name}", manifest=manifest,
                     results={r.problem: r for r in results}, attempts=attempts)


def result(problem: str, status: str, **values: object) -> Result:
    return Result.model_validate({"problem": problem, "run_id": "r", "status": status,
                                  **values})


def refused(rule: str) -> Attempt:
    violation = Violation(rule=rule, line=1, column=1, text="x", message="m")
    return Attempt(round=1, sample=0, messages=[], reply="", verdict="refused",
                   violations=[violation])


def test_unknown_costs_are_counted_and_never_priced_at_zero() -> None:
    run = stored("x", [result("a", "solved", cost_usd=0.5, rounds=1),
                       result("b", "not_solved", unknown_cost_calls=2, rounds=2)],
                 {"b": [refused("axiom")]})
    report = summarize(run)
    assert report.spend.cost_usd == 0.5 and report.spend.unknown_cost_calls == 2
    assert report.spend.per_problem_usd is None and report.spend.per_solved_usd is None
    text = markdown(sections([report], []))
    assert "| cost | $0.5000 + 2 call(s) of unknown cost |" in text
    assert "| cost per solved problem | unknown |" in text
    assert usd(0.0, 3) == "unknown (3 call(s) of unknown cost)"  # never "$0.0000"
    assert report.failures == {"gate refusal: axiom": 1}
    assert (report.finished, report.problems) == (2, 3)
    assert report.solved_by_round == [1, 1]


def test_runs_side_by_side_name_the_problems_one_solved_and_not_the_other() -> None:
    one = stored("one", [result("a", "solved"), result("b", "not_solved"),
                         result("c", "solved")], {})
    two = stored("two", [result("a", "not_solved"), result("b", "solved")], {})
    found = {(d.solved_by, d.not_by): d.problems for d in compare([one, two])}
    assert found == {("one", "two"): ["a"], ("two", "one"): ["b"]}  # c: two never finished it
    text = markdown(sections([summarize(one), summarize(two)], compare([one, two])))
    assert "| solve rate of usable (95% CI) | 2/3 = 66.7% [20.8%, 93.9%] | 1/2 = 50.0%" in text
    assert "| usable / total | 3 / 3 |" in text and "Unusable problems" not in text
    assert "| one | two | a |" in text


def test_groups_by_source_are_folders_and_jsonl_files() -> None:
    folder = ProblemInfo(id="a", source="/corpora/easy/a.dfy", difficulty="easy")
    jsonl = ProblemInfo(id="b", source="/corpora/vericoding.jsonl#b", tags=["x", "y"])
    assert groups_of(folder, "source") == ["/corpora/easy"]
    assert groups_of(jsonl, "source") == ["/corpora/vericoding.jsonl"]
    assert groups_of(jsonl, "tag") == ["x", "y"] and groups_of(folder, "tag") == ["(no tag)"]
    assert groups_of(jsonl, "difficulty") == ["(unknown)"]


def sample(number: int, solved: bool) -> Attempt:
    return Attempt(round=1, sample=number, messages=[], reply="",
                   verdict="verified" if solved else "failed", solved=solved)


def test_pass_at_k_reads_the_first_k_samples_of_round_one() -> None:
    attempts = {"a": [sample(0, False), sample(1, False), sample(2, True)],
                "b": [sample(0, True)],  # the round stopped at its first verified sample
                "c": [sample(0, False)]}  # then the model failed: never passes
    results = [result("a", "solved", rounds=1), result("b", "solved", rounds=1),
               result("c", "model_error")]
    assert pass_curve(results, attempts, 3) == pytest.approx([1 / 3, 1 / 3, 2 / 3])
