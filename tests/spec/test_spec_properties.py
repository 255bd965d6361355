"""Property tests: generated clauses render to Dafny that the verifier parses and
resolves, rendered Dafny reads back to itself, and junk never crashes the parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vericode.dafny.run.verifier import LocalVerifier
from vericode.errors import BadInput
from vericode.seams import Verdict
from vericode.settings import Settings
from vericode.spec import parse_spec_file
from vericode.spec.formalize import skeletons
from vericode.spec.skeleton import build

HEADER = """\
spec Gen
  input a: seq<int>
  input b: array<int>
  input s: set<int>
  input t: string
  input x: int
  input y: nat
  output m: int
  output ok: bool
"""

INTS = st.sampled_from(["x", "y", "m", "3", "-2", "|a|", "b.Length", "the sum of a",
                        "the length of t", "the count of x in a", "the product of b",
                        "the size of s", "a[0]", "x + y", "(x - 1) * m", "x % 3"])
SEQS = st.sampled_from(["a", "b", "a[1..]", "b[..]", "old(b)"])


def _atoms() -> st.SearchStrategy[str]:
    word = st.sampled_from(["is at least", "is at most", "is greater than", "is less than",
                            "is equal to", "is different from", "equals"])
    return st.one_of(
        st.builds("{} {} {}".format, INTS, word, INTS),
        st.builds("{} is between {} and {}".format, INTS, INTS, INTS),
        st.builds("{} is {}".format, INTS, st.sampled_from(
            ["even", "odd", "positive", "negative", "non-negative", "not zero"])),
        st.builds("{} divides {}".format, INTS, INTS),
        st.builds("{} is not divisible by {}".format, INTS, INTS),
        st.builds("{} is {}".format, SEQS, st.sampled_from(
            ["sorted", "strictly sorted", "sorted descending", "empty", "not empty"])),
        st.builds("{} is a permutation of {}".format, SEQS, SEQS),
        st.builds("{} is in {}".format, INTS, st.one_of(SEQS, st.just("s"))),
        st.builds("{} does not contain {}".format, SEQS, INTS),
        st.builds("{} has no duplicates".format, SEQS),
        st.builds("{} element of {} is {}".format, st.sampled_from(["every", "some", "no"]),
                  st.one_of(SEQS, st.just("s")), st.sampled_from(["positive", "even"])),
        st.builds("(every element v of {} satisfies v > {})".format, SEQS, INTS),
        st.builds("(there is an index p of {} such that {}[p] == {})".format,
                  st.sampled_from(["a", "t"]), st.just("a"), INTS),
        st.builds("(every integer q between {} and {} satisfies q != {})".format, INTS, INTS, INTS),
        st.sampled_from(["ok", "ok == true", "t == \"ab\""]),
    )


def _clauses() -> st.SearchStrategy[str]:
    return st.recursive(_atoms(), lambda inner: st.one_of(
        st.builds("{} and {}".format, inner, inner),
        st.builds("({}) or ({})".format, inner, inner),
        st.builds("not ({})".format, inner),
        st.builds("if {} then {}".format, inner, inner),
        st.builds("({}) iff ({})".format, inner, inner),
    ), max_leaves=4)


def _spec(clauses: list[str]) -> str:
    return HEADER + "".join(f"  ensures: {c}\n" for c in clauses)


@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_clauses(), min_size=15, max_size=15))
def test_generated_clauses_render_to_dafny_the_verifier_resolves(
        tmp_path_factory: pytest.TempPathFactory, clauses: list[str]) -> None:
    """Fifteen clauses per program, so each Dafny run answers for many."""
    spec = parse_spec_file(_spec(clauses)).specs[0]
    skeleton = build(spec)
    assert len(skeleton.clauses) == 15
    cache = Path(str(tmp_path_factory.mktemp("gen")))
    verifier = LocalVerifier.from_settings(Settings(timeout=3, cache_dir=cache))
    result = verifier.verify(skeleton.text, "generated.dfy")
    assert result.verdict not in (Verdict.PARSE_ERROR, Verdict.RESOLUTION_ERROR), (
        result.output)


@settings(max_examples=150, deadline=None)
@given(_clauses())
def test_rendered_dafny_reads_back_to_itself(clause: str) -> None:
    first = build(parse_spec_file(_spec([clause])).specs[0]).clauses[0].dafny
    again = build(parse_spec_file(_spec([first])).specs[0]).clauses[0].dafny
    assert again == first


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_junk_clauses_are_clean_errors(junk: str) -> None:
    try:
        skeletons(parse_spec_file(_spec([junk.replace("\n", " ")]), "junk.spec"))
    except BadInput as exc:
        assert exc.message.startswith("junk.spec")


VALID = (Path(__file__).resolve().parents[2] / "specs" / "linear_search.spec").read_text()


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(VALID) - 1), st.integers(0, 12), st.text(max_size=6))
def test_damaged_specs_never_crash(start: int, cut: int, insert: str) -> None:
    damaged = VALID[:start] + insert + VALID[start + cut:]
    try:
        skeletons(parse_spec_file(damaged, "damaged.spec"))
    except BadInput as exc:
        assert exc.message.startswith("damaged.spec")
