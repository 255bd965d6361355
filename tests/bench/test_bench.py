"""``bench`` from Python: concurrency, a crash recorded as one problem's outcome, the
selection of problems, and pass@k on a run with two samples per round."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bench.conftest import ABS_RIGHT, CLAMP_RIGHT, CORPUS, EVEN_WRONG, fenced, script
from tests.llm.scripted_server import ScriptedServer
from vericode.batch.run import bench, manifest, select
from vericode.batch.store import RunStore, load_run
from vericode.dafny.run.pool import ServerPool
from vericode.llm.model import LiteLLMModel
from vericode.llm.types import ModelConfig
from vericode.problem.corpus import load_corpus
from vericode.problem.tagged import Problem
from vericode.repair.loop import SolveOptions
from vericode.report.summary import summarize
from vericode.seams import Model, Printout, VerifyResult

ABS_WRONG = fenced("method Abs(x: int) returns (y: int)\n{\n  y := x;\n}")


class BrokenOn:
    """The real pool, except that verifying one method raises, as a bug would."""

    def __init__(self, inner: ServerPool, method: str) -> None:
        self.inner, self.method = inner, method

    @property
    def version(self) -> str:
        return self.inner.version

    def printout(self, text: str) -> Printout:
        return self.inner.printout(text)

    def verify(self, text: str, name: str = "program.dfy") -> VerifyResult:
        if f"method {self.method}(" in text:
            raise RuntimeError("verifier bug")
        return self.inner.verify(text, name)


def model_for(server: ScriptedServer, tmp_path: Path) -> Model:
    return LiteLLMModel(ModelConfig(model="openai/scripted", api_base=server.base_url,
                                    api_key="test", max_retries=0, cache=False,
                                    cache_dir=tmp_path / "llm"))


def corpus(*patterns: str) -> list[Problem]:
    return select(load_corpus(CORPUS), patterns)


def test_a_crash_is_that_problems_outcome_and_the_batch_goes_on(
        pool: ServerPool, tmp_path: Path) -> None:
    problems = corpus()
    verifier = BrokenOn(pool, "IsEven")
    options = SolveOptions(attempts=3)
    with ScriptedServer(script()) as server, RunStore.create(
            tmp_path / "run", manifest(problems, "openai/scripted", options, verifier)) as store:
        summary = bench(problems, lambda _: model_for(server, tmp_path), verifier, options,
                        store, concurrency=3)
    assert len(summary.results) == 6 and summary.solved == 3
    run = load_run(tmp_path / "run")
    crash = run.results["is_even"]
    assert crash.status == "error" and crash.reason.startswith("RuntimeError: verifier bug")
    report = summarize(run)
    assert report.failures == {"crash": 1, "gate refusal: assume": 1, "model error": 1}
    assert (report.overall.solved, report.overall.total) == (3, 6)
    # the bug fixed, a resumed run tries the crashed problem again, and the one whose
    # model error may pass (a 401: the key may be set now), and only those
    with ScriptedServer(script()) as server, RunStore.resume(tmp_path / "run", store.manifest
                                                              ) as again:
        summary = bench(problems, lambda _: model_for(server, tmp_path), pool, options,
                        again, concurrency=3)
        assert {r.route for r in server.requests} == {"is_even", "div_mod"}
    assert summary.skipped == 4
    assert sorted(r.problem for r in summary.results) == ["div_mod", "is_even"]
    assert summary.model_errors == 1
    report = summarize(load_run(tmp_path / "run"))
    assert report.failures == {"gate refusal: assume": 1, "model error": 1, "verification": 1}
    assert report.spend.prompt_tokens == 1000  # 10 replies: is_even's 3 counted once


def test_pass_at_k_with_two_samples_per_round(pool: ServerPool, tmp_path: Path) -> None:
    problems = corpus("abs_value", "clamp_value", "is_even")
    steps = {"abs_value": [ABS_WRONG, ABS_RIGHT], "clamp_value": [CLAMP_RIGHT],
             "is_even": [EVEN_WRONG, EVEN_WRONG]}
    options = SolveOptions(attempts=1, samples=2)
    with ScriptedServer(steps) as server, RunStore.create(
            tmp_path / "run", manifest(problems, "openai/scripted", options, pool)) as store:
        bench(problems, lambda _: model_for(server, tmp_path), pool, options, store,
              concurrency=2)
        assert server.count == 5
    report = summarize(load_run(tmp_path / "run"))
    # abs_value: sample 1 failed, sample 2 verified; clamp_value: sample 1 verified
    assert report.pass_at_k == pytest.approx([1 / 3, 2 / 3])
    assert report.solved_by_round == [2]


def test_selection_by_glob_tag_limit_and_seeded_shuffle() -> None:
    everything = load_corpus(CORPUS)
    assert [p.id for p in select(everything, ["*_value"])] == ["abs_value", "clamp_value"]
    assert [p.id for p in select(everything, ["tag:math", "last_*"])] == [
        "div_mod", "is_even", "last_element"]
    assert len(select(everything, limit=2)) == 2
    once = [p.id for p in select(everything, shuffle=True, seed=7)]
    assert once == [p.id for p in select(everything, shuffle=True, seed=7)]
    assert sorted(once) == [p.id for p in everything]
