"""What `vericode check` and `vericode verify` do with inputs that are not a small UTF-8
text file: a clean error and exit 2, quickly, before any verifier runs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures"
PROBLEM = FIXTURES / "problems" / "sum_to.dfy"
REFERENCE = FIXTURES / "problems" / "sum_to.ref.dfy"


def vericode(*args: str, cache: Path, stdin: bytes = b"",
             seconds: float = 60) -> tuple[subprocess.CompletedProcess[str], float]:
    """The CLI's result and how long it took (killed after ``seconds``)."""
    env = {**os.environ, "VERICODE_CACHE_DIR": str(cache)}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "vericode", *args], input=stdin.decode(
        "latin-1"), capture_output=True, text=True, env=env, timeout=seconds,
        encoding="latin-1")
    return done, time.monotonic() - started


def refused(done: subprocess.CompletedProcess[str], message: str) -> None:
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.dfy"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("where", ["problem", "candidate"])
def test_a_fifo_is_refused_at_once(where: str, fifo: Path, tmp_path: Path) -> None:
    args = (str(fifo), str(REFERENCE)) if where == "problem" else (str(PROBLEM), str(fifo))
    done, seconds = vericode("check", *args, cache=tmp_path)
    refused(done, f"{fifo}: not a regular file (a named pipe)")
    assert seconds < 20


def test_a_fifo_spec_and_a_fifo_program_are_refused(tmp_path: Path) -> None:
    spec = tmp_path / "pipe.spec"
    os.mkfifo(spec)
    done, _ = vericode("check", str(spec), str(REFERENCE), cache=tmp_path)
    refused(done, f"{spec}: not a regular file (a named pipe)")
    os.mkfifo(tmp_path / "p.dfy")
    done, _ = vericode("verify", str(tmp_path / "p.dfy"), cache=tmp_path)
    refused(done, "p.dfy: not a regular file (a named pipe)")


@pytest.mark.parametrize("where", ["problem", "candidate"])
def test_dev_zero_is_refused_at_once(where: str, tmp_path: Path) -> None:
    args = ("/dev/zero", str(REFERENCE)) if where == "problem" else (str(PROBLEM), "/dev/zero")
    done, seconds = vericode("check", *args, cache=tmp_path)
    refused(done, "/dev/zero: not a regular file (a character device)")
    assert seconds < 20


def test_a_10_mb_candidate_is_refused_fast(tmp_path: Path) -> None:
    big = tmp_path / "big.dfy"
    big.write_bytes(REFERENCE.read_bytes() + b"// padding\n" * 1_000_000)
    done, seconds = vericode("check", str(PROBLEM), str(big), cache=tmp_path)
    refused(done, f"{big}: larger than the 1 MB limit for this input")
    assert seconds < 20
    done, _ = vericode("check", str(PROBLEM), "-", cache=tmp_path, stdin=big.read_bytes())
    refused(done, "<stdin>: larger than the 1 MB limit for this input")


def test_non_utf8_candidate_problem_and_stdin_exit_2(tmp_path: Path) -> None:
    latin = tmp_path / "latin.dfy"
    latin.write_bytes(REFERENCE.read_bytes().replace(b"Sum the", b"R\xe9sum\xe9 the"))
    done, _ = vericode("check", str(PROBLEM), str(latin), cache=tmp_path)
    refused(done, f"{latin}:2:5: the file is not UTF-8 text (byte 0xe9 cannot be decoded)")
    done, _ = vericode("check", str(latin), str(REFERENCE), cache=tmp_path)
    refused(done, f"{latin}:2:5: the file is not UTF-8 text")
    done, _ = vericode("verify", "-", cache=tmp_path, stdin=b"method M() {}\n// \xff\n")
    refused(done, "<stdin>:2:4: the file is not UTF-8 text (byte 0xff")


def test_a_crlf_candidate_on_stdin_verifies(tmp_path: Path) -> None:
    """The same candidate with Windows line ends and a BOM: accepted and verified."""
    text = b"\xef\xbb\xbf" + REFERENCE.read_bytes().replace(b"\n", b"\r\n")
    done, _ = vericode("check", str(PROBLEM), "-", cache=tmp_path, stdin=text, seconds=300)
    assert done.returncode == 0, done.stdout + done.stderr
