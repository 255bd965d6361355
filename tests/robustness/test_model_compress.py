"""A program may use the name of the z3 option the wrapper drops (``model_compress``):
only the option line itself is dropped, so such a program verifies, or fails, for real."""

from __future__ import annotations

from pathlib import Path

import pytest

from vericode.dafny.run.pool import ServerPool
from vericode.dafny.run.verifier import LocalVerifier
from vericode.seams import Verdict

PROGRAMS = Path(__file__).parent.parent / "fixtures" / "robustness"


@pytest.mark.parametrize("name, verdict, summary", [
    ("model_compress.dfy", Verdict.VERIFIED, "finished with 1 verified, 0 errors"),
    ("model_compress_failing.dfy", Verdict.FAILED, "finished with 0 verified, 1 error"),
])
def test_a_model_compress_identifier_reaches_z3(
        name: str, verdict: Verdict, summary: str, verifier: LocalVerifier) -> None:
    result = verifier.verify((PROGRAMS / name).read_text(), name)
    assert result.verdict is verdict and result.summary.endswith(summary), result.output
    assert "Prover error" not in result.output, "the option line itself is still dropped"


def test_the_warm_pool_reads_it_the_same(pool: ServerPool, verifier: LocalVerifier) -> None:
    text = (PROGRAMS / "model_compress.dfy").read_text()
    warm = pool.verify(text, "model_compress.dfy")
    assert warm.verdict is Verdict.VERIFIED and "Prover error" not in warm.output
    assert warm.summary == verifier.verify(text, "model_compress.dfy").summary
