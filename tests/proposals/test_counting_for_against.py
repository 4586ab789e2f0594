"""For / against / abstain, thresholds, quorum, per-college majority and sense checks.

Every expected number below was worked out by hand from the ballots in the test."""

import json
from fractions import Fraction

import pytest

from counting import (
    CountingError,
    college_breakdown_visible,
    count_for_against,
    count_sense_check,
)

LAB_ROLLS = {"newcomers": 10, "partners": 10, "decision_makers": 10}


def votes(f=0, a=0, s=0):
    return ["for"] * f + ["against"] * a + ["abstain"] * s


def college(name, f=0, a=0, s=0):
    return [{"college": name, "vote": v} for v in votes(f, a, s)]


def msgids(result):
    return [m for m, _ in result.explanation]


# --- simple majority -----------------------------------------------------------------------


def test_simple_majority_passes_and_abstentions_are_shown_but_not_counted():
    r = count_for_against(votes(5, 3, 2), roll_size=16)
    assert r.method == "for_against"
    assert r.passed is True and r.tied is False and r.winners == ()
    assert r.tally["for"] == 5 and r.tally["against"] == 3 and r.tally["abstain"] == 2
    assert r.tally["cast"] == 10 and r.tally["expressed"] == 8
    assert r.tally["for_share"] == "5/8"
    assert r.explanation[0] == (
        "%(for)s for, %(against)s against, %(abstain)s abstentions; abstentions do not count "
        "in the majority.",
        {"for": 5, "against": 3, "abstain": 2},
    )
    assert r.valid is True  # 10 ballots >= 8 = 1/2 of 16
    assert r.explanation_text()[0] == (
        "5 for, 3 against, 2 abstentions; abstentions do not count in the majority."
    )


def test_simple_majority_fails_when_against_wins():
    r = count_for_against(votes(3, 5), roll_size=16)
    assert r.passed is False and r.tied is False


def test_simple_tie_is_status_quo():
    r = count_for_against(votes(4, 4, 3), roll_size=16)
    assert r.tied is True and r.passed is False
    assert any("tie rule (status quo)" in m for m in msgids(r))


def test_simple_one_vote_margin_passes():
    assert count_for_against(votes(5, 4), roll_size=16).passed is True


def test_all_abstain_is_not_adopted_and_not_a_tie():
    r = count_for_against(votes(s=9), roll_size=16)
    assert r.passed is False and r.tied is False
    assert r.tally["for_share"] is None
    assert "No vote for or against was cast, so the proposal is not adopted." in msgids(r)
    assert r.valid is True  # abstentions count for the quorum


def test_no_ballots_at_all():
    r = count_for_against([], roll_size=16)
    assert r.passed is False and r.tied is False and r.valid is False
    assert r.quorum["cast"] == 0 and r.quorum["reached"] is False
    assert "indicative, not valid" in msgids(r)[-1]


# --- two thirds ----------------------------------------------------------------------------


def test_two_thirds_exactly_passes():
    r = count_for_against(votes(6, 3), roll_size=16, threshold="two_thirds")
    assert r.passed is True and r.tally["for_share"] == "2/3"


def test_two_thirds_just_below_fails():
    # 5 / 8 = 0.625 < 2/3
    assert count_for_against(votes(5, 3), roll_size=16, threshold="two_thirds").passed is False
    # 7 / 11 = 0.636... < 2/3 even though 7 > 2 * 3.5
    assert count_for_against(votes(7, 4), roll_size=16, threshold="two_thirds").passed is False


def test_two_thirds_ignores_abstentions():
    r = count_for_against(votes(6, 3, 7), roll_size=16, threshold="two_thirds")
    assert r.passed is True


def test_two_thirds_all_abstain_does_not_pass():
    r = count_for_against(votes(s=10), roll_size=16, threshold="two_thirds")
    assert r.passed is False and r.tied is False


def test_two_thirds_equal_for_and_against_is_no_tie():
    r = count_for_against(votes(4, 4), roll_size=16, threshold="two_thirds")
    assert r.passed is False and r.tied is False


