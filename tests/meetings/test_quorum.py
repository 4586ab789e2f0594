from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetings.quorum import quorum


def test_half_of_sixteen_is_eight():
    r = quorum(
        active_seats_by_college={"": 16}, attending_by_college={"": 8}, fraction=Fraction(1, 2)
    )
    assert r.reached and r.required == 8
    r = quorum(
        active_seats_by_college={"": 16}, attending_by_college={"": 7}, fraction=Fraction(1, 2)
    )
    assert not r.reached


def test_rounds_up():
    r = quorum(
        active_seats_by_college={"": 15}, attending_by_college={"": 7}, fraction=Fraction(1, 2)
    )
    assert r.required == 8 and not r.reached


def test_per_college_minimum_blocks_a_large_overall_turnout():
    active = {"newcomers": 10, "partners": 10, "decision_makers": 10}
    attending = {"newcomers": 2, "partners": 10, "decision_makers": 10}
    r = quorum(
        active_seats_by_college=active,
        attending_by_college=attending,
        fraction=Fraction(1, 2),
        min_per_college=3,
    )
    assert not r.reached and r.colleges_short == ("newcomers",)
    attending["newcomers"] = 3
    assert quorum(
        active_seats_by_college=active,
        attending_by_college=attending,
        fraction=Fraction(1, 2),
        min_per_college=3,
    ).reached


def test_empty_space_has_no_quorum():
    assert not quorum(
        active_seats_by_college={}, attending_by_college={}, fraction=Fraction(1, 2)
    ).reached


def test_fraction_out_of_range():
    with pytest.raises(ValueError):
        quorum(active_seats_by_college={"": 1}, attending_by_college={}, fraction=Fraction(3, 2))


@given(st.integers(1, 60), st.integers(0, 60), st.fractions(0, 1))
def test_reached_iff_attending_at_least_ceiling(active, attending, fraction):
    attending = min(attending, active)
    r = quorum(
        active_seats_by_college={"": active},
        attending_by_college={"": attending},
        fraction=fraction,
    )
    assert r.reached == (attending >= active * fraction)
