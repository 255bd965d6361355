"""`vericode mcp` as a process: its time limits, its one verifier and what is left when
the client goes, what it writes, `solve` with a (scripted) model, and a fast --help."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from pathlib import Path

from tests.llm.scripted_server import Serve
from tests.mcp.client import McpServer, text_of
from tests.mcp.conftest import ROOT
from tests.processes import marked_processes

ABS = ROOT / "problems" / "abs_value.dfy"
SLOW = (ROOT / "tests" / "fixtures" / "programs" / "timeout.dfy").read_text(encoding="utf-8")
SLOW_PROBLEM = """\
// <vc-preamble>
ghost function P(n: nat): nat { if n == 0 then 1 else 2 * P(n - 1) }
// </vc-preamble>
// <vc-spec>
lemma Hard(a: nat, b: nat, c: nat)
  ensures a * a * a * b * b + c * c * c * a * b * b * b != P(a + b + c) * 3 + 17 * a * b * c + 11
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
"""
WRONG = "```dafny\nmethod Abs(x: int) returns (y: int)\n{\n  y := x;\n}\n```"
RIGHT = ("```dafny\nmethod Abs(x: int) returns (y: int)\n{\n  if x < 0 {\n    y := -x;\n"
         "  } else {\n    y := x;\n  }\n}\n```")


def folders(tmp_path: Path) -> tuple[Path, Path]:
    work = tmp_path / "work"
    work.mkdir()
    return tmp_path / "cache", work


def gone(marker: str, seconds: float = 15.0) -> list[int]:
    """The marked processes still alive after waiting up to ``seconds`` for them to go."""
    deadline = time.monotonic() + seconds
    while (left := marked_processes(marker)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def test_a_slow_proof_is_a_timeout_within_the_limit(tmp_path: Path) -> None:
    cache, work = folders(tmp_path)
    with McpServer("--timeout", "2", "--no-cache", cache=cache, cwd=work) as server:
        started = time.monotonic()
        alone = server.call("verify", {"program": SLOW})
        assert alone.structured_content and alone.structured_content["verdict"] == "timeout"
        assert "timed out after 2 seconds" in text_of(alone)
        checked = server.call("check", {"problem": SLOW_PROBLEM,
                                        "candidate": "lemma Hard(a: nat, b: nat, c: nat)\n{\n}\n"})
        report = checked.structured_content
        assert report is not None and (report["verdict"], report["solved"]) == ("timeout", False)
        assert "timed out" in report["feedback"]
        assert time.monotonic() - started < 2 * (4 * 2 + 30)  # two runs, each within its wall
        after = server.call("phrases", {"word": "even"})
        assert after.structured_content and after.structured_content["phrases"] == ["is even"]


def test_one_verifier_opened_on_first_use_and_gone_with_the_client(tmp_path: Path) -> None:
    cache, work = folders(tmp_path)
    marker = str(uuid.uuid4())
    with McpServer(cache=cache, cwd=work, env={"VERICODE_TEST_MARKER": marker}) as server:
        server.call("phrases", {})
        assert len(marked_processes(marker)) == 1  # the server alone: no Dafny before a call
        for _ in range(2):
            result = server.call("check", {"problem": str(ABS), "candidate": RIGHT})
            assert result.structured_content and result.structured_content["solved"], \
                text_of(result)
        assert len(marked_processes(marker)) > 1  # the warm pool stays between calls
        server.start_call("verify", {"program": SLOW})  # still running when the client goes
        time.sleep(1.0)
    assert gone(marker) == []
    assert list(work.iterdir()) == []  # nothing written where the server ran
    assert any(cache.rglob("*"))  # verdicts went to the cache


def test_solve_with_a_model_writes_its_run_folder(serve: Serve, tmp_path: Path) -> None:
    model = serve([WRONG, RIGHT])
    cache, work = folders(tmp_path)
    runs = tmp_path / "runs"
    with McpServer("--api-base", model.base_url, "--api-key", "test", "--runs", str(runs),
                   cache=cache, cwd=work) as server:
        result = server.call("solve", {"problem": str(ABS), "model": "openai/scripted"})
    report = result.structured_content
    assert not result.is_error and report is not None, text_of(result)
    outcome = report["outcome"]
    assert (report["solved"], outcome["status"], outcome["attempts"]) == (True, "solved", 2)
    assert outcome["model"] == "openai/scripted" and model.count == 2
    folder = Path(outcome["folder"])
    assert folder.parent == runs and folder.name.endswith("-abs_value")
    stored = json.loads((folder / "outcome.json").read_text(encoding="utf-8"))
    assert stored["status"] == "solved" and stored["program"] == outcome["program"]
    assert "y := -x;" in (folder / "solution.dfy").read_text(encoding="utf-8")
    assert "y := -x;" in text_of(result) and list(work.iterdir()) == []


def test_help_does_not_import_the_sdk() -> None:
    code = ("import sys; from vericode.cli.main import build_parser; build_parser(); "
            "print(sorted(m for m in sys.modules if m == 'mcp' or m.startswith('mcp.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    usage = subprocess.run([sys.executable, "-m", "vericode", "mcp", "--help"],
                           capture_output=True, text=True, check=True)
    assert "--timeout" in usage.stdout and "--model" in usage.stdout