# --- absolute majority of the seats --------------------------------------------------------


def test_absolute_seats_needs_more_than_half_of_the_roll():
    assert count_for_against(votes(8), roll_size=16, threshold="absolute_seats").passed is False
    assert count_for_against(votes(9, 7), roll_size=16, threshold="absolute_seats").passed is True


def test_absolute_seats_odd_roll():
    # 15 seats: 8 > 7.5
    assert count_for_against(votes(8), roll_size=15, threshold="absolute_seats").passed is True
    assert count_for_against(votes(7), roll_size=15, threshold="absolute_seats").passed is False


def test_absolute_seats_abstentions_count_as_not_for():
    # 8 for, 0 against, 8 abstain: everyone voted, but 8 is not more than half of 16.
    r = count_for_against(votes(8, 0, 8), roll_size=16, threshold="absolute_seats")
    assert r.passed is False
    assert "16 seats is not more than half" in r.explanation_text()[1]


# --- quorum --------------------------------------------------------------------------------


def test_quorum_boundary_half_of_sixteen():
    assert count_for_against(votes(s=8), roll_size=16).valid is True
    r = count_for_against(votes(5, 2), roll_size=16)
    assert r.valid is False and r.passed is True  # the outcome stays, as indicative
    assert r.quorum == {
        "roll_size": 16,
        "cast": 7,
        "fraction": "1/2",
        "minimum_ballots": 8,
        "turnout": "7/16",
        "reached": False,
    }
    assert "the result is indicative, not valid" in r.explanation_text()[-1]


def test_quorum_rounds_up_and_accepts_exact_forms():
    # 2/3 of 16 = 32/3 = 10.67 -> 11 ballots
    for q in (Fraction(2, 3), "2/3"):
        assert count_for_against(votes(s=10), roll_size=16, quorum=q).valid is False
        r = count_for_against(votes(s=11), roll_size=16, quorum=q)
        assert r.valid is True and r.quorum["minimum_ballots"] == 11
    assert count_for_against([], roll_size=16, quorum=0).valid is True
    assert count_for_against(votes(s=15), roll_size=16, quorum=1).valid is False


@pytest.mark.parametrize("bad", [0.5, -1, 2, "half", "3/2", True, None])
def test_quorum_must_be_an_exact_fraction_between_0_and_1(bad):
    with pytest.raises(CountingError):
        count_for_against(votes(1), roll_size=16, quorum=bad)


@pytest.mark.parametrize("bad", [0, -3, True, 16.0, "16", None])
def test_roll_size_must_be_a_positive_int(bad):
    with pytest.raises(ValueError, match="roll_size"):
        count_for_against(votes(1), roll_size=bad)


def test_more_ballots_than_the_roll_is_an_error():
    with pytest.raises(ValueError, match="17 ballots were cast but the voter roll has only 16"):
        count_for_against(votes(s=17), roll_size=16)


# --- bad ballots ---------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["yes", "For", "", None, 1, ["for"]])
def test_unknown_vote_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="ballot 1"):
        count_for_against(["for", bad], roll_size=16)


def test_ballot_with_voter_identity_is_refused():
    with pytest.raises(ValueError, match="unexpected keys"):
        count_for_against([{"vote": "for", "college": "partners", "voter": 3}], roll_size=16)


def test_unknown_threshold():
    with pytest.raises(ValueError, match="unknown threshold 'majority'"):
        count_for_against(votes(1), roll_size=16, threshold="majority")


def test_ballots_must_be_a_list():
    with pytest.raises(ValueError):
        count_for_against("for", roll_size=16)


# --- per-college majority (labs) -----------------------------------------------------------


