"""The command line, run as a user runs it: a subprocess, real Dafny, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROGRAMS = Path(__file__).parent / "fixtures" / "programs"


def vericode(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VERICODE_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "vericode", *args], capture_output=True,
                          text=True, env=env, timeout=300)


@pytest.mark.parametrize("name, verdict, code", [
    ("verified.dfy", "verified", 0),
    ("failing.dfy", "failed", 1),
    ("parse_error.dfy", "parse_error", 2),
    ("resolution_error.dfy", "resolution_error", 2),
])
def test_verify_json_verdicts_and_exit_codes(name: str, verdict: str, code: int,
                                             tmp_path: Path) -> None:
    done = vericode("verify", str(PROGRAMS / name), "--json", cache=tmp_path)
    assert done.returncode == code, done.stderr
    report = json.loads(done.stdout)
    assert report["verdict"] == verdict
    assert report["cached"] is False
    assert report["verifier_version"].startswith("Dafny 2.3")
    assert isinstance(report["seconds"], float)
    assert all(d["location"]["file"] == str(PROGRAMS / name) for d in report["diagnostics"])


def test_second_run_says_cached(tmp_path: Path) -> None:
    path = str(PROGRAMS / "failing.dfy")
    first = json.loads(vericode("verify", path, "--json", cache=tmp_path).stdout)
    second = json.loads(vericode("verify", path, "--json", cache=tmp_path).stdout)
    assert (first["cached"], second["cached"]) == (False, True)
    assert second["diagnostics"] == first["diagnostics"]
    third = json.loads(vericode("verify", path, "--json", "--no-cache", cache=tmp_path).stdout)
    assert third["cached"] is False


def test_timeout_exit_code(tmp_path: Path) -> None:
    done = vericode("verify", str(PROGRAMS / "timeout.dfy"), "--timeout", "2", cache=tmp_path)
    assert done.returncode == 1
    assert done.stdout.startswith("timeout")
    assert "timed out after 2 seconds" in done.stdout


def test_human_output_shows_source_lines(tmp_path: Path) -> None:
    done = vericode("verify", str(PROGRAMS / "failing.dfy"), cache=tmp_path)
    assert "failing.dfy:7:10: error [BP5003]" in done.stdout
    assert "    7 |   } else {" in done.stdout
    assert "related: This is the postcondition that might not hold." in done.stdout


def test_missing_file_is_bad_input(tmp_path: Path) -> None:
    done = vericode("verify", str(tmp_path / "nope.dfy"), cache=tmp_path)
    assert done.returncode == 2
    assert "nope.dfy: no such file" in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_dafny_exit_3_with_the_fix(tmp_path: Path) -> None:
    done = vericode("verify", str(PROGRAMS / "verified.dfy"), "--dafny",
                    str(tmp_path / "dafny"), cache=tmp_path)
    assert done.returncode == 3
    assert "apt-get install -y dafny" in done.stderr


def test_doctor_reports_what_it_found(tmp_path: Path) -> None:
    done = vericode("doctor", "--json", cache=tmp_path)
    assert done.returncode == 0, done.stdout
    checks = {c["name"]: c for c in json.loads(done.stdout)["checks"]}
    assert "Dafny 2.3" in checks["dafny"]["found"]
    assert checks["dialect shim"]["found"].startswith("on")
    assert "4.8" in checks["z3"]["found"]
    assert checks["cache"]["found"] == str(tmp_path)
    missing = vericode("doctor", "--dafny", str(tmp_path / "x"), cache=tmp_path)
    assert missing.returncode == 3
    assert "fix:" in missing.stdout


def test_help_does_not_import_heavy_modules() -> None:
    code = ("import sys; from vericode.cli.main import build_parser; build_parser(); "
            "print(sorted(m for m in ('litellm', 'pydantic', 'rich', 'lark') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_mistyped_command_or_option_gets_a_suggestion_and_no_abbreviation() -> None:
    for argv, wanted in ((["fromalize", "x.spec"], "did you mean formalize?"),
                         (["solve", "problems/abs_value.dfy", "--modle", "m"],
                          "did you mean --model?")):
        done = subprocess.run([sys.executable, "-m", "vericode", *argv], capture_output=True,
                              text=True, check=False)
        assert done.returncode == 2 and wanted in done.stderr, done.stderr
    short = subprocess.run([sys.executable, "-m", "vericode", "solve", "problems/abs_value.dfy",
                            "--mod", "m"], capture_output=True, text=True, check=False)
    assert short.returncode == 2 and "unrecognized arguments: --mod" in short.stderr


def test_formalize_out_writes_a_problem_check_can_use(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    out = tmp_path / "max_of_two.dfy"
    done = subprocess.run([sys.executable, "-m", "vericode", "formalize",
                           str(root / "specs" / "max_of_two.spec"), "--out", str(out)],
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0 and f"wrote {out}" in done.stdout, done.stderr
    assert "// <vc-spec>" in out.read_text()
    checked = subprocess.run([sys.executable, "-m", "vericode", "check", str(out),
                              str(root / "tests" / "fixtures" / "spec_refs" / "MaxOfTwo.dfy")],
                             capture_output=True, text=True, check=False, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr
