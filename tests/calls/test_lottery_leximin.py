"""LEXIMIN against an independent brute force: every feasible panel, solved with SciPy."""

import itertools
import random

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from sortition import (
    InfeasibleQuotasError,
    LeximinError,
    Problem,
    Quota,
    Volunteer,
    check_feasibility,
    compute_leximin,
)


def brute_force_leximin(problem: Problem) -> dict[str, float]:
    """Leximin marginals over *all* feasible panels, by plain LPs (no duals, no pricing).

    Round r: maximise t with every unfixed agent >= t and fixed agents >= their value; then
    an unfixed agent is fixed at t when even maximising its own probability (others >= t,
    fixed as before) cannot get above t.
    """
    ids = problem.ids
    n = len(ids)
    panels = [
        c
        for c in itertools.combinations(range(n), problem.seats)
        if problem.panel_meets_quotas([ids[i] for i in c])
    ]
    assert panels, "the test problem must be feasible"
    m = len(panels)
    a = np.zeros((n, m))
    for j, p in enumerate(panels):
        a[list(p), j] = 1.0
    fixed = {i: 0.0 for i in range(n) if not a[i].any()}
    eq = np.r_[np.ones(m), 0.0][None, :]
    bounds = [(0, None)] * m + [(None, None)]
    while len(fixed) < n:
        unfixed = [i for i in range(n) if i not in fixed]
        rows = [np.r_[-a[i], 1.0] for i in unfixed] + [np.r_[-a[i], 0.0] for i in fixed]
        rhs = [0.0] * len(unfixed) + [-f + 1e-10 for f in fixed.values()]
        res = linprog(
            np.r_[np.zeros(m), -1.0],
            A_ub=rows,
            b_ub=rhs,
            A_eq=eq,
            b_eq=[1.0],
            bounds=bounds,
            method="highs",
        )
        assert res.status == 0
        t = -res.fun
        newly = []
        for i in unfixed:
            others = [j for j in unfixed if j != i]
            rows2 = [np.r_[-a[j], 0.0] for j in others] + [np.r_[-a[j], 0.0] for j in fixed]
            rhs2 = [-t + 1e-9] * len(others) + [-f + 1e-9 for f in fixed.values()]
            res2 = linprog(
                np.r_[-a[i], 0.0],
                A_ub=rows2 or None,
                b_ub=rhs2 or None,
                A_eq=eq,
                b_eq=[1.0],
                bounds=bounds,
                method="highs",
            )
            assert res2.status == 0
            if -res2.fun <= t + 1e-7:
                newly.append(i)
        assert newly, "some agent must be tight in every round"
        for i in newly:
            fixed[i] = t
    return {ids[i]: fixed[i] for i in range(n)}


def small_problem(seed: int, n: int, seats: int, skew: float) -> Problem:
    """Two features; ``skew`` pushes the pool towards one gender and one age band."""
    rng = random.Random(seed)
    pool = []
    for i in range(n):
        gender = "w" if rng.random() < 0.5 + skew / 2 else "m"
        age = rng.choices(["young", "mid", "old"], weights=[1, 2, 2 + 6 * skew])[0]
        pool.append(Volunteer(f"v{i:02d}", {"gender": gender, "age": age}))
    half = seats // 2
    quotas = [
        Quota("gender", "w", half, seats - half),
        Quota("gender", "m", seats - half - (seats % 2), seats - half),
        Quota("age", "young", 1, 2),
        Quota("age", "mid", 0, 2),
        Quota("age", "old", 0, 2),
    ]
    return Problem(pool, quotas, seats)


def _cases():
    cases = []
    for seed in range(60):
        n, seats, skew = 8 + seed % 5, 3 + seed % 2, (seed % 3) / 3
        problem = small_problem(seed, n, seats, skew)
        counts = {q.key: len(problem.holders(q)) for q in problem.quotas}
        if counts["gender", "m"] >= 1 and counts["age", "young"] >= 1:
            if not check_feasibility(problem).feasible:
                continue
            cases.append(pytest.param(problem, id=f"seed{seed}-n{n}-k{seats}-skew{skew:.2f}"))
        if len(cases) == 8:
            break
    return cases


