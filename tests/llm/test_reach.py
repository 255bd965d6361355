"""Models as users reach them: a local server needs no key, a refused connection and a
URL without a scheme fail at once naming the URL, a missing key is one line."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.llm.conftest import Serve

ROOT = Path(__file__).resolve().parents[2]
ABS = ROOT / "problems" / "abs_value.dfy"
RIGHT = ("```dafny\nmethod Abs(x: int) returns (y: int)\n{\n  if x < 0 { y := -x; } "
         "else { y := x; }\n}\n```")


def solve(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "VERICODE_MODEL")}
    env["VERICODE_CACHE_DIR"] = str(cwd / "cache")
    return subprocess.run([sys.executable, "-m", "vericode", "solve", str(ABS), *args],
                          capture_output=True, text=True, env=env, timeout=300, check=False,
                          cwd=cwd)


def test_a_local_server_needs_no_key(serve: Serve, tmp_path: Path) -> None:
    server = serve([RIGHT])
    done = solve("--model", "openai/local", "--api-base", server.base_url, "--out",
                 str(tmp_path / "run"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "solved" in done.stdout and server.count == 1


def test_a_refused_connection_fails_at_once_naming_the_url(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}/v1"
    start = time.monotonic()
    done = solve("--model", "openai/local", "--api-base", url, "--max-retries", "4",
                 "--out", str(tmp_path / "run"), cwd=tmp_path)
    assert done.returncode == 3
    assert "connection refused after 1 attempt" in done.stdout + done.stderr
    assert url in done.stdout + done.stderr
    assert time.monotonic() - start < 60  # no retries with back-off: 4 would be 12 s more


def test_a_url_without_a_scheme_and_a_missing_key(tmp_path: Path) -> None:
    done = solve("--model", "openai/local", "--api-base", "localhost:8000/v1", cwd=tmp_path)
    assert done.returncode == 2 and "http://localhost:8000/v1" in done.stderr
    done = solve("--model", "openai/gpt-4.1", cwd=tmp_path)
    assert done.returncode == 3
    lines = [line for line in done.stderr.splitlines() if "OPENAI_API_KEY" in line]
    assert len(lines) == 1 and not (tmp_path / "runs").exists()
