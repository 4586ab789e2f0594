"""Agreement with an independent implementation, pref_voting (test-only), on seeded random
profiles: 200 profiles of 5-40 voters and 3-6 options per comparison.

Where the two sets of rules differ, the difference is stated next to the comparison and handled
explicitly, never by skipping whatever disagrees:

* Instant runoff, complete rankings: pref_voting's ``instant_runoff`` (on a ``Profile``, no
  tie_breaker) eliminates every option tied for fewest first preferences at once, and when that
  would remove every remaining option returns them all as tied: exactly our rule. Winner sets
  must be equal.
* Instant runoff, truncated rankings: ``instant_runoff_for_truncated_linear_orders`` uses a
  majority of the continuing (non-empty) ballots and the same simultaneous elimination: equal
  winner sets. One stated difference: if every ballot is blank it returns every option, where we
  return no winner; profiles where that happens are checked for exactly that.
* Approval: ``approval`` on a 0/1 ``GradeProfile``. If no option got any approval it returns
  every option, where we return no winner; checked for exactly that.
* Majority judgment: pref_voting's ``majority_judgement`` breaks ties between equal majority
  grades with a one-step *majority gauge* (share above vs below the median), not the full
  procedure (removing medians again and again). The gauge orders options the same way the full
  procedure does whenever the gauges differ, so: our winners must be a subset of pref_voting's;
  when pref_voting names one winner, ours must be that one; when pref_voting's gauge leaves a
  tie, ours may resolve it further. Our result is also compared exactly with a literal, naive
  run of the removal procedure written here.
"""

import random

from pref_voting.grade_methods import approval as pv_approval
from pref_voting.grade_methods import majority_judgement as pv_mj
from pref_voting.grade_profiles import GradeProfile
from pref_voting.iterative_methods import (
    instant_runoff,
    instant_runoff_for_truncated_linear_orders,
)
from pref_voting.profiles import Profile
from pref_voting.profiles_with_ties import ProfileWithTies

from counting import DEFAULT_GRADES, count_approval, count_irv, count_majority_judgment

N_PROFILES = 200


def names(k):
    return [f"o{i}" for i in range(k)]


def random_sizes(rng):
    return rng.randint(5, 40), rng.randint(3, 6)


def skewed_permutation(rng, k, weights):
    """A ranking of range(k) drawn with a bias (Plackett-Luce-like), so that outcomes vary and
    ties and multi-round counts both occur."""
    left = list(range(k))
    out = []
    while left:
        pick = rng.choices(left, weights=[weights[i] for i in left])[0]
        left.remove(pick)
        out.append(pick)
    return out


def random_rankings(rng, k, n):
    weights = [rng.choice([1, 1, 2, 4]) for _ in range(k)]
    # Few distinct ballot types make ties frequent.
    kinds = [skewed_permutation(rng, k, weights) for _ in range(rng.randint(2, 8))]
    return [list(rng.choice(kinds)) for _ in range(n)]


def test_irv_complete_rankings_agree():
    rng = random.Random(20240601)
    stats = {"tied": 0, "multi_elimination": 0, "rounds>2": 0}
    for _ in range(N_PROFILES):
        n, k = random_sizes(rng)
        opts = names(k)
        rankings = random_rankings(rng, k, n)
        ours = count_irv([[opts[i] for i in r] for r in rankings], options=opts, roll_size=n)
        theirs = instant_runoff(Profile(rankings))
        assert set(ours.winners) == {opts[i] for i in theirs}, rankings
        assert ours.tied == (len(theirs) > 1)
        stats["tied"] += ours.tied
        stats["multi_elimination"] += any(len(r["eliminated"]) > 1 for r in ours.rounds)
        stats["rounds>2"] += len(ours.rounds) > 2
    # The comparison covers the delicate cases, not only first-round majorities.
    assert stats["tied"] >= 5 and stats["multi_elimination"] >= 20 and stats["rounds>2"] >= 20, (
        stats
    )


def test_irv_truncated_rankings_agree():
    rng = random.Random(777)
    stats = {"tied": 0, "exhausted": 0, "blank": 0, "all_blank": 0}
    for p in range(N_PROFILES):
        n, k = random_sizes(rng)
        opts = names(k)
        rankings = [r[: rng.randint(0, k)] for r in random_rankings(rng, k, n)]
        if p % 50 == 0:
            rankings = [[] for _ in range(rng.randint(1, 3))]  # a few all-blank profiles
        ours = count_irv(
            [[opts[i] for i in r] for r in rankings], options=opts, roll_size=len(rankings)
        )
        prof = ProfileWithTies(
            [{c: pos + 1 for pos, c in enumerate(r)} for r in rankings], candidates=range(k)
        )
        theirs = instant_runoff_for_truncated_linear_orders(prof)
        if all(not r for r in rankings):
            # Stated difference: no expressed preference -> we name no winner, they name all.
            assert ours.winners == () and sorted(theirs) == list(range(k))
            stats["all_blank"] += 1
            continue
        assert set(ours.winners) == {opts[i] for i in theirs}, rankings
        stats["tied"] += ours.tied
        stats["exhausted"] += any(r["exhausted"] for r in ours.rounds)
        stats["blank"] += ours.tally["blank"] > 0
    assert stats["all_blank"] == N_PROFILES // 50
    assert min(stats["tied"], stats["exhausted"], stats["blank"]) >= 10, stats


