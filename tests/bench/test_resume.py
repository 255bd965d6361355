"""A bench killed with SIGKILL at several points and resumed reports what an
uninterrupted run reports: nothing lost, nothing counted twice."""

from __future__ import annotations

import dataclasses
import json
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tests.bench.conftest import (
    CLAMP_RIGHT,
    CLAMP_WRONG,
    CORPUS,
    EVEN_WRONG,
    PRICED,
    bench_args,
    finish,
    script,
    vericode,
)
from tests.llm.scripted_server import Hang, ScriptedServer, Step
from vericode.batch.store import load_run
from vericode.report.export import rows
from vericode.report.summary import summarize

STABLE = ("overall", "groups", "solved_by_round", "spend", "failures", "assumptions",
          "solved_ids", "finished", "problems", "pass_at_k")
"""What must match exactly (the wall times of course do not)."""


def kill_when(process: subprocess.Popen[str], ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 120
    while not ready():
        assert process.poll() is None, process.communicate()[1]
        assert time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def cached(server: ScriptedServer, *extra: str) -> list[str]:
    """The bench arguments with the response cache on (the default)."""
    return [a for a in bench_args(server, *extra) if a != "--no-cache"]


def report(folder: Path) -> dict[str, Any]:
    """The report's numbers, but the wall times (which never match)."""
    summary = dataclasses.asdict(summarize(load_run(folder), "tag"))
    return {key: summary[key] for key in STABLE}


def exported(folder: Path) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k not in ("seconds", "source")}
            for row in rows(load_run(folder))]


def test_killed_twice_and_resumed_reports_the_uninterrupted_numbers(tmp_path: Path) -> None:
    cache, run = tmp_path / "cache", tmp_path / "run"
    outcomes, attempts = run / "outcomes.jsonl", run / "attempts.jsonl"
    # 1. killed mid-problem: clamp_value's first attempt is on disk, its repair is awaited
    with ScriptedServer({**script(), "clamp_value": [CLAMP_WRONG, Hang(60)]}) as server:
        process = vericode(*bench_args(server, "--out", str(run), "--jobs", "1",
                                       "--concurrency", "1"), cache=cache)
        kill_when(process, lambda: len(server.for_route("clamp_value")) == 2)
    assert [json.loads(line)["problem"] for line in lines(outcomes)] == ["abs_value"]
    assert len(lines(attempts)) == 2
    # 2. resumed, killed again mid-problem (is_even), and an outcome line torn by the kill
    with ScriptedServer({**script(), "is_even": [EVEN_WRONG, Hang(60)]}) as server:
        process = vericode(*bench_args(server, "--resume", str(run), "--jobs", "1",
                                       "--concurrency", "1"),
                           cache=cache)
        kill_when(process, lambda: len(server.for_route("is_even")) == 2)
        assert not server.for_route("abs_value")  # finished problems are not redone
    assert [json.loads(line)["problem"] for line in lines(outcomes)] == [
        "abs_value", "clamp_value", "div_mod"]
    with outcomes.open("a") as handle:
        handle.write('{"problem": "is_even", "run_id": "x", "status": "sol')
    # 3. resumed to the end
    with ScriptedServer(script()) as server:
        resume = ("bench", "--resume", str(run), "--api-base", server.base_url,
                  "--api-key", "test", "--no-cache", "--json")  # the rest is the run's
        out = json.loads(finish(vericode(*resume, cache=cache), 3))
        # div_mod's 401 may pass (a key set since): tried again, and still a model error
        assert out == {"folder": str(run), "ran": 4, "solved": 1, "skipped": 2,
                       "unusable": 0, "model_errors": 1}
        assert {r.route for r in server.requests} == {"is_even", "last_element",
                                                     "trusted_library", "div_mod"}
    assert len(lines(attempts)) == 2 + 3 + 7  # per invocation; the cut-off attempts are kept
    # the uninterrupted run
    with ScriptedServer(script()) as server:
        finish(vericode(*bench_args(server, "--out", str(tmp_path / "whole")), cache=cache), 3)
    assert report(run) == report(tmp_path / "whole")
    assert exported(run) == exported(tmp_path / "whole")


def test_resumed_against_the_same_server_with_the_response_cache(tmp_path: Path) -> None:
    """One scripted server for the whole life of a run, as a real model is: the replies
    the killed run got come back from the response cache (counted, not asked again)."""
    cache, run = tmp_path / "cache", tmp_path / "run"
    only = ("--filter", "abs_value", "--filter", "clamp_value")
    steps: dict[str, Sequence[Step]] = {**script(),
                                        "clamp_value": [CLAMP_WRONG, Hang(60), CLAMP_RIGHT]}
    with ScriptedServer(steps) as server:
        process = vericode(*cached(server, "--out", str(run), "--jobs", "1", *only),
                           cache=cache)
        kill_when(process, lambda: len(server.for_route("clamp_value")) == 2)
        finish(vericode(*cached(server, "--resume", str(run), *only), cache=cache))
        assert len(server.for_route("clamp_value")) == 3  # round 1 was not asked again
    with ScriptedServer(script()) as server:
        finish(vericode(*cached(server, "--out", str(tmp_path / "whole"), *only),
                        cache=tmp_path / "other-cache"))
    assert report(run) == report(tmp_path / "whole")
    found = exported(run)
    assert [(r["problem"], r["rounds"], r["prompt_tokens"]) for r in found] == [
        ("abs_value", 1, 100), ("clamp_value", 2, 200)]


def test_a_bench_whose_server_was_down_resumes_to_the_uninterrupted_numbers(
        tmp_path: Path) -> None:
    cache, run = tmp_path / "cache", tmp_path / "run"
    with ScriptedServer(script()) as gone:
        down = gone.base_url  # nothing listens there once the block ends
    first = vericode("bench", str(CORPUS), *PRICED, "--api-base", down, "--jobs", "2",
                     "--out", str(run), "--json", cache=cache)
    out = json.loads(finish(first, 3))
    assert out["solved"] == 0 and out["model_errors"] == out["ran"] > 0
    with ScriptedServer(script()) as server:
        resume = ("bench", "--resume", str(run), "--api-base", server.base_url,
                  "--api-key", "test", "--no-cache", "--json")
        again = json.loads(finish(vericode(*resume, cache=cache), 3))
        assert again["ran"] == out["ran"] and again["solved"] == 3
    with ScriptedServer(script()) as server:
        finish(vericode(*bench_args(server, "--out", str(tmp_path / "whole")), cache=cache), 3)
    assert report(run) == report(tmp_path / "whole")
