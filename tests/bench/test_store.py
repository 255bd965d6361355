"""The run store: whole lines only, one problem run counted, a resumed run must match."""

from __future__ import annotations

from pathlib import Path

import pytest

from vericode.batch.store import (
    ATTEMPTS,
    OUTCOMES,
    Manifest,
    ProblemInfo,
    Result,
    RunStore,
    load_run,
)
from vericode.errors import BadInput
from vericode.repair.outcome import Attempt


def manifest(**options: object) -> Manifest:
    return Manifest(model="openai/m", options={"attempts": 3, "samples": 1, **options},
                    vericode="0", verifier="Dafny 2.3", corpus_hash="abc",
                    problems=[ProblemInfo(id="p"), ProblemInfo(id="q")], started="now")


def attempt(round_no: int, verdict: str = "failed") -> Attempt:
    return Attempt(round=round_no, sample=0, messages=[], reply="r", verdict=verdict,
                   solved=verdict == "verified")


def test_only_the_attempts_of_the_finished_problem_run_count(tmp_path: Path) -> None:
    with RunStore.create(tmp_path / "run", manifest()) as store:
        store.attempt("p", "killed", attempt(1))  # a run cut off before its outcome
        store.attempt("p", "kept", attempt(1))
        store.attempt("p", "kept", attempt(2, "verified"))
        store.attempt("q", "unfinished", attempt(1))
        store.outcome(Result(problem="p", run_id="kept", status="solved", attempts=2, rounds=2))
        assert set(store.finished()) == {"p"}
    run = load_run(tmp_path / "run")
    assert list(run.results) == ["p"]
    assert [a.round for a in run.attempts["p"]] == [1, 2]
    assert "q" not in run.attempts
    assert len((tmp_path / "run" / ATTEMPTS).read_text().splitlines()) == 4  # all kept on disk


def test_a_torn_last_line_is_ignored_and_cut_before_appending(tmp_path: Path) -> None:
    folder = tmp_path / "run"
    with RunStore.create(folder, manifest()) as store:
        store.outcome(Result(problem="p", run_id="a", status="not_solved"))
    with (folder / OUTCOMES).open("a") as handle:
        handle.write('{"problem": "q", "run_id": "b", "sta')  # SIGKILL mid-write
    assert list(load_run(folder).results) == ["p"]
    with RunStore.resume(folder, manifest()) as store:
        assert set(store.finished()) == {"p"}
        store.outcome(Result(problem="q", run_id="c", status="solved"))
    assert sorted(load_run(folder).results) == ["p", "q"]
    assert all(line.startswith("{") and line.endswith("}")
               for line in (folder / OUTCOMES).read_text().splitlines())


def test_resume_with_another_option_is_refused_naming_it(tmp_path: Path) -> None:
    RunStore.create(tmp_path / "run", manifest()).close()
    with pytest.raises(BadInput, match=r"option --attempts was 3 in that run and is 5 now"):
        RunStore.resume(tmp_path / "run", manifest(attempts=5))
    with pytest.raises(BadInput, match=r"option --max-cost was None in that run and is 1.0"):
        RunStore.resume(tmp_path / "run", manifest(max_cost=1.0))
    other = manifest().model_copy(update={"corpus_hash": "def"})
    with pytest.raises(BadInput, match="the corpus differs"):
        RunStore.resume(tmp_path / "run", other)


def test_a_folder_holding_a_run_is_not_overwritten(tmp_path: Path) -> None:
    RunStore.create(tmp_path / "run", manifest()).close()
    with pytest.raises(BadInput, match="already holds a run: resume it with --resume"):
        RunStore.create(tmp_path / "run", manifest())


def test_a_folder_without_a_manifest_is_not_a_run(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="not a run folder"):
        load_run(tmp_path)
