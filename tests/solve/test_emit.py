"""`vericode solve --emit`: the verified program compiled with the Dafny in use, and the
spec's examples run against the compiled code with the target's runtime."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.solve.conftest import Serve
from tests.solve.test_cli import SCRIPTED, vericode_process

ROOT = Path(__file__).resolve().parents[2]
MAX_OF_TWO = ROOT / "specs" / "max_of_two.spec"
RIGHT = ("```dafny\nmethod MaxOfTwo(x: int, y: int) returns (m: int)\n"
         "{\n  if x >= y { m := x; } else { m := y; }\n}\n```")


def test_emit_js_writes_a_module_whose_examples_pass_under_node(serve: Serve,
                                                                tmp_path: Path) -> None:
    server = serve([RIGHT])
    run = tmp_path / "run"
    process = vericode_process(str(MAX_OF_TWO), *SCRIPTED, "--api-base", server.base_url,
                               "--out", str(run), "--emit", "js", "--json",
                               cache=tmp_path / "cache")
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    emitted = json.loads(stdout)["emitted"]
    assert emitted["examples"] == {"1": True, "2": True} and not emitted["skipped"]
    module = run / "js" / "max_of_two.js"
    assert str(module) in emitted["files"] and "MaxOfTwo" in module.read_text()
    main = run / "js" / "examples" / "examples.js"
    ran = subprocess.run(["node", str(main)], capture_output=True, text=True, check=False,
                         env={"NODE_PATH": "/usr/share/nodejs", "PATH": "/usr/bin:/bin"})
    assert ran.stdout.splitlines() == ["example 1: true", "example 2: true"], ran.stderr


def test_solution_names_its_dialect_and_installed_writes_the_old_one(serve: Serve,
                                                                     tmp_path: Path) -> None:
    server = serve([RIGHT, RIGHT])
    for dialect, wanted in (("dafny4", "vericode verify solution.dfy"),
                            ("installed", "dafny /compile:0 solution.dfy")):
        run = tmp_path / dialect
        process = vericode_process(str(MAX_OF_TWO), *SCRIPTED, "--api-base", server.base_url,
                                   "--out", str(run), "--dialect", dialect, "--no-cache",
                                   cache=tmp_path / "cache")
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
        head = (run / "solution.dfy").read_text().splitlines()[:3]
        assert any(wanted in line for line in head), head
    check = subprocess.run(["dafny", "/compile:0", str(tmp_path / "installed" / "solution.dfy")],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0 and " 0 errors" in check.stdout, check.stdout