HAND_MADE = Problem(
    # Very skewed: one young man, many old women; the young man is in every panel.
    [Volunteer("ym", {"g": "m", "a": "young"})]
    + [Volunteer(f"ow{i}", {"g": "w", "a": "old"}) for i in range(7)]
    + [Volunteer(f"om{i}", {"g": "m", "a": "old"}) for i in range(2)]
    + [Volunteer("yw", {"g": "w", "a": "young"})],
    [
        Quota("g", "m", 1, 2),
        Quota("g", "w", 1, 3),
        Quota("a", "young", 1, 1),
        Quota("a", "old", 2, 3),
    ],
    4,
)

WITH_EXCLUDED = Problem(
    # Nobody "mid" can ever sit: max 0. They must get probability 0, the others leximin.
    [Volunteer(f"p{i}", {"g": "wm"[i % 2], "a": ["young", "mid", "old"][i % 3]}) for i in range(9)],
    [
        Quota("g", "w", 1, 2),
        Quota("g", "m", 1, 2),
        Quota("a", "young", 1, 2),
        Quota("a", "mid", 0, 0),
        Quota("a", "old", 1, 2),
    ],
    3,
)


@pytest.mark.parametrize(
    "problem",
    [
        *_cases(),
        pytest.param(HAND_MADE, id="hand-made-skewed"),
        pytest.param(WITH_EXCLUDED, id="never-selectable"),
    ],
)
def test_matches_brute_force(problem):
    result = compute_leximin(problem)
    expected = brute_force_leximin(problem)
    # The leximin marginal vector is unique, so compare volunteer by volunteer (stronger
    # than comparing the sorted vectors).
    for vid in problem.ids:
        assert result.marginals[vid] == pytest.approx(expected[vid], abs=1e-6), vid
    assert sorted(result.marginals.values()) == pytest.approx(sorted(expected.values()), abs=1e-6)


def test_never_selectable_are_reported_with_zero():
    result = compute_leximin(WITH_EXCLUDED)
    mids = [v.id for v in WITH_EXCLUDED.pool if v.features["a"] == "mid"]
    assert list(result.never_selectable) == mids
    assert all(result.marginals[m] == 0.0 for m in mids)
    assert all(m not in p for p in result.panels for m in mids)


@pytest.mark.parametrize("problem", [HAND_MADE, WITH_EXCLUDED, small_problem(3, 11, 4, 0.0)])
def test_distribution_is_a_valid_lottery(problem):
    result = compute_leximin(problem)
    assert sum(result.probabilities) == pytest.approx(1.0, abs=1e-12)
    assert all(p > 0 for p in result.probabilities)
    assert sum(result.marginals.values()) == pytest.approx(problem.seats, abs=1e-9)
    assert len(set(result.panels)) == len(result.panels)
    for panel in result.panels:
        assert len(panel) == problem.seats
        assert list(panel) == sorted(panel)
        assert problem.panel_meets_quotas(panel)
    # Marginals are what the support says they are.
    for vid in problem.ids:
        implied = sum(p for panel, p in zip(result.panels, result.probabilities) if vid in panel)
        assert result.marginals[vid] == pytest.approx(implied, abs=1e-12)


def test_deterministic_and_independent_of_input_order():
    problem = small_problem(7, 12, 4, 1 / 3)
    first = compute_leximin(problem)
    shuffled_pool = list(problem.pool)
    random.Random(1).shuffle(shuffled_pool)
    second = compute_leximin(Problem(shuffled_pool, list(reversed(problem.quotas)), 4))
    assert first == second  # stats (timings) are excluded from equality
    assert first.panels == tuple(sorted(first.panels, key=",".join))


def test_iteration_cap_fails_loudly():
    with pytest.raises(LeximinError, match="exceeded 3 iterations"):
        compute_leximin(small_problem(7, 12, 4, 1 / 3), max_iterations=3)


def test_infeasible_quotas_fail_loudly():
    gender = [q for q in HAND_MADE.quotas if q.feature == "g"]
    age = [Quota("a", "young", 3, 3), Quota("a", "old", 1, 1)]
    problem = Problem(HAND_MADE.pool, gender + age, 4)
    with pytest.raises(InfeasibleQuotasError) as info:
        compute_leximin(problem)
    assert "young" in str(info.value)


