"""Properties of the counts, checked by Hypothesis on generated ballots."""

import json
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from counting import (
    COLLEGES,
    DEFAULT_GRADES,
    THRESHOLDS,
    VOTES,
    break_tie_by_lot,
    count,
    count_approval,
    count_for_against,
    count_irv,
    count_majority_judgment,
    majority_values,
    recount,
    to_recount_json,
)

OPTIONS = ["a", "b", "c", "d", "e"]

votes_lists = st.lists(st.sampled_from(VOTES), max_size=40)
thresholds = st.sampled_from(THRESHOLDS)


@st.composite
def option_sets(draw, min_size=1):
    k = draw(st.integers(min_size, len(OPTIONS)))
    return OPTIONS[:k]


@st.composite
def irv_profiles(draw, complete=False):
    opts = draw(option_sets())
    ranking = st.permutations(opts).flatmap(
        lambda p: st.just(p) if complete else st.integers(0, len(p)).map(lambda n: p[:n])
    )
    return opts, draw(st.lists(ranking.map(list), max_size=30))


@st.composite
def approval_profiles(draw):
    opts = draw(option_sets())
    ballots = draw(st.lists(st.sets(st.sampled_from(opts)).map(sorted), max_size=30))
    return opts, ballots


@st.composite
def mj_profiles(draw):
    opts = draw(option_sets())
    ballot = st.dictionaries(st.sampled_from(opts), st.sampled_from(DEFAULT_GRADES))
    return opts, draw(st.lists(ballot, max_size=25))


# --- for / against -------------------------------------------------------------------------


@given(votes_lists, thresholds, st.integers(1, 5))
def test_adding_an_abstention_never_flips_the_outcome(ballots, threshold, spare):
    roll = len(ballots) + spare
    before = count_for_against(ballots, roll_size=roll, threshold=threshold)
    after = count_for_against(ballots + ["abstain"], roll_size=roll, threshold=threshold)
    assert (after.passed, after.tied) == (before.passed, before.tied)
    assert after.valid or not before.valid  # turnout only helps the quorum


@given(votes_lists, thresholds, st.integers(1, 5))
def test_more_for_never_hurts_more_against_never_helps(ballots, threshold, spare):
    roll = len(ballots) + spare
    base = count_for_against(ballots, roll_size=roll, threshold=threshold).passed
    assert count_for_against(ballots + ["for"], roll_size=roll, threshold=threshold).passed >= base
    assert (
        count_for_against(ballots + ["against"], roll_size=roll, threshold=threshold).passed <= base
    )


@given(votes_lists, st.integers(0, 5))
def test_simple_majority_is_more_for_than_against(ballots, spare):
    r = count_for_against(ballots, roll_size=len(ballots) + spare + 1)
    f, a = ballots.count("for"), ballots.count("against")
    assert r.passed == (f > a)
    assert r.tied == (f == a > 0)
    assert r.tally["cast"] == len(ballots)


@given(
    st.fixed_dictionaries({c: st.lists(st.sampled_from(VOTES), max_size=10) for c in COLLEGES}),
    thresholds,
)
def test_each_college_is_stricter_than_overall(by_college, threshold):
    ballots = [{"college": c, "vote": v} for c, vs in by_college.items() for v in vs]
    rolls = dict.fromkeys(COLLEGES, 10)
    strict = count_for_against(
        ballots, roll_size=30, threshold=threshold, require_each_college=True, college_rolls=rolls
    )
    loose = count_for_against(ballots, roll_size=30, threshold=threshold, college_rolls=rolls)
    assert strict.passed <= loose.passed
    if strict.passed:
        assert all(b["threshold_met"] for b in strict.tally["colleges"].values())
    assert sum(b["cast"] for b in strict.tally["colleges"].values()) == len(ballots)


# --- approval ------------------------------------------------------------------------------


@given(approval_profiles())
def test_approval_winners_have_the_most_approvals(profile):
    opts, ballots = profile
    r = count_approval(ballots, options=opts, roll_size=len(ballots) + 1)
    tally = Counter(o for b in ballots for o in b)
    top = max((tally[o] for o in opts), default=0)
    assert set(r.winners) == ({o for o in opts if tally[o] == top} if top else set())
    assert r.tied == (len(r.winners) > 1)


@given(approval_profiles())
def test_approval_one_more_approval_for_a_winner_makes_it_the_only_winner(profile):
    opts, ballots = profile
    r = count_approval(ballots, options=opts, roll_size=len(ballots) + 1)
    for w in r.winners:
        after = count_approval(ballots + [[w]], options=opts, roll_size=len(ballots) + 1)
        assert after.winners == (w,)
    blank = count_approval(ballots + [[]], options=opts, roll_size=len(ballots) + 1)
    assert blank.winners == r.winners


# --- instant runoff ------------------------------------------------------------------------


@given(irv_profiles())
def test_irv_majority_of_first_preferences_wins_at_once(profile):
    opts, ballots = profile
    r = count_irv(ballots, options=opts, roll_size=len(ballots) + 1)
    firsts = Counter(b[0] for b in ballots if b)
    non_blank = sum(firsts.values())
    for o, n in firsts.items():
        if 2 * n > non_blank:
            assert r.winners == (o,) and len(r.rounds) == 1


