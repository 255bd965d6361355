"""The audit against the real Dafny: each kind of finding on a fixture made for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from vericode.audit import Audit, AuditStore, FindingKind, audit_cached, audit_problem
from vericode.audit.frozen import Frozen
from vericode.audit.trivial import trivial_candidates
from vericode.audit.unsat import parse_witness
from vericode.audit.vacuity import PROBE, probe_program
from vericode.dafny.run.pool import ServerPool
from vericode.errors import BadInput
from vericode.problem.corpus import load_problem
from vericode.problem.tagged import parse_tagged

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "audit"


def audit(name: str, pool: ServerPool, witness: str | None = None) -> Audit:
    path = FIXTURES / f"{name}.dfy" if "/" not in name else ROOT / name
    return audit_problem(load_problem(path), pool, witness)


def kinds(found: Audit) -> set[FindingKind]:
    return {f.kind for f in found.findings}


@pytest.mark.slow
def test_an_inconsistent_function_makes_the_spec_vacuous_and_is_named(pool: ServerPool) -> None:
    found = audit("vacuous_function", pool)
    assert found.verdict == "vacuous"
    (finding,) = found.flaws
    assert finding.culprit == "Bump"
    assert "proves false" in finding.detail


@pytest.mark.slow
def test_an_axiom_lemma_that_holds_for_no_argument_is_vacuous(pool: ServerPool) -> None:
    found = audit("vacuous_lemma", pool)
    assert kinds(found) == {FindingKind.VACUOUS}
    assert found.flaws[0].culprit == "Positive"


def test_the_code_slot_placeholder_is_not_in_the_probe() -> None:
    problem = load_problem(FIXTURES / "weak_abs.dfy")
    assert "assume {:axiom} false" in problem.text
    text = probe_program(Frozen.of(problem), [])
    assert "assume" not in text
    assert f"lemma {PROBE}()" in text


@pytest.mark.slow
def test_a_placeholder_assume_false_alone_is_not_vacuous(pool: ServerPool) -> None:
    found = audit("weak_abs", pool)
    assert FindingKind.VACUOUS not in kinds(found)


@pytest.mark.slow
def test_an_abs_that_only_ensures_nonnegative_is_weak_with_the_body(pool: ServerPool) -> None:
    found = audit("weak_abs", pool)
    assert found.verdict == "weak"
    bodies = [f.body or "" for f in found.flaws]
    assert any("y := 0;" in b for b in bodies)
    assert not any("y := x;" in b for b in bodies)  # the echo is not >= 0 for every x
    assert found.trivial_tried >= 3


@pytest.mark.slow
def test_abs_value_is_sound(pool: ServerPool) -> None:
    found = audit("problems/abs_value.dfy", pool)
    assert found.sound and found.verdict == "sound"
    assert found.trivial_tried >= 3


@pytest.mark.slow
def test_the_meta_witness_certifies_unsatisfiability(pool: ServerPool) -> None:
    found = audit("unsat_first", pool)
    assert kinds(found) == {FindingKind.UNSATISFIABLE}
    assert "a = [4, 2]" in found.flaws[0].detail


@pytest.mark.slow
def test_a_witness_for_which_an_output_exists_is_not_decided(pool: ServerPool) -> None:
    found = audit("unsat_first", pool, witness="a = [4, 2, 1, 1, 1, 1]")
    assert found.sound
    assert [f.kind for f in found.findings] == [FindingKind.NOT_DECIDED]


@pytest.mark.slow
def test_a_witness_outside_the_requires_is_not_decided(pool: ServerPool) -> None:
    found = audit("unsat_first", pool, witness="a = []")
    assert found.sound
    assert "requires" in found.findings[0].detail


@pytest.mark.slow
def test_arrays_are_not_decided(pool: ServerPool) -> None:
    found = audit("problems/fill_array.dfy", pool, witness="a = [1], v = 2")
    assert found.sound
    assert found.findings[0].kind is FindingKind.NOT_DECIDED
    assert "arrays" in found.findings[0].detail


def test_names_only_a_candidate_defines_make_it_depend(pool: ServerPool) -> None:
    text = (FIXTURES / "weak_abs.dfy").read_text().replace("ensures y >= 0",
                                                            "ensures Good(x, y)")
    found = audit_problem(parse_tagged(text, "depends.dfy"), pool)
    assert found.verdict == "depends"
    assert "Good" in found.flaws[0].detail


def test_trivial_candidates_cover_defaults_echo_constants_and_empty() -> None:
    problem = load_problem(ROOT / "problems" / "abs_value.dfy")
    texts = [text for _, text in trivial_candidates(Frozen.of(problem))]
    for expected in ("y := 0;", "y := x;", "y := 1;", "y := -1;"):
        assert any(expected in t for t in texts)
    assert any(t.endswith("{\n}\n") for t in texts)
    assert len(set(texts)) == len(texts)


def test_array_outputs_get_a_fresh_array() -> None:
    problem = parse_tagged("// <vc-spec>\nmethod M(n: nat) returns (a: array<int>)\n"
                           "  ensures a.Length == n\n// </vc-spec>\n// <vc-code>\n{\n}\n"
                           "// </vc-code>\n", "arr.dfy")
    texts = [text for _, text in trivial_candidates(Frozen.of(problem))]
    assert any("a := new int[0];" in t for t in texts)


def test_witnesses_parse_and_bad_ones_name_the_fix() -> None:
    assert parse_witness("x = 3, a = [1, 2], s = \"a,b\"") == {
        "x": "3", "a": "[1, 2]", "s": '"a,b"'}
    with pytest.raises(BadInput, match="name = value"):
        parse_witness("x == 3")


@pytest.mark.slow
def test_a_second_audit_is_answered_from_the_store(pool: ServerPool, tmp_path: Path) -> None:
    problem = load_problem(FIXTURES / "weak_abs.dfy")
    store = AuditStore(tmp_path / "store")
    first = audit_cached(problem, pool, None, store)
    second = audit_cached(problem, pool, None, store)
    assert not first.cached and second.cached
    assert second.findings == first.findings
    other = audit_cached(problem, pool, "x = 1", store)
    assert not other.cached
