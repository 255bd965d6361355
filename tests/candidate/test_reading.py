"""The gate's second reading: Dafny's own printout of the program it parsed.

Each cheat here hides code from a reader that is not Dafny (Boogie's preprocessor, a
lone CR ending a ``//`` comment, a keyword vericode's grammar does not know). Each is
first shown to verify under plain Dafny; then the second reading alone, given the
spliced program as Dafny would read it, refuses it. Honest programs pass it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from vericode.candidate.check import check_candidate
from vericode.candidate.reading import bodiless_foralls, dafny_reading
from vericode.dafny.run.backends import open_verifier
from vericode.dafny.run.verifier import LocalVerifier
from vericode.dafny.syntax.printout import parse_printout, walk
from vericode.problem.tagged import Problem, load_tagged, parse_tagged
from vericode.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PRINTOUTS = ROOT / "tests" / "fixtures" / "printout"

ABS = """// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method Abs(x: int) returns (y: int)
  ensures y >= 0
  ensures y == x || y == -x
// </vc-spec>
// <vc-code>
{
  assume {:axiom} false;
}
// </vc-code>
"""

HONEST_BODY = "  if x >= 0 { y := x; } else { y := -x; }\n"
CHEATS = {
    "preprocessor-else": "{\n#if VERICODE\n" + HONEST_BODY + "#else\n  assume false;\n#endif\n}",
    "preprocessor-hides-comment-end": "{\n#if X\n  /*\n#endif\n  assume false;\n#if X\n  */\n"
                                      "#endif\n}",
    "lone-cr-ends-comment": "{\n  y := 0; // harmless\r  assume false;\n}",
}


@pytest.fixture(scope="module")
def local() -> Iterator[LocalVerifier]:
    with open_verifier(Settings(verifier="local", sandbox="none"), jobs=1) as verifier:
        assert isinstance(verifier, LocalVerifier)
        yield verifier


def abs_problem() -> Problem:
    return parse_tagged(ABS, "abs.dfy", "abs")


def spliced(body: str) -> str:
    """The skeleton with ``body`` in its code slot, exactly (no canonical text)."""
    return ABS.replace("{\n  assume {:axiom} false;\n}", body)


def plain_dafny_verifies(text: str, tmp_path: Path) -> bool:
    path = tmp_path / "plain.dfy"
    path.write_bytes(text.encode())
    done = subprocess.run(["dafny", "/compile:0", "/nologo", "/timeLimit:20", str(path)],
                          capture_output=True, text=True, timeout=120, check=False)
    return done.returncode == 0 and " 0 errors" in done.stdout and (
        " 0 verified" not in done.stdout)


@pytest.mark.parametrize("name", sorted(CHEATS))
def test_a_cheat_only_dafny_can_read_is_refused_by_the_second_reading(
        name: str, local: LocalVerifier, tmp_path: Path) -> None:
    program = spliced(CHEATS[name])
    assert plain_dafny_verifies(program, tmp_path), "the cheat must verify under plain Dafny"
    found = dafny_reading(abs_problem(), program, local)
    assert found and all(v.rule == "dafny-reading" for v in found)
    assert any("differently" in v.message for v in found)


def test_the_honest_body_passes_the_second_reading(local: LocalVerifier,
                                                   tmp_path: Path) -> None:
    program = spliced("{\n" + HONEST_BODY + "}")
    assert plain_dafny_verifies(program, tmp_path)
    assert dafny_reading(abs_problem(), program, local) == []


@pytest.mark.parametrize("reference", sorted((ROOT / "problems").glob("*.ref.dfy"))[:12],
                         ids=lambda p: p.stem)
def test_shipped_references_are_read_alike(reference: Path, local: LocalVerifier) -> None:
    problem = load_tagged(reference.with_name(reference.name.replace(".ref", "")))
    outcome = check_candidate(problem, reference.read_text(), local)
    assert outcome.solved, outcome.violations


def test_a_copredicate_cheat_is_refused_end_to_end(local: LocalVerifier, tmp_path: Path) -> None:
    helper = "copredicate Never()\n  ensures false\n"
    body = "{\n  assert false;\n}"
    candidate = f"{helper}\nmethod Abs(x: int) returns (y: int)\n{body}\n"
    outcome = check_candidate(abs_problem(), candidate, local)
    assert not outcome.solved


def test_the_printout_parser_reads_every_declaration() -> None:
    decls = dict(walk(parse_printout((PRINTOUTS / "full.dprint.dfy").read_text())))
    assert "unknown" not in {d.kind for d in decls.values()}
    callables = [d for d in decls.values() if d.is_callable]
    assert callables and any(d.body is None for d in callables)
    assert any(d.body is not None for d in callables)


def test_the_printout_applies_the_preprocessor() -> None:
    source, printed = (PRINTOUTS / "pp.dfy").read_text(), (PRINTOUTS / "pp.dprint.dfy").read_text()
    assert "#if" in source and "#if" not in printed


def test_a_bodiless_forall_is_found_in_the_printers_layout() -> None:
    body = "forall i | 0 <= i < 3\n  ensures i < 3\nassert true;"
    with_body = "forall i | 0 <= i < 3\n  ensures i < 3\n{\n}"
    assert bodiless_foralls(body) == ["forall i | 0 <= i < 3"]
    assert bodiless_foralls(with_body) == []
    assert bodiless_foralls("b := forall i :: i > 0;") == []


def test_nothing_verified_is_not_verified(local: LocalVerifier) -> None:
    result = local.verify("method M()\n{\n}\n", "nothing.dfy")
    assert result.verdict.value == "failed" and "nothing was verified" in result.summary


UNCHECKED_SPEC = ABS.replace("method Abs(", "method {:verify false} Abs(")


def test_a_spec_method_dafny_never_checked_is_not_solved(local: LocalVerifier) -> None:
    problem = parse_tagged(UNCHECKED_SPEC, "unchecked.dfy", "unchecked")
    candidate = ("lemma Two()\n  ensures 1 + 1 == 2\n{\n}\n\n"
                 "method Abs(x: int) returns (y: int)\n{\n  y := -1;\n}\n")
    outcome = check_candidate(problem, candidate, local)
    assert outcome.verdict is not None and outcome.verdict.value == "verified"
    assert not outcome.solved
    assert "unaccounted" in {v.rule for v in outcome.violations}
    assert any(a.name == "Abs" for a in outcome.assumptions)