def test_each_college_passes():
    ballots = (
        college("newcomers", 6, 2) + college("partners", 5, 4, 1) + college("decision_makers", 4, 3)
    )
    r = count_for_against(ballots, roll_size=30, require_each_college=True, college_rolls=LAB_ROLLS)
    assert r.passed is True
    cols = r.tally["colleges"]
    assert list(cols) == ["newcomers", "partners", "decision_makers"]
    assert cols["partners"] == {
        "for": 5,
        "against": 4,
        "abstain": 1,
        "cast": 10,
        "expressed": 9,
        "for_share": "5/9",
        "roll": 10,
        "threshold_met": True,
        "tied": False,
    }
    assert r.tally["for"] == 15 and r.tally["against"] == 9
    assert r.explanation_text()[-2] == (
        "The threshold holds overall and in every college, so the proposal is adopted."
    )


def test_one_college_against_blocks_an_overall_majority():
    ballots = college("newcomers", 2, 6) + college("partners", 9) + college("decision_makers", 8)
    r = count_for_against(ballots, roll_size=30, require_each_college=True, college_rolls=LAB_ROLLS)
    assert r.tally["for"] == 19 and r.tally["against"] == 6  # overall it would pass
    assert r.passed is False and r.tied is False
    assert r.tally["colleges"]["newcomers"]["threshold_met"] is False
    assert r.explanation_text()[-2] == (
        "The threshold had to hold overall and in each college; it does not hold in: "
        "newcomers, so the proposal is not adopted."
    )
    assert "Overall, the simple threshold is met." in r.explanation_text()
    assert not any("proposal is adopted" in s for s in r.explanation_text())
    # Without the requirement the same ballots pass.
    assert count_for_against(ballots, roll_size=30, college_rolls=LAB_ROLLS).passed is True


def test_a_tied_college_blocks_and_is_marked_tied():
    ballots = college("newcomers", 3, 3) + college("partners", 5) + college("decision_makers", 5)
    r = count_for_against(ballots, roll_size=30, require_each_college=True, college_rolls=LAB_ROLLS)
    assert r.passed is False and r.tied is False  # overall 13-3 is no tie
    assert r.tally["colleges"]["newcomers"]["tied"] is True


def test_a_college_with_no_votes_has_no_majority_for():
    ballots = college("partners", 5) + college("decision_makers", 5)
    r = count_for_against(ballots, roll_size=30, require_each_college=True, college_rolls=LAB_ROLLS)
    assert r.passed is False
    assert r.tally["colleges"]["newcomers"]["cast"] == 0


def test_absolute_seats_per_college_uses_the_college_roll():
    # 6 > 10/2 in every college; overall 18 > 15.
    ballots = college("newcomers", 6) + college("partners", 6) + college("decision_makers", 6)
    kw = {"roll_size": 30, "threshold": "absolute_seats", "college_rolls": LAB_ROLLS}
    assert count_for_against(ballots, require_each_college=True, **kw).passed is True
    # 5 is not more than half of 10, even though overall 21 > 15.
    ballots = college("newcomers", 5) + college("partners", 8) + college("decision_makers", 8)
    assert count_for_against(ballots, require_each_college=True, **kw).passed is False


def test_overall_tie_with_colleges_is_status_quo():
    ballots = (
        college("newcomers", 2, 2) + college("partners", 2, 2) + college("decision_makers", 2, 2)
    )
    r = count_for_against(ballots, roll_size=30, require_each_college=True, college_rolls=LAB_ROLLS)
    assert r.tied is True and r.passed is False


def test_college_explanation_carries_no_counts():
    # A college's breakdown may be hidden by the display layer (< 3 ballots): its sentence must
    # not carry the counts.
    ballots = college("newcomers", 1) + college("partners", 5) + college("decision_makers", 5)
    r = count_for_against(ballots, roll_size=30, require_each_college=True, college_rolls=LAB_ROLLS)
    college_msgs = [(m, p) for m, p in r.explanation if "college the threshold" in m]
    assert college_msgs and all(set(p) == {"college"} for _, p in college_msgs)


def test_breakdown_without_the_requirement():
    ballots = college("newcomers", 1, 1) + college("partners", 2)
    r = count_for_against(ballots, roll_size=30)
    assert r.passed is True
    assert r.tally["colleges"]["newcomers"]["roll"] is None
    assert "threshold_met" not in r.tally["colleges"]["newcomers"]
    assert r.tally["colleges"]["decision_makers"]["cast"] == 0


