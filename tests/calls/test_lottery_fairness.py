"""LEXIMIN against the LEGACY greedy method on a skewed pool of 200 volunteers.

How the greedy minimum is estimated, honestly:

* Greedy treats volunteers with identical features identically, so its probabilities are
  equal within a *type* (feature vector). Estimating per type pools many volunteers and is
  far less noisy than per volunteer.
* The type to test is chosen on an *exploration* simulation (seed 1), then its
  probability is estimated on an *independent* simulation (seed 2), so the
  choice of the minimum does not bias the estimate downwards.
* The per-run fraction X of that type's members selected lies in [0, 1] and has mean equal
  to their selection probability. We take the empirical-Bernstein upper confidence bound
  (Maurer & Pontil 2009, Thm. 4) at confidence 1 - 1e-6:
  mean + sqrt(2 V ln(2/δ) / R) + 7 ln(2/δ) / (3 (R - 1)).
* The assertion is leximin_min >= 3 * that upper bound. Since the greedy minimum is at most
  this type's probability, the claim "LEXIMIN's minimum is at least 3x greedy's" holds
  with confidence >= 1 - 1e-6 (and the seeds are fixed, so the test is deterministic).
"""

import math
import random
import statistics
import time
from collections import defaultdict

from sortition import Problem, Quota, Volunteer, compute_leximin, greedy_samples

EXPLORATION_RUNS = 10_000
CONFIRMATION_RUNS = 20_000
DELTA = 1e-6


def skewed_pool(seed: int = 2024) -> Problem:
    """200 volunteers, four features, rare groups (no formal education, recent arrivals,
    under-30s) and an over-represented majority (educated, local, 45+), 10 seats."""
    rng = random.Random(seed)
    features = {
        "gender": (["woman", "man"], [0.62, 0.38]),
        "age": (["18-29", "30-44", "45-64", "65+"], [0.06, 0.16, 0.38, 0.40]),
        "education": (["none", "secondary", "higher"], [0.05, 0.25, 0.70]),
        "arrival": (["recent", "settled", "local"], [0.08, 0.22, 0.70]),
    }
    pool = [
        Volunteer(
            f"p{i:03d}",
            {name: rng.choices(values, weights)[0] for name, (values, weights) in features.items()},
        )
        for i in range(200)
    ]
    quotas = [
        Quota("gender", "woman", 4, 6),
        Quota("gender", "man", 4, 6),
        Quota("age", "18-29", 1, 3),
        Quota("age", "30-44", 1, 3),
        Quota("age", "45-64", 2, 4),
        Quota("age", "65+", 2, 4),
        Quota("education", "none", 1, 3),
        Quota("education", "secondary", 2, 4),
        Quota("education", "higher", 3, 6),
        Quota("arrival", "recent", 2, 4),
        Quota("arrival", "settled", 2, 4),
        Quota("arrival", "local", 3, 6),
    ]
    return Problem(pool, quotas, 10)


def test_leximin_minimum_is_at_least_three_times_greedy_minimum():
    problem = skewed_pool()
    rare = {q.key: len(problem.holders(q)) for q in problem.quotas}
    assert rare["education", "none"] <= 15 and rare["arrival", "recent"] <= 25

    started = time.perf_counter()
    result = compute_leximin(problem)
    leximin_seconds = time.perf_counter() - started
    assert all(problem.panel_meets_quotas(panel) for panel in result.panels)
    assert not result.never_selectable
    leximin_min = result.min_probability

    types = defaultdict(list)
    for index, volunteer in enumerate(problem.pool):
        types[tuple(sorted(volunteer.features.items()))].append(index)

    started = time.perf_counter()
    hits = [0] * len(problem.pool)
    for panel in greedy_samples(problem, EXPLORATION_RUNS, seed=1):
        for i in panel:
            hits[i] += 1
    smallest_individual = min(hits) / EXPLORATION_RUNS
    worst = min(types.values(), key=lambda members: sum(hits[i] for i in members) / len(members))

    members = set(worst)
    fractions = []
    for panel in greedy_samples(problem, CONFIRMATION_RUNS, seed=2):
        assert problem.panel_meets_quotas([problem.ids[i] for i in panel])
        fractions.append(len(members.intersection(panel)) / len(members))
    greedy_seconds = time.perf_counter() - started
    mean = statistics.fmean(fractions)
    variance = statistics.variance(fractions)
    log_term = math.log(2 / DELTA)
    upper = (
        mean
        + math.sqrt(2 * variance * log_term / CONFIRMATION_RUNS)
        + 7 * log_term / (3 * (CONFIRMATION_RUNS - 1))
    )

    worst_type = dict(problem.pool[worst[0]].features)
    print(
        f"\nleximin: {leximin_seconds:.1f}s, {result.stats.iterations} iterations, "
        f"min probability {leximin_min:.4f}; greedy ({greedy_seconds:.1f}s): worst type "
        f"{worst_type} x{len(worst)} estimated {mean:.4f} (upper bound {upper:.4f}), "
        f"smallest individual estimate {smallest_individual:.4f}; "
        f"ratio >= {leximin_min / upper:.1f}"
    )
    assert leximin_min >= 3 * upper
