"""`vericode doctor` looks at the configured model: a key, and a server that answers."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

from tests.llm.conftest import Serve


def doctor(*args: str) -> tuple[int, dict[str, dict[str, object]]]:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "VERICODE_MODEL")}
    done = subprocess.run([sys.executable, "-m", "vericode", "doctor", "--json", *args],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    found = json.loads(done.stdout)
    return done.returncode, {c["name"]: c for c in found["checks"]}


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_model_server_that_answers_and_one_that_does_not(serve: Serve) -> None:
    server = serve(["hello"])
    code, checks = doctor("--model", "openai/scripted", "--api-base", server.base_url)
    assert checks["model server"]["ok"] is True and checks["model"]["ok"] is True
    down = f"http://127.0.0.1:{closed_port()}/v1"
    code, checks = doctor("--model", "openai/scripted", "--api-base", down)
    assert code == 3 and checks["model server"]["ok"] is False
    assert down in str(checks["model server"]["found"])


def test_a_missing_key_is_named_and_no_model_is_no_failure() -> None:
    code, checks = doctor("--model", "openai/gpt-4.1")
    assert code == 3 and "OPENAI_API_KEY" in str(checks["model"]["found"])
    _, checks = doctor()
    assert checks["model"]["ok"] is True and checks["model"]["optional"] is True
