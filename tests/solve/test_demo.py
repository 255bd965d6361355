"""`vericode demo`: the README's main command, with and without a model."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.solve.conftest import Serve

ROOT = Path(__file__).parent.parent.parent
SPEC = ROOT / "specs" / "clamp.spec"
CLAMP = ("Here it is:\n```dafny\nmethod Clamp(x: int, lo: int, hi: int) returns (y: int)\n{\n"
         "  if x < lo {\n    y := lo;\n  } else if x > hi {\n    y := hi;\n  } else {\n"
         "    y := x;\n  }\n}\n```\n")


def demo(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "VERICODE_MODEL"}
    environment.update(VERICODE_CACHE_DIR=str(tmp_path / "cache"), **env)
    return subprocess.run(
        [sys.executable, "-m", "vericode", "demo", str(SPEC), "--corpus",
         str(tmp_path / "no-corpus")], capture_output=True, text=True, env=environment,
        cwd=tmp_path, timeout=300)


def test_without_a_model_it_checks_and_says_how_to_solve(tmp_path: Path) -> None:
    done = demo(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "all checks pass" in done.stdout
    assert "No model is configured, so nothing was solved" in done.stdout
    assert f"vericode solve {SPEC} --model" in done.stdout
    assert "solved" not in done.stdout.replace("nothing was solved", "")


def test_with_a_model_it_solves_the_spec(serve: Serve, tmp_path: Path) -> None:
    server = serve([CLAMP])
    done = demo(tmp_path, VERICODE_MODEL="openai/scripted", VERICODE_API_BASE=server.base_url,
                OPENAI_API_KEY="test")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "round 1 sample 1: verified" in done.stdout
    assert "solved: verified in round 1" in done.stdout
    assert server.count == 1
