"""`vericode solve` as users run it: exit codes, the live display, the run folder, signals;
and `vericode.solve(...)` from Python, the same path."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import vericode
from tests.llm.scripted_server import Hang, Status
from tests.solve.conftest import ABS, RIGHT, WRONG, CountingVerifier, MakeModel, Serve
from vericode.cli.main import main
from vericode.problem.tagged import Problem

SCRIPTED = ("--model", "openai/scripted", "--api-key", "test")


def vericode_process(*args: str, cache: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "VERICODE_CACHE_DIR": str(cache)}
    env.pop("VERICODE_MODEL", None)
    return subprocess.Popen([sys.executable, "-m", "vericode", "solve", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_solve_end_to_end_on_a_shipped_problem(serve: Serve, tmp_path: Path) -> None:
    server = serve([WRONG, RIGHT])
    run = tmp_path / "run"
    process = vericode_process(str(ABS), *SCRIPTED, "--api-base", server.base_url,
                               "--out", str(run), cache=tmp_path / "cache")
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert "round 1 sample 1: failed (1 error; line 19: A postcondition" in stdout
    assert "round 2 sample 1: verified" in stdout
    assert "verified program" in stdout and "if x < 0" in stdout
    assert "solved: verified in round 2" in stdout
    assert sorted(p.name for p in run.iterdir()) == ["attempts", "attempts.jsonl",
                                                     "outcome.json", "solution.dfy"]
    assert sorted(p.name for p in (run / "attempts").iterdir()) == [
        "round-1-sample-1.dfy", "round-2-sample-1.dfy"]
    assert server.count == 2


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_mid_run_keeps_every_finished_attempt(serve: Serve, tmp_path: Path,
                                                       sig: signal.Signals) -> None:
    server = serve([WRONG, Hang(60)])
    run = tmp_path / "run"
    process = vericode_process(str(ABS), *SCRIPTED, "--api-base", server.base_url,
                               "--out", str(run), "--verifier", "local",
                               cache=tmp_path / "cache")
    attempts = run / "attempts.jsonl"
    deadline = time.monotonic() + 60
    while not (attempts.exists() and attempts.read_text().endswith("\n")):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    while server.count < 2:  # the second request is out: the model is being waited for
        time.sleep(0.05)
    process.send_signal(sig)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert f"1 finished attempt(s) kept in {run}" in stdout
    assert "run the same command again" in stdout
    [first] = [json.loads(line) for line in attempts.read_text().splitlines()]
    assert (first["round"], first["verdict"]) == (1, "failed")
    outcome = json.loads((run / "outcome.json").read_text())
    assert (outcome["status"], outcome["attempts"]) == ("interrupted", 1)
    assert "y := x;" in (run / "best.dfy").read_text()


def test_no_model_configured_says_how(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERICODE_MODEL", raising=False)
    assert main(["solve", str(ABS)]) == 2
    err = capsys.readouterr().err
    for hint in ("no model configured", "--model openai/gpt-4.1", "OPENAI_API_KEY",
                 "ANTHROPIC_API_KEY", "ollama_chat/qwen2.5-coder:7b", "--api-base",
                 "VERICODE_MODEL", "vericode.toml"):
        assert hint in err, hint
    assert not (tmp_path / "runs").exists()


def test_server_errors_exit_3_with_the_record_intact(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([WRONG, *[Status(500, {"Retry-After": "0"})] * 2])
    run = tmp_path / "run"
    code = main(["solve", str(ABS), *SCRIPTED, "--api-base", server.base_url, "--out", str(run),
                 "--max-retries", "1", "--verifier", "local"])
    assert code == 3
    captured = capsys.readouterr()
    assert "server error (500) after 2 attempts" in captured.err
    assert "is the server at" in captured.err
    assert "best attempt (failed)" in captured.out
    assert len((run / "attempts.jsonl").read_text().splitlines()) == 1
    assert json.loads((run / "outcome.json").read_text())["status"] == "model_error"


def test_config_file_and_json_output(serve: Serve, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([RIGHT])
    (tmp_path / "vericode.toml").write_text(
        'model = "openai/scripted"\napi_key = "sk-scripted-secret"\n'
        f'api_base = "{server.base_url}"\nverifier = "local"\nattempts = 1\n')
    monkeypatch.chdir(tmp_path)
    assert main(["solve", str(ABS), "--json"]) == 0
    outcome = json.loads(capsys.readouterr().out)
    assert (outcome["status"], outcome["attempts"], outcome["model"]) == (
        "solved", 1, "openai/scripted")
    [folder] = (tmp_path / "runs").iterdir()
    assert folder.name.endswith("-abs_value") and (folder / "solution.dfy").is_file()
    for name in ("attempts.jsonl", "outcome.json"):
        assert "sk-scripted-secret" not in (folder / name).read_text()


def test_the_python_api_is_the_same_path(serve: Serve, tmp_path: Path,
                                         verifier: CountingVerifier) -> None:
    server = serve([WRONG, RIGHT])
    outcome = vericode.solve(str(ABS), model="openai/scripted", api_key="test",
                             api_base=server.base_url, out=tmp_path / "run", verifier=verifier)
    assert outcome.solved and outcome.attempts == 2
    assert outcome.folder == str(tmp_path / "run")
    assert (tmp_path / "run" / "solution.dfy").read_text().endswith(outcome.program or "-")


def test_import_vericode_stays_light() -> None:
    code = ("import sys, vericode; print('vericode.repair.loop' in sys.modules, "
            "'litellm' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["False", "False"]


def test_the_python_api_takes_a_model_object_and_a_verifier_kind(
        serve: Serve, make_model: MakeModel, abs_problem: Problem, tmp_path: Path) -> None:
    server = serve([RIGHT])
    outcome = vericode.solve(abs_problem, model=make_model(server), verifier="local",
                             attempts=1, out=tmp_path / "run")
    assert outcome.solved and outcome.verifier.startswith("Dafny")
    assert json.loads((tmp_path / "run" / "outcome.json").read_text())["status"] == "solved"


def test_vericode_solve_is_the_function_whatever_was_imported_first() -> None:
    import vericode.repair.loop

    assert vericode.solve is vericode.api.solve
