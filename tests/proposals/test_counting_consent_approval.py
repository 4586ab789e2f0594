"""Consent and approval, by hand."""

import pytest

from counting import CountingError, count_approval, count_consent


def objection(upheld, reason="It breaks the budget"):
    return {"vote": "objection", "reason": reason, "upheld": upheld}


# --- consent -------------------------------------------------------------------------------


def test_consent_without_objection_passes():
    r = count_consent(["consent"] * 9, roll_size=16)
    assert r.method == "consent" and r.passed is True and r.valid is True
    assert r.tally == {"consent": 9, "objections": 0, "upheld": 0, "not_upheld": 0, "cast": 9}
    assert (
        r.explanation_text()[1] == "No objection was upheld, so the proposal is adopted by consent."
    )


def test_objections_not_upheld_do_not_block():
    r = count_consent(["consent"] * 6 + [objection(False), objection(False)], roll_size=16)
    assert r.passed is True
    assert r.tally["objections"] == 2 and r.tally["not_upheld"] == 2
    assert r.explanation_text()[0] == "6 consents and 2 objections; 0 objections were upheld."


def test_a_single_upheld_objection_blocks():
    r = count_consent(["consent"] * 14 + [objection(False), objection(True)], roll_size=16)
    assert r.passed is False and r.tally["upheld"] == 1
    assert "not adopted" in r.explanation_text()[1]


def test_reason_is_optional_and_not_in_the_tally():
    r = count_consent([{"vote": "objection", "upheld": False}] * 8, roll_size=16)
    assert r.passed is True and "reason" not in str(r.tally)


def test_consent_with_no_ballots_is_not_valid():
    r = count_consent([], roll_size=16)
    assert r.valid is False and r.passed is True  # indicative only


@pytest.mark.parametrize(
    ("ballot", "message"),
    [
        ("objection", "must say whether it is upheld"),
        ({"vote": "objection", "reason": "no"}, "has not been ruled"),
        ({"vote": "objection", "upheld": "yes"}, "must be True or False"),
        ({"vote": "objection", "upheld": 1}, "must be True or False"),
        ({"vote": "block", "upheld": True}, "unknown vote 'block'"),
        ({"vote": "objection", "upheld": True, "voter": "amina"}, "unexpected keys"),
        ({"vote": "objection", "upheld": True, "reason": 3}, "'reason' must be a string"),
        ("for", "expected 'consent' or an objection"),
        (None, "expected 'consent' or an objection"),
    ],
)
def test_consent_bad_ballots(ballot, message):
    with pytest.raises(ValueError, match=message):
        count_consent(["consent", ballot], roll_size=16)


# --- approval ------------------------------------------------------------------------------

OPTS = ["a", "b", "c", "d"]


def test_approval_single_winner():
    ballots = [["a", "b"], ["b"], ["b", "c"], ["a", "c"], ["d", "b"]]
    r = count_approval(ballots, options=OPTS, roll_size=8)
    assert r.method == "approval" and r.passed is None
    assert r.tally["approvals"] == {"a": 2, "b": 4, "c": 2, "d": 1}
    assert r.winners == ("b",) and r.tied is False
    assert r.explanation_text()[1] == "b has the most approvals: 4 of 5 ballots."


def test_approval_tie_returns_the_tied_set_in_option_order():
    ballots = [["c", "a"], ["a"], ["c"], ["b"]]
    r = count_approval(ballots, options=OPTS, roll_size=8)
    assert r.winners == ("a", "c") and r.tied is True
    assert r.explanation_text()[1] == "a, c are tied with 2 approvals each."


def test_approval_everyone_approves_everything_is_a_full_tie():
    r = count_approval([OPTS, list(reversed(OPTS))], options=OPTS, roll_size=4)
    assert r.winners == tuple(OPTS) and r.tied is True


def test_approval_blank_ballots_count_for_quorum_only():
    r = count_approval([[], [], [], ["d"]], options=OPTS, roll_size=8)
    assert r.winners == ("d",) and r.tally["blank"] == 3 and r.valid is True


def test_approval_no_approval_at_all_means_no_winner():
    r = count_approval([[], []], options=OPTS, roll_size=4)
    assert r.winners == () and r.tied is False
    assert "no winner" in r.explanation_text()[1]


def test_approval_no_ballots():
    r = count_approval([], options=OPTS, roll_size=4)
    assert r.winners == () and r.valid is False


def test_approval_single_option():
    r = count_approval([["a"], []], options=["a"], roll_size=2)
    assert r.winners == ("a",) and r.tally["approvals"] == {"a": 1}


def test_approval_accepts_sets():
    r = count_approval([{"a", "b"}, frozenset({"b"})], options=OPTS, roll_size=2)
    assert r.winners == ("b",)


@pytest.mark.parametrize(
    ("ballot", "message"),
    [
        (["e"], "ballot 1: unknown option 'e'"),
        (["a", "a"], "ballot 1: option 'a' appears twice"),
        ("a", "expected a list of options"),
        ({"a": 1}, "expected a list of options"),
        (None, "expected a list of options"),
        ([1], "unknown option 1"),
    ],
)
def test_approval_bad_ballots(ballot, message):
    with pytest.raises(ValueError, match=message):
        count_approval([["a"], ballot], options=OPTS, roll_size=8)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([], "at least one option"),
        (["a", "a"], "listed twice"),
        ("abc", "list of option ids"),
        (["a", ""], "non-empty string"),
        (["a", 2], "non-empty string"),
    ],
)
def test_approval_bad_options(options, message):
    with pytest.raises(CountingError, match=message):
        count_approval([], options=options, roll_size=8)
