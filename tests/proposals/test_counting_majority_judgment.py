"""Majority judgment, by hand: lower medians, the tie-break by removing medians, full ties."""

import pytest

from counting import DEFAULT_GRADES, count_majority_judgment, majority_values

R, P, A, G, V, E = DEFAULT_GRADES  # to_reject, poor, acceptable, good, very_good, excellent


def mj(columns, options=None, **kw):
    """Ballots from per-option columns of grades: {"a": [g1, g2, ...], ...} (same length)."""
    opts = options or list(columns)
    n = len(next(iter(columns.values())))
    ballots = [{o: columns[o][i] for o in columns} for i in range(n)]
    kw.setdefault("roll_size", max(n, 1))
    return count_majority_judgment(ballots, options=opts, **kw)


def test_best_median_wins():
    # a sorted: R P G G E -> median (3rd of 5) G; b: A A A V E -> A.
    r = mj({"a": [E, G, G, P, R], "b": [V, A, A, A, E]})
    assert r.method == "majority_judgment" and r.passed is None
    assert r.tally["median"] == {"a": G, "b": A}
    assert r.winners == ("a",) and r.tied is False
    assert r.tally["order"] == [["a"], ["b"]]
    assert r.explanation_text()[-2] == "a wins with the best majority grade, good."


def test_lower_median_with_an_even_number_of_ballots():
    # a sorted: P A | G E -> lower median A (not G); b: A A | A A -> A.
    r = mj({"a": [E, P, G, A], "b": [A, A, A, A]})
    assert r.tally["median"] == {"a": A, "b": A}


def test_tie_broken_by_removing_medians():
    # a: P G G V, b: A G G G. Both medians G. Remove one G each:
    # a: P G V -> G, b: A G G -> G. Remove again: a: P V -> P, b: A G -> A. A > P: b first.
    # (Both majority gauges are "G-, a quarter below": a one-step gauge cannot tell them apart.)
    r = mj({"a": [P, G, G, V], "b": [A, G, G, G]})
    assert r.tally["median"] == {"a": G, "b": G}
    assert r.winners == ("b",) and r.tied is False
    assert r.tally["order"] == [["b"], ["a"]]
    assert r.explanation_text()[-2] == (
        "b, a share the majority grade good; removing one median grade at a time from each "
        "until their medians differ, b comes first."
    )


def test_tie_broken_upwards():
    # a: A G G E E (median G; more above than below), b: P G G G G (median G).
    # Remove G: a: A G E E -> G, b: P G G G -> G. Remove G: a: A E E -> E; b: P G G -> G.
    r = mj({"a": [A, G, G, E, E], "b": [P, G, G, G, G]})
    assert r.winners == ("a",)


def test_identical_grades_are_a_full_tie():
    r = mj({"a": [G, P, E], "b": [E, G, P], "c": [R, R, R]})
    assert r.tied is True and r.winners == ("a", "b")
    assert r.tally["order"] == [["a", "b"], ["c"]]
    assert "a, b have exactly the same grades, so they are tied." in r.explanation_text()


def test_three_options_full_order():
    r = mj({"x": [A, A, A], "y": [G, G, P], "z": [G, G, R], "w": [V, R, R]})
    # medians: x A, y G, z G, w R. y vs z: remove G -> y: P G -> P ; z: R G -> R : y first.
    assert r.tally["order"] == [["y"], ["z"], ["x"], ["w"]]
    assert r.winners == ("y",)


def test_missing_grades_count_as_the_lowest():
    ballots = [{"a": G, "b": G}, {"a": G}, {}]
    r = count_majority_judgment(ballots, options=["a", "b"], roll_size=4)
    assert r.tally["ungraded"] == {"a": 1, "b": 2}
    assert r.tally["distribution"]["b"][R] == 2
    # a: R G G -> G ; b: R R G -> R
    assert r.tally["median"] == {"a": G, "b": R}
    assert "a grade left blank counts as to_reject" in r.explanation_text()[0]


def test_custom_scale():
    scale = ["no", "maybe", "yes"]
    r = count_majority_judgment(
        [{"a": "yes", "b": "maybe"}, {"a": "no", "b": "maybe"}, {"a": "yes", "b": "yes"}],
        options=["a", "b"],
        grades=scale,
        roll_size=3,
    )
    # a: no yes yes -> yes ; b: maybe maybe yes -> maybe
    assert r.winners == ("a",) and r.tally["grades"] == scale


def test_single_option_and_single_ballot():
    r = count_majority_judgment([{"a": P}], options=["a"], roll_size=1)
    assert r.winners == ("a",) and r.tally["median"] == {"a": P}


def test_no_ballots():
    r = count_majority_judgment([], options=["a", "b"], roll_size=5)
    assert r.winners == () and r.tied is False and r.valid is False
    assert r.tally["median"] == {"a": None, "b": None} and r.tally["order"] == []


@pytest.mark.parametrize(
    ("ballot", "message"),
    [
        ({"z": G}, "ballot 1: unknown option 'z'"),
        ({"a": "great"}, "ballot 1: unknown grade 'great' for option 'a'"),
        ({"a": 3}, "unknown grade 3"),
        (["a", G], "expected a mapping"),
        (G, "expected a mapping"),
    ],
)
def test_bad_ballots(ballot, message):
    with pytest.raises(ValueError, match=message):
        count_majority_judgment([{"a": G}, ballot], options=["a", "b"], roll_size=4)


@pytest.mark.parametrize("grades", [["only"], ["a", "a"], "abc", ["ok", ""]])
def test_bad_scales(grades):
    with pytest.raises(ValueError):
        count_majority_judgment([], options=["a"], grades=grades, roll_size=4)


def test_majority_values_by_hand():
    # counts per grade index; sorted grades 0 1 1 3 4 (odd): medians 1, 1, 3, 0, 4
    assert majority_values([1, 2, 0, 1, 1]) == (1, 1, 3, 0, 4)
    # 0 2 2 5 (even): lower median 2, then 2, then 0, then 5
    assert majority_values([1, 0, 2, 0, 0, 1]) == (2, 2, 0, 5)
    assert majority_values([0, 0]) == ()
