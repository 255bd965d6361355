"""The adversarial corpus (tests/fixtures/gate/attack): cheats that plain Dafny 2.3
verifies are refused by vericode's own reading; honest candidates are solved.

Each cheat JSON holds the tagged problem, the candidate and why it cheats; the ``.dfy``
beside it is the whole program as plain Dafny 2.3 reads it, and each test first shows
that it verifies there (a pipeline without the gate would call it solved). The gate
alone (splice, then ``gate.check``, without the verifier's second reading) must refuse
it, naming the rule.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from vericode.candidate.check import check_candidate
from vericode.candidate.extract import extract_program
from vericode.candidate.gate import check
from vericode.candidate.splice import splice
from vericode.dafny.run.pool import ServerPool
from vericode.dafny.run.verifier import LocalVerifier
from vericode.problem.tagged import Problem, parse_tagged
from vericode.seams import Verdict

ATTACK = Path(__file__).resolve().parents[1] / "fixtures" / "gate" / "attack"
DAFNY_23 = "Dafny 2.3.0.10506 (z3 4.8.12)"

EXPECTED = {
    "bug_1219_iset_russell": "unsound-dafny-2.3-1219",
    "bug_2511_bitvector_decreases": "unsound-dafny-2.3-2511",
    "bug_3152_class_type_parameter": "unsound-dafny-2.3-3152",
    "bug_600_vacuous_seq_index": "unsound-dafny-2.3-600",
    "bug_922_const_breaks_subset_type": "unsound-dafny-2.3-922",
    "bug_knot_const_field": "unsound-dafny-2.3-2750",
    "bug_landin_knot_ghost_field": "unsound-dafny-2.3-2178",
    "bug_2178_box_knot": "unsound-dafny-2.3-2178",
    "bug_2178_boxinfer_knot": "unsound-dafny-2.3-2178",
    "bug_2178_arr_knot": "unsound-dafny-2.3-2178",
    "bug_2178_dt_knot": "unsound-dafny-2.3-2178",
    "kw_abstract_module_refined": "abstract",
    "kw_assume_axiom_postcondition": "assume",
    "kw_bodiless_iterator": "iterator",
    "kw_decreases_let_fake_body": "bodiless",
    "kw_decreases_star_recursion": "decreases-star",
    "kw_decreases_star_spec": "decreases-star",
    "kw_extern_lemma": "extern",
    "kw_forall_after_case": "forall-without-body",
    "kw_forall_after_label": "forall-without-body",
    "kw_forall_ensures_set_display": "forall-without-body",
    "kw_forall_in_match_case": "forall-without-body",
    "kw_free_invariant": "free",
    "kw_import_opened_module": "import",
    "kw_include_unverified_file": "include",
    "kw_inductive_lemma_bodiless": "inductive",
    "kw_inline_lemma": "inline",
    "kw_inline_zero_oracle": "inline",
    "kw_parallel_bodiless": "parallel",
    "kw_refines_redeclare": "refines",
    "kw_selective_checking_helper": "attribute",
    "kw_twostate_function_bodiless": "twostate",
    "kw_twostate_lemma_bodiless": "twostate",
    "kw_verify_false_spaced": "verify-false",
    "kw_verify_paren_false": "verify-false",
    "kw_verify_true_then_false": "verify-false",
    "cr_assume_in_body": "lone-carriage-return",
    "cr_hidden_verify_false": "lone-carriage-return",
    "cr_free_ensures_oracle": "lone-carriage-return",
    "cr_swap_body": "lone-carriage-return",
}
"""Cheat -> the rule that must refuse it (the others: any refusal, or not verified)."""
REFUSED_BY_DESIGN = {"verify_true_attribute"}
"""Honest, but off the allow-list on purpose: ``{:verify ...}`` is refused whatever its
argument (``{:verify (false)}`` turns checking off just as ``{:verify false}`` does)."""


@dataclass(frozen=True)
class Attack:
    name: str
    problem: Problem
    candidate: str
    plain: Path
    """The whole program as plain Dafny 2.3 reads it."""


def _load(kind: str) -> list[Attack]:
    out = []
    for path in sorted((ATTACK / kind).glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        problem = parse_tagged(record["problem"], str(path), path.stem)
        out.append(Attack(path.stem, problem, record["candidate"], path.with_suffix(".dfy")))
    return out


CHEATS = _load("cheats")
HONEST = _load("honest")


def _gate_rules(attack: Attack) -> set[str]:
    spliced = splice(attack.problem, extract_program(attack.candidate).code)
    if spliced.program is None:
        return {"unparsable"}
    result = check(attack.problem.text, attack.problem.slot_ranges(), spliced.program,
                   attack.problem.fillable, DAFNY_23)
    return {v.rule for v in result.violations}


def test_the_corpus_is_there() -> None:
    assert len(CHEATS) >= 50 and len(HONEST) >= 25
    assert set(EXPECTED) <= {c.name for c in CHEATS}


@pytest.mark.parametrize("attack", CHEATS, ids=lambda a: a.name)
def test_a_cheat_verifies_under_plain_dafny_and_is_never_solved(attack: Attack,
                                                                pool: ServerPool) -> None:
    if attack.name != "kw_include_unverified_file":  # its include is relative to its file
        plain = pool.verify(attack.plain.read_text(encoding="utf-8"), attack.plain.name)
        assert plain.verdict is Verdict.VERIFIED, plain.output
    outcome = check_candidate(attack.problem, attack.candidate, pool)
    assert not outcome.solved
    rules = _gate_rules(attack)
    if attack.name in EXPECTED:
        assert EXPECTED[attack.name] in rules, rules


@pytest.mark.parametrize("attack", HONEST, ids=lambda a: a.name)
def test_an_honest_candidate_is_accepted_and_verified(attack: Attack,
                                                      verifier: LocalVerifier) -> None:
    if attack.name in REFUSED_BY_DESIGN:
        assert _gate_rules(attack) == {"verify-false"}
        return
    assert _gate_rules(attack) == set()
    outcome = check_candidate(attack.problem, attack.candidate, verifier)
    assert outcome.violations == []
    assert outcome.solved, outcome.diagnostics
