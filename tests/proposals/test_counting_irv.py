"""Instant runoff, by hand: transfers, exhausted and blank ballots, and every kind of tie."""

import pytest

from counting import count_irv

ABC = ["a", "b", "c"]


def irv(ballots, options=ABC, roll_size=None):
    return count_irv(ballots, options=options, roll_size=roll_size or max(len(ballots), 1))


def table(result):
    """(counts, exhausted, eliminated, elected, tied) per round, for compact assertions."""
    return [
        (r["counts"], r["exhausted"], r["eliminated"], r["elected"], r["tied"])
        for r in result.rounds
    ]


def test_majority_in_the_first_round():
    r = irv([["a", "b"]] * 3 + [["b"]] * 2)
    assert r.method == "irv" and r.winners == ("a",) and r.tied is False and r.passed is None
    assert table(r) == [({"a": 3, "b": 2, "c": 0}, 0, [], "a", [])]
    assert r.rounds[0]["majority"] == 3 and r.rounds[0]["continuing"] == 5


def test_transfer_after_elimination():
    # Round 1: a 4, b 3, c 2 of 9 (majority 5): c out, its 2 go to b -> b 5.
    r = irv([["a", "b", "c"]] * 4 + [["b", "c", "a"]] * 3 + [["c", "b", "a"]] * 2)
    assert table(r) == [
        ({"a": 4, "b": 3, "c": 2}, 0, ["c"], None, []),
        ({"a": 4, "b": 5}, 0, [], "b", []),
    ]
    assert r.winners == ("b",)
    assert r.explanation_text()[1:3] == [
        "Round 1: no majority; c eliminated with the fewest votes (2).",
        "Round 2: b wins with 5 of 9 continuing ballots.",
    ]


def test_exhausted_ballots_leave_the_majority_base():
    # Truncated: c's 2 voters ranked nobody else, so round 2 has 7 continuing ballots and a's
    # 4 is a majority of them although not of the 9 cast.
    r = irv([["a"]] * 4 + [["b"]] * 3 + [["c"]] * 2)
    assert table(r) == [
        ({"a": 4, "b": 3, "c": 2}, 0, ["c"], None, []),
        ({"a": 4, "b": 3}, 2, [], "a", []),
    ]
    assert r.rounds[1]["continuing"] == 7 and r.rounds[1]["majority"] == 4
    assert "2 ballots were exhausted" in r.explanation_text()[-2]


def test_tied_lowest_are_eliminated_together():
    # a 5, b 4, c 1, d 1 of 11: c and d both out in round 1; both transfer to b -> 6.
    opts = ["a", "b", "c", "d"]
    r = irv([["a"]] * 5 + [["b"]] * 4 + [["c", "b"], ["d", "b"]], options=opts)
    assert table(r) == [
        ({"a": 5, "b": 4, "c": 1, "d": 1}, 0, ["c", "d"], None, []),
        ({"a": 5, "b": 6}, 0, [], "b", []),
    ]
    assert (
        "When several options had the fewest votes, they were eliminated together."
        in r.explanation_text()
    )


def test_transfer_skips_an_option_eliminated_in_the_same_round():
    # a 4, b 3, c 2, d 2 of 11. c and d go out together; [d, c, b] skips c, out in the same
    # round, and goes to b. (One at a time with d out first and then b, not c, a would win.)
    opts = ["a", "b", "c", "d"]
    ballots = [["a"]] * 4 + [["b"]] * 3 + [["c", "b"]] * 2 + [["d", "a"], ["d", "c", "b"]]
    r = irv(ballots, options=opts)
    assert table(r)[0] == ({"a": 4, "b": 3, "c": 2, "d": 2}, 0, ["c", "d"], None, [])
    assert table(r)[1] == ({"a": 5, "b": 6}, 0, [], "b", [])