@st.composite
def tiny_problems(draw):
    n = draw(st.integers(6, 9))
    seats = draw(st.integers(2, 4))
    genders = draw(st.lists(st.sampled_from("wm"), min_size=n, max_size=n))
    ages = draw(st.lists(st.sampled_from(["y", "o"]), min_size=n, max_size=n))
    pool = [Volunteer(f"x{i}", {"g": g, "a": a}) for i, (g, a) in enumerate(zip(genders, ages))]
    quotas = []
    for feature, values in (("g", "wm"), ("a", ["y", "o"])):
        for value in values:
            low = draw(st.integers(0, 1))
            high = draw(st.integers(max(low, seats // 2), seats))
            quotas.append(Quota(feature, value, low, high))
    return Problem(pool, quotas, seats)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_problems())
def test_property_matches_brute_force_on_random_tiny_pools(problem):
    try:
        result = compute_leximin(problem)
    except InfeasibleQuotasError:
        ids = problem.ids
        assert not any(
            problem.panel_meets_quotas([ids[i] for i in c])
            for c in itertools.combinations(range(len(ids)), problem.seats)
        )
        return
    expected = brute_force_leximin(problem)
    for vid in problem.ids:
        assert result.marginals[vid] == pytest.approx(expected[vid], abs=1e-6)


# Not only maximin: A, B, C share at most one seat (so none can exceed 1/3), D and E fill
# the rest. Maximin is satisfied by any lottery giving everyone ≥ 1/3 — including one
# that leaves D at 1/3 and lifts E to 2/3. Leximin goes on after the minimum and lifts the
# second-lowest level: D and E both at 1/2.
NOT_ONLY_MAXIMIN = Problem(
    [Volunteer(v, {"g": "x"}) for v in "ABC"] + [Volunteer(v, {"g": "y"}) for v in "DE"],
    [Quota("g", "x", 0, 1), Quota("g", "y", 1, 2)],
    2,
)


def _panels_matrix(problem: Problem):
    ids = problem.ids
    panels = [
        c
        for c in itertools.combinations(range(len(ids)), problem.seats)
        if problem.panel_meets_quotas([ids[i] for i in c])
    ]
    a = np.zeros((len(ids), len(panels)))
    for j, p in enumerate(panels):
        a[list(p), j] = 1.0
    return a


def test_leximin_lifts_the_second_level_where_maximin_does_not():
    problem = NOT_ONLY_MAXIMIN
    result = compute_leximin(problem)
    leximin = result.marginals
    assert sorted(leximin.values()) == pytest.approx([1 / 3] * 3 + [1 / 2] * 2, abs=1e-6)

    # Maximin, independently: maximise t with every probability >= t, over all panels.
    a = _panels_matrix(problem)
    n, m = a.shape
    eq = np.r_[np.ones(m), 0.0][None, :]
    bounds = [(0, None)] * m + [(None, None)]
    res = linprog(
        np.r_[np.zeros(m), -1.0],
        A_ub=[np.r_[-a[i], 1.0] for i in range(n)],
        b_ub=[0.0] * n,
        A_eq=eq,
        b_eq=[1.0],
        bounds=bounds,
        method="highs",
    )
    maximin = -res.fun
    assert maximin == pytest.approx(min(leximin.values()), abs=1e-9)

    # Among maximin-optimal lotteries, one leaves D at the minimum: maximin alone does not
    # lift the second level; leximin does (D at 1/2).
    d = problem.ids.index("D")
    worst_d = linprog(
        a[d],
        A_ub=[-a[i] for i in range(n)],
        b_ub=[-maximin + 1e-12] * n,
        A_eq=np.ones((1, m)),
        b_eq=[1.0],
        bounds=[(0, None)] * m,
        method="highs",
    )
    assert worst_d.status == 0
    second_lowest_under_maximin = sorted(a @ worst_d.x)[3]
    second_lowest_under_leximin = sorted(leximin.values())[3]
    assert worst_d.fun == pytest.approx(1 / 3, abs=1e-9)
    assert second_lowest_under_leximin > second_lowest_under_maximin + 0.1
