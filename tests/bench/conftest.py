"""A small corpus with a scripted model whose behaviour is known problem by problem.

The corpus (tests/fixtures/bench) is six shipped problems; the script gives each its
own route (its id appears in the first prompt and in every repair prompt), so the runs
are the same whatever order the problem workers take them in:

==================  =======================================  ==========================
problem             script (3 rounds at most)                 expected
==================  =======================================  ==========================
abs_value           right                                     solved in round 1
clamp_value         wrong, right                              solved in round 2
is_even             wrong, wrong, wrong                       not solved: verification
last_element        cheat (assume false) x 3                  not solved: gate, assume
div_mod             HTTP 401                                  model error, no attempt
trusted_library     right (calls the trusted Library twice)   solved in round 1
==================  =======================================  ==========================

Every answer uses 100 prompt + 50 completion tokens; at --price-in 1 --price-out 2 (USD
per million) a call costs $0.0002.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests.llm.scripted_server import ScriptedServer, Status, Step

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "bench"


def fenced(code: str) -> str:
    return f"```dafny\n{code}\n```"


ABS_RIGHT = fenced("method Abs(x: int) returns (y: int)\n{\n  if x < 0 { y := -x; } else "
                   "{ y := x; }\n}")
CLAMP_WRONG = fenced("method Clamp(x: int, lo: int, hi: int) returns (r: int)\n{\n  r := x;\n}")
CLAMP_RIGHT = fenced("method Clamp(x: int, lo: int, hi: int) returns (r: int)\n{\n"
                     "  if x < lo { r := lo; } else if x > hi { r := hi; } else { r := x; }\n}")
EVEN_WRONG = fenced("method IsEven(x: int) returns (b: bool)\n{\n  b := x % 2 == 1;\n}")
LAST_CHEAT = fenced("method LastElement(s: seq<int>) returns (x: int)\n{\n  assume false;\n}")
TRUSTED_RIGHT = fenced("method Use(x: int) returns (y: int)\n{\n  var z := Library(x);\n"
                       "  y := Library(z);\n}")


def script() -> dict[str, Sequence[Step]]:
    return {"abs_value": [ABS_RIGHT], "clamp_value": [CLAMP_WRONG, CLAMP_RIGHT],
            "is_even": [EVEN_WRONG] * 3, "last_element": [LAST_CHEAT] * 3,
            "div_mod": [Status(401)], "trusted_library": [TRUSTED_RIGHT]}


PRICED = ("--model", "openai/scripted", "--api-key", "test", "--attempts", "3",
          "--price-in", "1", "--price-out", "2", "--no-cache", "--max-retries", "0")


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer(script()) as scripted:
        yield scripted


def bench_args(server: ScriptedServer, *extra: str) -> list[str]:
    return ["bench", str(CORPUS), *PRICED, "--api-base", server.base_url, "--jobs", "2",
            "--concurrency", "2", *extra]


def vericode(*args: str, cache: Path) -> subprocess.Popen[str]:
    """``vericode ARGS`` as a user runs it, in a subprocess (so a test can SIGKILL it)."""
    env = {**os.environ, "VERICODE_CACHE_DIR": str(cache)}
    env.pop("VERICODE_MODEL", None)
    return subprocess.Popen([sys.executable, "-m", "vericode", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)


def finish(process: subprocess.Popen[str], code: int = 0) -> str:
    stdout, stderr = process.communicate(timeout=240)
    assert process.returncode == code, stderr
    return stdout
