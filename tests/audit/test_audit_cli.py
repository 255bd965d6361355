"""`vericode audit` as a user runs it: a subprocess, real Dafny, JSON and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "audit"


def vericode(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VERICODE_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "vericode", "audit", *args, "--jobs", "2"],
                          capture_output=True, text=True, env=env, timeout=600, cwd=ROOT)


@pytest.mark.slow
def test_a_sound_problem_exits_0_and_says_sound(tmp_path: Path) -> None:
    done = vericode("problems/abs_value.dfy", cache=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("sound")
    assert "1 problems audited: 1 sound" in done.stdout


@pytest.mark.slow
def test_the_fixture_folder_as_json_exits_1_with_one_verdict_each(tmp_path: Path) -> None:
    done = vericode(str(FIXTURES), "--json", cache=tmp_path)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    verdicts = {a["problem"]: a["verdict"] for a in report["audits"]}
    assert set(verdicts) == {"vacuous_function", "vacuous_lemma", "weak_abs", "unsat_first"}
    assert report["counts"] == {"vacuous": 2, "weak": 1, "unsatisfiable": 1}
    assert report["format"] == 1 and report["ok"] is False
    weak = next(a for a in report["audits"] if a["problem"] == "weak_abs")
    assert any("y := 0;" in (f["body"] or "") for f in weak["findings"])
    assert all(a["format"] == 1 for a in report["audits"])
    again = json.loads(vericode(str(FIXTURES), "--json", cache=tmp_path).stdout)
    assert all(a["cached"] for a in again["audits"])


def test_a_bad_witness_exits_2_and_names_the_form(tmp_path: Path) -> None:
    done = vericode("problems/abs_value.dfy", "--witness", "x == 3", cache=tmp_path)
    assert done.returncode == 2
    assert "name = value" in done.stderr


def test_a_missing_problem_exits_2(tmp_path: Path) -> None:
    done = vericode("no/such.dfy", cache=tmp_path)
    assert done.returncode == 2
    assert "no such file" in done.stderr


def test_no_dafny_exits_3(tmp_path: Path) -> None:
    done = vericode("problems/abs_value.dfy", "--dafny", str(tmp_path / "nodafny"),
                    cache=tmp_path)
    assert done.returncode == 3, done.stderr
