"""Sense check: a non-binding poll. The same tallies as for/against/abstain or approval, but
``passed`` is None, there are no ``winners``, and the explanation says it is indicative."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .approval import most_approved, tally_approval
from .for_against import check_college_rolls, counts_message, read_ballots, tally_ballots
from .result import (
    DEFAULT_QUORUM,
    CountingError,
    FractionLike,
    Message,
    Result,
    check_roll_size,
    quorum_check,
)

SENSE_CHECK_KINDS = ("for_against", "approval")

INDICATIVE: Message = (
    "This is a sense check: the result is indicative and decides nothing.",
    {},
)


def count_sense_check(
    ballots: Sequence[Any],
    *,
    roll_size: int,
    kind: str = "for_against",
    options: Sequence[str] | None = None,
    quorum: FractionLike = DEFAULT_QUORUM,
    college_rolls: Mapping[str, int] | None = None,
) -> Result:
    """``kind="for_against"``: ballots as in :func:`count_for_against` (colleges allowed, for the
    breakdown only). ``kind="approval"``: ballots as in :func:`count_approval`, with ``options``.
    ``tally["most_approved"]`` lists the most approved options (empty if none was approved)."""
    explanation: list[Message] = [INDICATIVE]
    if kind == "for_against":
        if options is not None:
            raise CountingError("a for/against sense check takes no options")
        check_roll_size(roll_size)
        rolls = check_college_rolls(college_rolls, roll_size) if college_rolls is not None else None
        read = read_ballots(ballots, rolls)
        if rolls is not None and read and read[0][1] is None:
            raise CountingError("with college_rolls, every ballot must name its college")
        quorum_info, quorum_msg = quorum_check(len(read), roll_size, quorum)
        tally = tally_ballots(read, rolls)
        explanation.append(counts_message(tally))
    elif kind == "approval":
        if options is None:
            raise CountingError("an approval sense check needs its options")
        if college_rolls is not None:
            raise CountingError("an approval sense check takes no college_rolls")
        opts, tally = tally_approval(ballots, options)
        quorum_info, quorum_msg = quorum_check(tally["cast"], roll_size, quorum)
        tally["most_approved"] = list(most_approved(opts, tally["approvals"]))
        explanation.append(
            (
                "Each voter approved as many options as they wished; %(cast)s ballots were cast.",
                {"cast": tally["cast"]},
            )
        )
    else:
        raise CountingError(
            f"unknown sense check kind {kind!r} (expected one of {', '.join(SENSE_CHECK_KINDS)})"
        )
    explanation.append(quorum_msg)
    return Result(
        method="sense_check",
        passed=None,
        winners=(),
        tied=False,
        tally={"kind": kind, **tally},
        rounds=(),
        explanation=tuple(explanation),
        valid=quorum_info["reached"],
        quorum=quorum_info,
    )
