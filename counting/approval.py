"""Approval: each voter approves any number of options; the most approved option(s) win.

A ballot is a list of the option ids the voter accepts (an empty list approves none and still
counts for the quorum). Several options with the same, highest number of approvals are tied and
all returned; if no option got any approval there is no winner.
"""

from __future__ import annotations

from collections.abc import Sequence
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


def read_option_list(ballot: Any, i: int, known: set[str], what: str) -> tuple[str, ...]:
    """A ballot that lists options: a list or tuple of distinct known option ids."""
    if not isinstance(ballot, (list, tuple)):
        raise CountingError(f"ballot {i}: expected a list of options ({what}), not {ballot!r}")
    seen: set[str] = set()
    for o in ballot:
        if not isinstance(o, str) or o not in known:
            raise CountingError(f"ballot {i}: unknown option {o!r}")
        if o in seen:
            raise CountingError(f"ballot {i}: option {o!r} appears twice")
        seen.add(o)
    return tuple(ballot)


def tally_approval(
    ballots: Sequence[Any], options: Sequence[str]
) -> tuple[tuple[str, ...], dict[str, Any]]:
    opts = check_options(options)
    check_ballot_list(ballots)
    known = set(opts)
    approvals = dict.fromkeys(opts, 0)
    blank = 0
    for i, b in enumerate(ballots):
        if isinstance(b, (set, frozenset)):  # an approval ballot may well be a set
            b = sorted(b, key=str)
        chosen = read_option_list(b, i, known, "the approved ones")
        if not chosen:
            blank += 1
        for o in chosen:
            approvals[o] += 1
    tally = {"approvals": approvals, "cast": len(ballots), "blank": blank}
    return opts, tally


def most_approved(opts: Sequence[str], approvals: dict[str, int]) -> tuple[str, ...]:
    top = max(approvals.values())
    return tuple(o for o in opts if approvals[o] == top) if top > 0 else ()


def count_approval(
    ballots: Sequence[Sequence[str]],
    *,
    options: Sequence[str],
    roll_size: int,
    quorum: FractionLike = DEFAULT_QUORUM,
) -> Result:
    """Winners: the option(s) with the most approvals, in the order of ``options``."""
    opts, tally = tally_approval(ballots, options)
    quorum_info, quorum_msg = quorum_check(tally["cast"], roll_size, quorum)
    approvals = tally["approvals"]
    winners = most_approved(opts, approvals)
    explanation: list[Message] = [
        (
            "Approval vote: each voter approved as many options as they wished; the option with "
            "the most approvals wins.",
            {},
        )
    ]
    if not winners:
        explanation.append(("No option received any approval, so there is no winner.", {}))
    elif len(winners) == 1:
        explanation.append(
            (
                "%(winner)s has the most approvals: %(count)s of %(cast)s ballots.",
                {"winner": winners[0], "count": approvals[winners[0]], "cast": tally["cast"]},
            )
        )
    else:
        explanation.append(
            (
                "%(options)s are tied with %(count)s approvals each.",
                {"options": ", ".join(winners), "count": approvals[winners[0]]},
            )
        )
    explanation.append(quorum_msg)
    return Result(
        method="approval",
        passed=None,
        winners=winners,
        tied=len(winners) > 1,
        tally=tally,
        rounds=(),
        explanation=tuple(explanation),
        valid=quorum_info["reached"],
        quorum=quorum_info,
    )