@pytest.mark.parametrize(
    ("ballots", "kwargs", "message"),
    [
        (college("partners", 1), {"require_each_college": True}, "needs college_rolls"),
        (
            college("partners", 1),
            {"college_rolls": {"newcomers": 10, "partners": 10}},
            "add up to 20",
        ),
        ([{"college": "officials", "vote": "for"}], {}, "unknown college 'officials'"),
        (college("partners", 1) + ["for"], {}, "some ballots name their college"),
        (college("partners", 11), {"college_rolls": LAB_ROLLS}, "its roll has 10"),
        (["for"], {"college_rolls": LAB_ROLLS}, "every ballot must name its college"),
        (
            college("partners", 1),
            {"college_rolls": {"newcomers": 10, "partners": 10, "elders": 10}},
            "unknown college",
        ),
        ([{"vote": "for"}], {}, "needs 'vote' and 'college'"),
    ],
)
def test_college_errors(ballots, kwargs, message):
    with pytest.raises(ValueError, match=message):
        count_for_against(ballots, roll_size=30, **kwargs)


def test_a_lab_with_only_two_colleges_on_the_roll():
    rolls = {"partners": 10, "newcomers": 5}
    ballots = college("newcomers", 3) + college("partners", 4, 1)
    r = count_for_against(ballots, roll_size=15, require_each_college=True, college_rolls=rolls)
    assert r.passed is True
    assert list(r.tally["colleges"]) == ["newcomers", "partners"]  # fixed order


@pytest.mark.parametrize(("count", "visible"), [(0, False), (1, False), (2, False), (3, True)])
def test_college_breakdown_visible(count, visible):
    assert college_breakdown_visible(count) is visible


# --- sense check ---------------------------------------------------------------------------


def test_sense_check_for_against_is_indicative():
    r = count_sense_check(votes(5, 3, 2), roll_size=16)
    assert r.method == "sense_check" and r.passed is None and r.winners == ()
    assert r.tally["kind"] == "for_against"
    assert (r.tally["for"], r.tally["against"], r.tally["abstain"]) == (5, 3, 2)
    assert "indicative and decides nothing" in r.explanation_text()[0]
    assert r.valid is True


def test_sense_check_tie_is_not_reported_as_a_decision():
    r = count_sense_check(votes(4, 4), roll_size=16)
    assert r.passed is None and r.tied is False and r.valid is True


def test_sense_check_approval():
    r = count_sense_check(
        [["a", "b"], ["b"], ["b", "c"], []], roll_size=16, kind="approval", options=["a", "b", "c"]
    )
    assert r.passed is None and r.winners == ()
    assert r.tally["approvals"] == {"a": 1, "b": 3, "c": 1}
    assert r.tally["most_approved"] == ["b"]
    assert r.valid is False  # 4 < 8


def test_sense_check_with_colleges_and_below_quorum():
    r = count_sense_check(college("partners", 1, 1), roll_size=30, college_rolls=LAB_ROLLS)
    assert r.valid is False and r.passed is None
    assert r.tally["colleges"]["partners"]["cast"] == 2


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": "approval"},
        {"kind": "poll"},
        {"kind": "for_against", "options": ["a"]},
        {"kind": "approval", "options": ["a"], "college_rolls": LAB_ROLLS},
    ],
)
def test_sense_check_errors(kwargs):
    with pytest.raises(ValueError):
        count_sense_check([], roll_size=30, **kwargs)


def test_result_is_json_serialisable():
    r = count_for_against(
        college("newcomers", 6, 2) + college("partners", 5, 4) + college("decision_makers", 4),
        roll_size=30,
        require_each_college=True,
        college_rolls=LAB_ROLLS,
    )
    data = json.loads(json.dumps(r.to_dict()))
    assert data["tally"]["colleges"]["newcomers"]["for_share"] == "3/4"
    assert data["passed"] is True and data["winners"] == []
