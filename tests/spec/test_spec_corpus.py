"""The shipped specs/: every file formalizes cleanly, covers every phrase family, and
each rendered contract admits its reference implementation and rejects wrong ones."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.spec.spec_support import REFS, SPECS, reference_program, spec_files
from vericode.dafny.run.verifier import LocalVerifier
from vericode.settings import Settings
from vericode.spec import formalize_text
from vericode.spec import nodes as n
from vericode.spec.skeleton import build

FAMILIES = {
    "emptiness and length": (n.Emptiness, n.LengthOf, n.LengthIs),
    "membership": (n.Membership,),
    "comparisons in words": (n.WordComparison, n.Between, n.Sign),
    "every / some element": (n.Quantified,),
    "sorted": (n.Sortedness,),
    "permutation": (n.Permutation,),
    "count of": (n.CountOf, n.CountWhere),
    "sum, product, maximum, minimum": (n.Aggregate,),
    "even, odd, divides": (n.Parity, n.Divisibility),
    "if, and, or, not": (n.IfThen, n.Binary, n.Not),
    "the result": (n.TheResult,),
    "no duplicates": (n.Distinctness,),
    "palindrome, reverse, subsequence, element counts": (
        n.Palindrome, n.Reverse, n.Subsequence, n.ElementCount),
}


def _verifier(tmp_path: Path) -> LocalVerifier:
    return LocalVerifier.from_settings(Settings(timeout=30, cache_dir=tmp_path / "cache"))


def test_there_are_at_least_25_specs_and_each_has_examples() -> None:
    specs = [spec for f in spec_files() for spec in f.specs]
    assert len(list(SPECS.glob("*.spec"))) >= 25
    assert len(specs) >= 25
    assert all(spec.examples for spec in specs)
    assert all(build(spec).signature for spec in specs)


def test_the_specs_cover_every_phrase_family_and_type() -> None:
    used = {type(e) for f in spec_files() for spec in f.specs for c in spec.clauses
            for e in n.walk(c.expr)}
    missing = [family for family, classes in FAMILIES.items() if not set(classes) <= used]
    assert missing == []
    kinds = {(e.quantifier, e.kind, e.var is None) for f in spec_files() for spec in f.specs
             for c in spec.clauses for e in n.walk(c.expr) if isinstance(e, n.Quantified)}
    assert {"every", "some", "no"} <= {k[0] for k in kinds}
    assert {"element", "index", "integer"} <= {k[1] for k in kinds}
    types = {p.type.name for f in spec_files() for spec in f.specs for p in spec.params}
    assert types >= {"int", "nat", "bool", "char", "string", "seq", "set", "multiset", "map",
                     "array"}
    assert any(spec.defines for f in spec_files() for spec in f.specs)
    assert any(spec.frame("modifies") for f in spec_files() for spec in f.specs)


@pytest.mark.slow
def test_every_spec_formalizes_cleanly(tmp_path: Path) -> None:
    """All files at once (one Dafny run): examples hold, no spec is weak."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SPECS.glob("*.spec")))
    report = formalize_text(text, "specs.spec", _verifier(tmp_path))
    failures = [(s.name, c.message) for s in report.specs for c in s.checks
                if c.status == "failed"]
    assert failures == []
    assert len(report.specs) == sum(len(f.specs) for f in spec_files())


@pytest.mark.slow
def test_reference_implementations_verify_against_the_rendered_contracts(
        tmp_path: Path) -> None:
    """Two programs verified side by side (Dafny uses one core each)."""
    verifier = _verifier(tmp_path)
    halves = [reference_program(REFS, part=k, parts=2) for k in range(2)]
    assert sum(len(m) for _, m in halves) == sum(len(f.specs) for f in spec_files())
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda h: verifier.verify(h[0], "refs.dfy"), halves))
    for result in results:
        assert result.ok, [(d.location.line, d.message) for d in result.errors]


@pytest.mark.slow
def test_wrong_implementations_do_not_verify(tmp_path: Path) -> None:
    text, modules = reference_program(REFS / "wrong", only_present=True)
    assert len(modules) >= 5
    result = _verifier(tmp_path).verify(text, "wrong.dfy")
    assert result.verdict.value == "failed"
    rejected = {m.name for m in modules for d in result.errors
                if m.first <= d.location.line <= m.last}
    assert rejected == {m.name for m in modules}
