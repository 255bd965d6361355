"""The statistics against known values and against brute force."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vericode.report.stats import pass_at_k, wilson


@pytest.mark.parametrize("solved, total, low, high", [
    (3, 6, 0.18761, 0.81239),  # statsmodels proportion_confint(method="wilson")
    (0, 10, 0.0, 0.27753),
    (10, 10, 0.72247, 1.0),
    (1, 1, 0.20654, 1.0),
])
def test_wilson_known_values(solved: int, total: int, low: float, high: float) -> None:
    found = wilson(solved, total)
    assert found == pytest.approx((low, high), abs=5e-5)


def test_wilson_of_nothing_is_the_whole_interval() -> None:
    assert wilson(0, 0) == (0.0, 1.0)


def brute_force(n: int, c: int, k: int) -> Fraction:
    """The share of all k-subsets of n samples (the first c correct) holding a correct one."""
    subsets = list(itertools.combinations(range(n), k))
    return Fraction(sum(1 for s in subsets if min(s) < c), len(subsets))


@given(st.integers(1, 9).flatmap(lambda n: st.tuples(
    st.just(n), st.integers(0, n), st.integers(1, n))))
def test_pass_at_k_is_the_share_of_k_subsets_with_a_correct_sample(
        nck: tuple[int, int, int]) -> None:
    n, c, k = nck
    assert pass_at_k(n, c, k) == pytest.approx(float(brute_force(n, c, k)), abs=1e-12)


def test_pass_at_k_is_stable_for_large_n() -> None:
    assert pass_at_k(10_000, 1, 1) == pytest.approx(1e-4)
    assert pass_at_k(10_000, 0, 500) == 0.0
    assert pass_at_k(10_000, 9_600, 500) == 1.0


@pytest.mark.parametrize("n, c, k", [(3, 4, 1), (3, 1, 0), (3, 1, 4), (0, 0, 1)])
def test_pass_at_k_refuses_impossible_counts(n: int, c: int, k: int) -> None:
    with pytest.raises(ValueError, match="pass@k needs"):
        pass_at_k(n, c, k)
