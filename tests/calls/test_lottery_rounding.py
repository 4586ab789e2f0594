"""Rounding to N panels: exact size, the k / N marginal bound, determinism."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sortition import (
    RoundingError,
    compute_leximin,
    list_hash,
    load_problem,
    round_lottery,
)
from sortition.rounding import DEFAULT_PANELS

from .test_lottery_fairness import skewed_pool
from .test_lottery_leximin import HAND_MADE, small_problem

DATA = "tests/calls/data"


def exact_marginals(panels, probabilities):
    out = {}
    for panel, p in zip(panels, probabilities):
        for i in panel:
            out[i] = out.get(i, 0.0) + p
    return out


def check(lottery, panels, probabilities, n):
    assert lottery.size == n == len(lottery.panels)
    assert sum(c for _, c in lottery.counts) == n
    k = max(len(p) for p in panels)
    assert lottery.bound == k / n
    exact = exact_marginals(panels, probabilities)
    for person, p in exact.items():
        counted = sum(person in panel for panel in lottery.panels) / n
        assert counted == pytest.approx(lottery.marginals[person], abs=1e-12)
        assert abs(counted - p) < k / n + 1e-9
    support = {tuple(sorted(p)) for p in panels}
    assert set(lottery.panels) <= support
    lines = [",".join(p) for p in lottery.panels]
    assert lines == sorted(lines)


@pytest.mark.parametrize("n", [DEFAULT_PANELS, 1000, 97, 10, 1])
def test_leximin_lottery_rounds_within_bound(n):
    problem = load_problem(f"{DATA}/lottery_pool.csv", f"{DATA}/lottery_quotas.csv", 4)
    result = compute_leximin(problem)
    lottery = round_lottery(result.panels, result.probabilities, n)
    check(lottery, result.panels, result.probabilities, n)
    assert all(problem.panel_meets_quotas(p) for p in lottery.panels)


def test_large_support_rounds_within_bound():
    problem = skewed_pool()
    result = compute_leximin(problem)
    lottery = round_lottery(result.panels, result.probabilities)
    check(lottery, result.panels, result.probabilities, DEFAULT_PANELS)
    assert lottery.max_deviation < problem.seats / DEFAULT_PANELS
    assert min(lottery.marginals[i] for i in problem.ids) >= result.min_probability - 1e-3


def test_rounding_is_deterministic():
    for problem in (HAND_MADE, small_problem(5, 12, 4, 0.5)):
        hashes = set()
        for _ in range(2):
            result = compute_leximin(problem)
            hashes.add(list_hash(round_lottery(result.panels, result.probabilities).panels))
        assert len(hashes) == 1
    # The order in which the support is given does not matter either.
    result = compute_leximin(HAND_MADE)
    pairs = list(zip(result.panels, result.probabilities))[::-1]
    reordered = round_lottery([p for p, _ in pairs], [q for _, q in pairs])
    assert reordered == round_lottery(result.panels, result.probabilities)


def test_invalid_input_is_refused():
    with pytest.raises(RoundingError, match="sum to"):
        round_lottery([("a", "b")], [0.5])
    with pytest.raises(RoundingError, match="one probability per panel"):
        round_lottery([("a", "b")], [0.5, 0.5])
    with pytest.raises(RoundingError, match="repeated member"):
        round_lottery([("a", "a")], [1.0])
    with pytest.raises(RoundingError, match="positive"):
        round_lottery([("a", "b")], [1.0], 0)


@st.composite
def distributions(draw):
    people = [f"p{i}" for i in range(draw(st.integers(3, 9)))]
    k = draw(st.integers(1, min(4, len(people) - 1)))
    all_panels = list(itertools.combinations(people, k))
    panels = draw(st.lists(st.sampled_from(all_panels), min_size=1, max_size=25, unique=True))
    weights = draw(
        st.lists(st.floats(1e-6, 1.0, allow_nan=False), min_size=len(panels), max_size=len(panels))
    )
    total = sum(weights)
    return panels, [w / total for w in weights]


@settings(max_examples=150, deadline=None)
@given(distributions(), st.integers(1, 5000))
def test_property_rounding_preserves_size_and_bound(distribution, n):
    panels, probabilities = distribution
    lottery = round_lottery(panels, probabilities, n)
    check(lottery, panels, probabilities, n)
