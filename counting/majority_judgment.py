"""Majority judgment (Balinski and Laraki).

A ballot maps option ids to grades: ``{"a": "good", "b": "poor"}``. The grades form an ordered
scale, worst first (``DEFAULT_GRADES`` unless another is given). An option left ungraded on a
ballot gets the lowest grade of the scale ("to_reject" by default), as Balinski and Laraki
advise; so every option has exactly one grade per ballot.

An option's *majority grade* is the lower median of its grades: with its n grades sorted from
worst to best, the grade at position ``(n - 1) // 2`` (counting from 0).

**Tie-break** (the standard procedure): options with the same majority grade are compared by
removing one median grade from each and taking the new lower medians, again and again, until
they differ; the option with the higher grade at that point ranks first. This is the same as
comparing, best first, the options' *majority values*: the sequence of lower medians obtained by
removing the median one grade at a time. Two options stay tied only if they have exactly the
same grades (the same count of each grade); then ``tied=True`` and ``winners`` is the tied set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .result import (
    DEFAULT_QUORUM,
    CountingError,
    FractionLike,
    Message,
    Result,
    check_ballot_list,
    check_options,
    quorum_check,
)

DEFAULT_GRADES: tuple[str, ...] = (
    "to_reject",
    "poor",
    "acceptable",
    "good",
    "very_good",
    "excellent",
)


def check_grades(grades: Sequence[str]) -> tuple[str, ...]:
    if isinstance(grades, (str, bytes)) or not isinstance(grades, Sequence):
        raise CountingError(f"grades must be a list of grade ids, worst first, not {grades!r}")
    scale = tuple(grades)
    if len(scale) < 2:
        raise CountingError("the grade scale needs at least two grades")
    if any(not isinstance(g, str) or not g for g in scale):
        raise CountingError("a grade id must be a non-empty string")
    if len(set(scale)) != len(scale):
        raise CountingError("a grade is listed twice in the scale")
    return scale


def majority_values(counts: Sequence[int]) -> tuple[int, ...]:
    """The majority value of an option whose grade ``g`` (an index in the scale) was given
    ``counts[g]`` times: the lower medians met when removing the median one grade at a time.

    With the grades sorted worst first and the median taken out, the grades left on its left
    (L of them) and right (R) always satisfy L == R or R == L + 1: the next lower median is the
    nearest grade on the left when L == R, else the nearest on the right.
    """
    grades = [g for g, n in enumerate(counts) for _ in range(n)]
    m = len(grades)
    if m == 0:
        return ()
    mid = (m - 1) // 2
    out = [grades[mid]]
    left, right = mid - 1, mid + 1
    while left >= 0 or right < m:
        if (m - right) > (left + 1):
            out.append(grades[right])
            right += 1
        else:
            out.append(grades[left])
            left -= 1
    return tuple(out)


def count_majority_judgment(
    ballots: Sequence[Mapping[str, str]],
    *,
    options: Sequence[str],
    roll_size: int,
    grades: Sequence[str] = DEFAULT_GRADES,
    quorum: FractionLike = DEFAULT_QUORUM,
) -> Result:
    """Majority judgment; ``tally["order"]`` is the full ranking, tied options grouped."""
    opts = check_options(options)
    scale = check_grades(grades)
    check_ballot_list(ballots)
    grade_index = {g: k for k, g in enumerate(scale)}
    counts = {o: [0] * len(scale) for o in opts}
    ungraded = dict.fromkeys(opts, 0)
    for i, b in enumerate(ballots):
        if not isinstance(b, Mapping):
            raise CountingError(f"ballot {i}: expected a mapping of option to grade, not {b!r}")
        for o, g in b.items():
            if o not in counts:
                raise CountingError(f"ballot {i}: unknown option {o!r}")
            if not isinstance(g, str) or g not in grade_index:
                raise CountingError(f"ballot {i}: unknown grade {g!r} for option {o!r}")
            counts[o][grade_index[g]] += 1
        for o in opts:
            if o not in b:
                ungraded[o] += 1
                counts[o][0] += 1
    cast = len(ballots)
    quorum_info, quorum_msg = quorum_check(cast, roll_size, quorum)

    values = {o: majority_values(counts[o]) for o in opts}
    ranked = sorted(opts, key=lambda o: values[o], reverse=True)  # stable: options order kept
    order: list[list[str]] = []
    for o in ranked:
        if order and values[order[-1][0]] == values[o]:
            order[-1].append(o)
        else:
            order.append([o])
    median = {o: scale[values[o][0]] if cast else None for o in opts}
    tally: dict[str, Any] = {
        "grades": list(scale),
        "cast": cast,
        "median": median,
        "distribution": {o: dict(zip(scale, counts[o], strict=True)) for o in opts},
        "ungraded": ungraded,
        "order": order if cast else [],
    }
    explanation: list[Message] = [
        (
            "Majority judgment: each option's majority grade is the lower median of its grades; "
            "a grade left blank counts as %(lowest)s.",
            {"lowest": scale[0]},
        )
    ]
    winners: tuple[str, ...] = ()
    if not cast:
        explanation.append(("No ballot was cast, so there is no winner.", {}))
    else:
        for o in opts:
            explanation.append(
                ("%(option)s has the majority grade %(grade)s.", {"option": o, "grade": median[o]})
            )
        winners = tuple(order[0])
        best = median[winners[0]]
        same_median = [o for o in ranked if median[o] == best]
        if len(winners) > 1:
            explanation.append(
                (
                    "%(options)s have exactly the same grades, so they are tied.",
                    {"options": ", ".join(winners)},
                )
            )
        elif len(same_median) == 1:
            explanation.append(
                (
                    "%(winner)s wins with the best majority grade, %(grade)s.",
                    {"winner": winners[0], "grade": best},
                )
            )
        else:
            explanation.append(
                (
                    "%(options)s share the majority grade %(grade)s; removing one median grade "
                    "at a time from each until their medians differ, %(winner)s comes first.",
                    {"options": ", ".join(same_median), "grade": best, "winner": winners[0]},
                )
            )
    explanation.append(quorum_msg)
    return Result(
        method="majority_judgment",
        passed=None,
        winners=winners,
        tied=len(winners) > 1,
        tally=tally,
        rounds=(),
        explanation=tuple(explanation),
        valid=quorum_info["reached"],
        quorum=quorum_info,
    )
