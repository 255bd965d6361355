"""`vericode demo` takes solve's model options (--model/--api-base/--api-key) and --json.

(The demo's own tests are tests/solve/test_demo.py; these are the options `draft` came
with: the real litellm client against a scripted server, the real Dafny.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.llm.conftest import Serve
from vericode.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "specs" / "clamp.spec"
CLAMP = ("```dafny\nmethod Clamp(x: int, lo: int, hi: int) returns (y: int)\n{\n"
         "  if x < lo {\n    y := lo;\n  } else if x > hi {\n    y := hi;\n  } else {\n"
         "    y := x;\n  }\n}\n```\n")


@pytest.fixture(autouse=True)
def _no_model_in_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("VERICODE_MODEL", raising=False)
    monkeypatch.delenv("VERICODE_API_BASE", raising=False)
    monkeypatch.chdir(tmp_path)  # no vericode.toml, and runs/ lands here


def demo(tmp_path: Path, *flags: str) -> int:
    return main(["demo", str(SPEC), "--corpus", str(tmp_path / "no-corpus"),
                 "--verifier", "local", *flags])


def test_the_model_flags_solve_the_spec(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([CLAMP])
    code = demo(tmp_path, "--model", "openai/scripted", "--api-base", server.base_url,
                "--api-key", "test", "--max-retries", "0")
    out = capsys.readouterr().out
    assert code == 0, out
    assert "all checks pass" in out and "solved: verified in round 1" in out
    assert server.count == 1
    assert server.requests[0].headers["authorization"] == "Bearer test"


def test_json_holds_every_step(
        serve: Serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve([CLAMP])
    code = demo(tmp_path, "--model", "openai/scripted", "--api-base", server.base_url,
                "--api-key", "test", "--json")
    data = json.loads(capsys.readouterr().out)  # one object, nothing else on stdout
    assert code == 0 and data["exit"] == 0
    assert data["formalize"]["ok"] is True and "corpus" not in data  # no corpus folder
    assert data["solve"]["status"] == "solved" and data["solve"]["attempts"] == 1


def test_json_without_a_model_says_what_would_solve(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = demo(tmp_path, "--json")
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["exit"] == 0
    assert data["formalize"]["ok"] is True and data["solve"] is None
    assert data["no_model"] == f"vericode solve {SPEC} --model M"
