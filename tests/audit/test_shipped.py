"""No shipped problem (each has a reference solution) is vacuous or weak."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vericode.audit import FindingKind, audit_problem
from vericode.dafny.run.pool import ServerPool
from vericode.problem.corpus import load_problem

PROBLEMS = sorted(p for p in (Path(__file__).resolve().parents[2] / "problems").glob("*.dfy")
                  if not p.name.endswith(".ref.dfy"))


@pytest.mark.slow
@settings(max_examples=4, deadline=None)
@given(path=st.sampled_from(PROBLEMS))
def test_no_shipped_problem_is_vacuous_or_weak(path: Path, pool: ServerPool) -> None:
    found = audit_problem(load_problem(path), pool)
    bad = {FindingKind.VACUOUS, FindingKind.WEAK}
    assert not [f for f in found.findings if f.kind in bad], (path.name, found.findings)
    assert found.verifier_version.startswith("Dafny")