def test_approval_agrees():
    rng = random.Random(4242)
    stats = {"tied": 0, "single": 0, "none": 0}
    for p in range(N_PROFILES):
        n, k = random_sizes(rng)
        opts = names(k)
        rate = rng.choice([0.05, 0.2, 0.5]) if p % 20 else 0.0
        ballots = [[i for i in range(k) if rng.random() < rate] for _ in range(n)]
        ours = count_approval([[opts[i] for i in b] for b in ballots], options=opts, roll_size=n)
        gprof = GradeProfile([dict.fromkeys(b, 1) for b in ballots], [0, 1], candidates=range(k))
        theirs = pv_approval(gprof)
        if not any(ballots):
            # Stated difference: no approval at all -> we name no winner, they name all.
            assert ours.winners == () and sorted(theirs) == list(range(k))
            stats["none"] += 1
            continue
        assert set(ours.winners) == {opts[i] for i in theirs}
        stats["tied" if ours.tied else "single"] += 1
    assert min(stats.values()) >= 10, stats


def naive_mj_order(columns):
    """The removal procedure as literally described: among options with the best current lower
    median, remove that median grade from each, and start again, until one option is ahead or
    every grade is removed. Returns the winning set."""
    contenders = {o: sorted(g) for o, g in columns.items()}
    while True:
        if not next(iter(contenders.values())):
            return set(contenders)  # identical grades all the way down
        medians = {o: g[(len(g) - 1) // 2] for o, g in contenders.items()}
        best = max(medians.values())
        contenders = {o: g for o, g in contenders.items() if medians[o] == best}
        if len(contenders) == 1:
            return set(contenders)
        for g in contenders.values():
            g.remove(best)


def test_majority_judgment_agrees():
    rng = random.Random(99)
    stats = {"pv_single": 0, "pv_tie_we_resolve": 0, "pv_tie_we_tie": 0, "median_tie": 0}
    for _ in range(N_PROFILES):
        n, k = random_sizes(rng)
        opts = names(k)
        g = len(DEFAULT_GRADES)
        # Few distinct grades per option make equal medians (and gauges) frequent.
        palettes = [rng.sample(range(g), rng.randint(1, 3)) for _ in range(k)]
        grades = [[rng.choice(palettes[o]) for o in range(k)] for _ in range(n)]
        ours = count_majority_judgment(
            [{opts[o]: DEFAULT_GRADES[row[o]] for o in range(k)} for row in grades],
            options=opts,
            roll_size=n,
        )
        winners = set(ours.winners)
        theirs = {
            opts[c]
            for c in pv_mj(GradeProfile([dict(enumerate(row)) for row in grades], list(range(g))))
        }
        # Exactly the literal procedure.
        columns = {opts[o]: [row[o] for row in grades] for o in range(k)}
        assert winners == naive_mj_order(columns)
        # Consistent with pref_voting's gauge tie-break (see the module docstring).
        assert winners <= theirs, (grades, winners, theirs)
        if len(theirs) == 1:
            assert winners == theirs
            stats["pv_single"] += 1
        elif len(winners) == 1:
            stats["pv_tie_we_resolve"] += 1
        else:
            stats["pv_tie_we_tie"] += 1
        best = max(ours.tally["median"].values(), key=DEFAULT_GRADES.index)
        stats["median_tie"] += list(ours.tally["median"].values()).count(best) > 1
    assert stats["pv_single"] >= 50 and stats["median_tie"] >= 20, stats
    assert stats["pv_tie_we_resolve"] + stats["pv_tie_we_tie"] >= 5, stats


def test_majority_judgment_a_tie_the_gauge_leaves_and_the_full_procedure_breaks():
    # a: poor good good very_good ; b: acceptable good good good (grade indices 1 3 3 4 / 2 3 3 3).
    # Both have median "good" with one grade in four below it: pref_voting's gauge ties them.
    # Removing medians: a -> good, then poor; b -> good, then acceptable: b is ahead.
    rows = [(1, 2), (3, 3), (3, 3), (4, 3)]
    theirs = pv_mj(GradeProfile([dict(enumerate(r)) for r in rows], list(range(6))))
    assert sorted(theirs) == [0, 1]
    ours = count_majority_judgment(
        [{"a": DEFAULT_GRADES[x], "b": DEFAULT_GRADES[y]} for x, y in rows],
        options=["a", "b"],
        roll_size=4,
    )
    assert ours.winners == ("b",)
