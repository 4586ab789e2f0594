"""Feasibility: HiGHS decides; infeasible quotas come with a minimal, working relaxation."""

import itertools
from collections import Counter

import pytest

from sortition import (
    InfeasibleQuotasError,
    Problem,
    ProblemError,
    Quota,
    Volunteer,
    check_feasibility,
    load_problem,
    require_feasible,
)

DATA = "tests/calls/data"


def smallest_total_violation(problem: Problem) -> int:
    """Brute force: over every set of `seats` volunteers, the least total quota violation."""
    best = None
    for panel in itertools.combinations(problem.pool, problem.seats):
        counts = Counter(item for v in panel for item in v.features.items())
        total = sum(
            max(0, q.min - counts[q.key]) + max(0, counts[q.key] - q.max) for q in problem.quotas
        )
        best = total if best is None else min(best, total)
    return best


def test_feasible_quotas_give_an_example_panel():
    problem = load_problem(f"{DATA}/lottery_pool.csv", f"{DATA}/lottery_quotas.csv", 4)
    report = check_feasibility(problem)
    assert report.feasible and not report.messages and not report.relaxations
    assert problem.panel_meets_quotas(report.example_panel)


def test_infeasible_quotas_come_with_a_minimal_relaxation_that_works():
    problem = load_problem(f"{DATA}/lottery_pool.csv", f"{DATA}/lottery_quotas_infeasible.csv", 4)
    report = check_feasibility(problem)
    assert not report.feasible
    assert report.messages == ()  # not a trivial case: the IP had to find it
    assert report.relaxations
    total = sum((r.min - r.suggested_min) + (r.suggested_max - r.max) for r in report.relaxations)
    assert total == smallest_total_violation(problem) == 1
    relaxed = Problem(problem.pool, report.relaxed_quotas(problem.quotas), problem.seats)
    assert check_feasibility(relaxed).feasible
    with pytest.raises(InfeasibleQuotasError) as info:
        require_feasible(problem)
    assert "Smallest relaxation" in str(info.value)
    assert info.value.report == report


def test_several_quotas_relaxed_at_once():
    pool = [
        Volunteer(f"v{i}", {"g": "w" if i < 6 else "m", "a": "o" if i % 3 else "y"})
        for i in range(9)
    ]
    quotas = [
        Quota("g", "w", 0, 1),
        Quota("g", "m", 3, 3),
        Quota("a", "y", 3, 4),
        Quota("a", "o", 0, 0),
    ]
    problem = Problem(pool, quotas, 4)
    report = check_feasibility(problem)
    assert not report.feasible
    total = sum((r.min - r.suggested_min) + (r.suggested_max - r.max) for r in report.relaxations)
    assert total == smallest_total_violation(problem)
    assert len(report.relaxations) >= 2
    relaxed = Problem(pool, report.relaxed_quotas(quotas), 4)
    assert check_feasibility(relaxed).feasible


def test_trivial_impossibilities_are_explained():
    pool = [Volunteer(f"v{i}", {"g": "w" if i < 5 else "m"}) for i in range(7)]
    report = check_feasibility(Problem(pool, [Quota("g", "w", 1, 5), Quota("g", "m", 3, 4)], 4))
    assert "g=m: min 3 but only 2 volunteer(s) have it" in report.messages
    assert not report.feasible and report.relaxations

    report = check_feasibility(Problem(pool, [Quota("g", "w", 3, 5), Quota("g", "m", 2, 2)], 4))
    assert "g: the minima add up to 5 > 4 seats" in report.messages

    report = check_feasibility(Problem(pool, [Quota("g", "w", 0, 1), Quota("g", "m", 0, 2)], 4))
    assert any("at most 3 seat(s)" in m for m in report.messages)

    report = check_feasibility(Problem(pool, [Quota("g", "w", 0, 5), Quota("g", "m", 0, 2)], 8))
    assert report.messages[0] == "8 seats but only 7 volunteers"
    assert not report.relaxations  # relaxing quotas cannot help
    assert "8 seats but only 7 volunteers" in report.explain()


def test_malformed_problems_are_refused():
    pool = [Volunteer("a", {"g": "w"}), Volunteer("b", {"g": "m"})]
    with pytest.raises(ProblemError, match="min 2 > max 1"):
        check_feasibility(Problem(pool, [Quota("g", "w", 2, 1), Quota("g", "m", 0, 1)], 1))
    with pytest.raises(ProblemError, match="unknown feature"):
        check_feasibility(Problem(pool, [Quota("x", "w", 0, 1)], 1))
    with pytest.raises(ProblemError, match="no quota row"):
        check_feasibility(Problem(pool, [Quota("g", "w", 0, 1)], 1))
    with pytest.raises(ProblemError, match="duplicate volunteer"):
        check_feasibility(Problem([*pool, Volunteer("a", {"g": "w"})], [], 1))
    with pytest.raises(ProblemError, match="comma"):
        check_feasibility(Problem([Volunteer("a,b", {"g": "w"})], [], 1))