@given(irv_profiles())
def test_irv_round_table_is_consistent(profile):
    opts, ballots = profile
    r = count_irv(ballots, options=opts, roll_size=len(ballots) + 1)
    blank = sum(1 for b in ballots if not b)
    assert r.tally["blank"] == blank
    for prev, row in zip(r.rounds, r.rounds[1:], strict=False):
        assert set(row["counts"]) == set(prev["counts"]) - set(prev["eliminated"])
        assert prev["eliminated"] and prev["elected"] is None and not prev["tied"]
        assert all(row["counts"][o] >= prev["counts"][o] for o in row["counts"])
        assert row["exhausted"] >= prev["exhausted"]
        # the eliminated had the fewest votes
        assert max(prev["counts"][o] for o in prev["eliminated"]) == min(prev["counts"].values())
    for row in r.rounds:
        assert sum(row["counts"].values()) + row["exhausted"] + blank == len(ballots)
    last = r.rounds[-1]
    if r.tied:
        assert len(set(last["counts"].values())) == 1 and set(r.winners) == set(last["counts"])
    elif r.winners:
        assert 2 * last["counts"][r.winners[0]] > last["continuing"]
    else:
        assert blank == len(ballots)


@given(irv_profiles(complete=True))
def test_irv_elects_no_condorcet_loser_unless_a_joint_elimination_leaves_it_alone(profile):
    # With complete rankings, a winner with a majority against at least one other remaining
    # option beats it head to head. The exception, by our elimination-tie rule, is a joint
    # elimination that leaves a single option (see test_counting_irv).
    opts, ballots = profile
    r = count_irv(ballots, options=opts, roll_size=len(ballots) + 1)
    if len(r.winners) != 1 or len(r.rounds[-1]["counts"]) < 2:
        return
    w = r.winners[0]

    def beats(x, y):
        return sum(1 for b in ballots if b.index(x) < b.index(y)) * 2 > len(ballots)

    assert not all(beats(o, w) for o in opts if o != w)


@given(irv_profiles())
def test_irv_blank_ballots_change_no_outcome(profile):
    opts, ballots = profile
    r = count_irv(ballots, options=opts, roll_size=len(ballots) + 2)
    r2 = count_irv(ballots + [[]], options=opts, roll_size=len(ballots) + 2)
    assert (r2.winners, r2.tied) == (r.winners, r.tied)
    assert [row["counts"] for row in r2.rounds] == [row["counts"] for row in r.rounds]


# --- majority judgment ---------------------------------------------------------------------


def naive_majority_values(grades):
    g = sorted(grades)
    out = []
    while g:
        out.append(g.pop((len(g) - 1) // 2))
    return tuple(out)


@given(st.lists(st.integers(0, 5), max_size=60))
def test_majority_values_match_the_literal_removal(grades):
    counts = [grades.count(i) for i in range(6)]
    assert majority_values(counts) == naive_majority_values(grades)


@given(mj_profiles(), st.data())
def test_mj_raising_a_winner_grade_keeps_it_a_winner(profile, data):
    opts, ballots = profile
    r = count_majority_judgment(ballots, options=opts, roll_size=len(ballots) + 1)
    if not ballots:
        assert r.winners == ()
        return
    medians = r.tally["median"]
    best = max(DEFAULT_GRADES.index(m) for m in medians.values())
    assert {DEFAULT_GRADES.index(medians[w]) for w in r.winners} == {best}
    w = data.draw(st.sampled_from(r.winners))
    i = data.draw(st.integers(0, len(ballots) - 1))
    current = DEFAULT_GRADES.index(ballots[i].get(w, DEFAULT_GRADES[0]))
    raised = data.draw(st.integers(current, len(DEFAULT_GRADES) - 1))
    changed = [dict(b) for b in ballots]
    changed[i][w] = DEFAULT_GRADES[raised]
    after = count_majority_judgment(changed, options=opts, roll_size=len(ballots) + 1)
    assert w in after.winners
    assert set(after.winners) <= set(r.winners)


# --- every method: order of ballots, recount, lot ------------------------------------------


@st.composite
def any_count(draw):
    method = draw(
        st.sampled_from(["for_against", "consent", "approval", "irv", "majority_judgment"])
    )
    if method == "for_against":
        ballots = draw(votes_lists)
        params = {"threshold": draw(thresholds)}
    elif method == "consent":
        objection = st.builds(lambda u: {"vote": "objection", "upheld": u}, st.booleans())
        ballots = draw(st.lists(st.one_of(st.just("consent"), objection), max_size=20))
        params = {}
    elif method == "approval":
        opts, ballots = draw(approval_profiles())
        params = {"options": opts}
    elif method == "irv":
        opts, ballots = draw(irv_profiles())
        params = {"options": opts}
    else:
        opts, ballots = draw(mj_profiles())
        params = {"options": opts}
    params["roll_size"] = len(ballots) + draw(st.integers(1, 30))
    params["quorum"] = draw(st.sampled_from(["0", "1/2", "2/3", "1"]))
    return method, params, ballots


@given(any_count(), st.randoms(use_true_random=False))
def test_order_of_ballots_does_not_matter(case, rnd):
    method, params, ballots = case
    shuffled = list(ballots)
    rnd.shuffle(shuffled)
    assert count(method, params, shuffled) == count(method, params, ballots)


@given(any_count())
def test_recount_round_trips(case):
    method, params, ballots = case
    data = json.loads(json.dumps(to_recount_json(method, params, ballots)))
    assert recount(data) == count(method, params, ballots)


@given(
    st.lists(st.sampled_from(OPTIONS), min_size=1, unique=True),
    st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
    st.randoms(use_true_random=False),
)
def test_lot_picks_a_tied_option_whatever_their_order(tied, digest, rnd):
    winner, seed = break_tie_by_lot(tuple(tied), digest)
    assert winner in tied
    shuffled = list(tied)
    rnd.shuffle(shuffled)
    assert break_tie_by_lot(tuple(shuffled), digest) == (winner, seed)
