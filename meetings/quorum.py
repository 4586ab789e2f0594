"""Quorum, as a pure function.

A space's rule: at least `fraction` of its active seats attend (present or remote), and,
for labs, optionally at least `min_per_college` from each college. Fractions are exact.
"""

import math
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class QuorumResult:
    reached: bool
    attending: int
    required: int
    active_seats: int
    colleges_short: tuple[str, ...] = ()  # colleges below their minimum


def quorum(
    *,
    active_seats_by_college: dict[str, int],
    attending_by_college: dict[str, int],
    fraction: Fraction,
    min_per_college: int = 0,
) -> QuorumResult:
    """`*_by_college` map a college ("" for the Agora) to a count."""
    if not 0 <= fraction <= 1:
        raise ValueError("fraction must be between 0 and 1")
    active = sum(active_seats_by_college.values())
    attending = sum(attending_by_college.values())
    required = math.ceil(Fraction(active) * fraction)
    short = ()
    if min_per_college:
        short = tuple(
            sorted(
                college
                for college in active_seats_by_college
                if attending_by_college.get(college, 0) < min_per_college
            )
        )
    return QuorumResult(
        reached=attending >= required and not short and active > 0,
        attending=attending,
        required=required,
        active_seats=active,
        colleges_short=short,
    )