def test_joint_elimination_can_leave_a_single_option_even_a_condorcet_loser():
    # The documented cost of eliminating tied-lowest options together: a 3, b 2, c 2 of 7.
    # b and c go out together and a wins, although b and c each beat a 4-3 head to head.
    # (Eliminating one of them by lot would have elected the other.)
    r = irv([["a", "b", "c"]] * 3 + [["b", "c", "a"]] * 2 + [["c", "b", "a"]] * 2)
    assert table(r) == [
        ({"a": 3, "b": 2, "c": 2}, 0, ["b", "c"], None, []),
        ({"a": 7}, 0, [], "a", []),
    ]
    assert r.winners == ("a",)


def test_options_with_no_first_preference_go_first():
    opts = ["a", "b", "c", "d"]
    r = irv([["a", "c"]] * 2 + [["b", "d"]] * 2 + [["c", "b"]], options=opts)
    assert r.rounds[0]["eliminated"] == ["d"]  # 0 first preferences
    # Round 2: a 2, b 2, c 1 -> c out, goes to b: b 3 of 5.
    assert r.rounds[1]["eliminated"] == ["c"]
    assert r.winners == ("b",)


def test_final_two_tied_is_a_tie():
    r = irv([["a"]] * 2 + [["b"]] * 2)
    assert r.rounds[0]["eliminated"] == ["c"]
    assert r.tied is True and r.winners == ("a", "b")
    assert r.rounds[-1]["tied"] == ["a", "b"]
    assert "so they are tied" in r.explanation_text()[-2]


def test_all_options_tied_in_round_one():
    r = irv([["a", "b"], ["b", "c"], ["c", "a"]])
    assert len(r.rounds) == 1
    assert r.tied is True and r.winners == ("a", "b", "c")


def test_tie_after_exhaustion():
    # Round 1: a 2, b 2, c 1 -> c out (exhausted); round 2: a 2, b 2 -> tie.
    r = irv([["a"]] * 2 + [["b"]] * 2 + [["c"]])
    assert r.tied is True and r.winners == ("a", "b")
    assert r.rounds[-1]["exhausted"] == 1


def test_blank_ballots_count_for_the_quorum_only():
    r = count_irv([[]] * 3 + [["a"]] * 2 + [["b"]], options=ABC, roll_size=10)
    assert r.tally["blank"] == 3 and r.valid is True  # 6 >= 5
    assert r.rounds[0]["continuing"] == 3 and r.rounds[0]["exhausted"] == 0
    assert r.winners == ("a",)  # 2 of 3 continuing


def test_all_blank_means_no_winner():
    r = irv([[], []])
    assert r.winners == () and r.tied is False
    assert r.rounds[0]["continuing"] == 0
    assert "No ballot ranked any option, so there is no winner." in r.explanation_text()


def test_no_ballots_at_all():
    r = count_irv([], options=ABC, roll_size=16)
    assert r.winners == () and r.valid is False and r.tally["cast"] == 0


def test_single_option():
    r = irv([["a"], ["a"], []], options=["a"])
    assert r.winners == ("a",) and len(r.rounds) == 1


def test_round_table_adds_up():
    ballots = [["a", "b"], ["b"], ["c", "a"], ["a"], ["c", "b"], [], ["b", "c", "a"]]
    r = irv(ballots)
    for row in r.rounds:
        assert sum(row["counts"].values()) + row["exhausted"] + r.tally["blank"] == len(ballots)
        assert row["continuing"] == sum(row["counts"].values())


@pytest.mark.parametrize(
    ("ballot", "message"),
    [
        (["a", "z"], "ballot 1: unknown option 'z'"),
        (["a", "b", "a"], "ballot 1: option 'a' appears twice"),
        ("abc", "expected a list of options"),
        ({"a": 1}, "expected a list of options"),
        ({"a", "b"}, "expected a list of options"),  # a set has no order
        ([None], "unknown option None"),
    ],
)
def test_bad_rankings(ballot, message):
    with pytest.raises(ValueError, match=message):
        irv([["a"], ballot])


def test_bad_options_and_roll():
    with pytest.raises(ValueError, match="at least one option"):
        count_irv([], options=[], roll_size=3)
    with pytest.raises(ValueError, match="voter roll has only 1"):
        count_irv([["a"], ["b"]], options=ABC, roll_size=1)
