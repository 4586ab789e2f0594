"""Ranked choice by instant runoff (IRV).

A ballot is a ranking: a list of option ids, most preferred first. It may be truncated (rank
only some options) or empty (a blank ballot: it counts for the quorum and nothing else).

Each round, every non-blank ballot counts for its highest-ranked option still in the race; a
ballot none of whose ranked options is still in the race is *exhausted* and counts no more.
The *continuing* ballots are the others.

* An option with more than half of the continuing ballots (``2 * votes > continuing``) is
  elected.
* Otherwise the option(s) with the fewest votes are eliminated (options with no first
  preference at all included).

**Elimination-tie rule.** When several options share the fewest votes, they are all eliminated
together in the same round, provided at least one option would remain. If every remaining
option has the same number of votes (so eliminating the lowest would remove them all), the
count stops and the remaining options are tied: ``tied=True`` and ``winners`` is that set, to
be settled by lot (:func:`counting.ties.break_tie_by_lot`). Two remaining options
with equal votes are tied this way. If no ballot ranks any option, there is no winner.

This rule uses no lot during the count and is the same as pref_voting's ``instant_runoff``
without a tie-breaker. Its known cost: a joint elimination can leave a single option, which then
wins even if each of the options eliminated with it would have beaten it head to head (a 3,
b 2, c 2 of 7 ballots [a, b, c] x3, [b, c, a] x2, [c, b, a] x2: b and c go out together and a
wins, though b and c each beat a 4-3). Eliminating one tied option at a time, by lot, would
avoid that but would make the count depend on a draw.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from .approval import read_option_list
from .result import (
    DEFAULT_QUORUM,
    FractionLike,
    Message,
    Result,
    check_ballot_list,
    check_options,
    quorum_check,
)


def count_irv(
    ballots: Sequence[Sequence[str]],
    *,
    options: Sequence[str],
    roll_size: int,
    quorum: FractionLike = DEFAULT_QUORUM,
) -> Result:
    """Instant runoff; ``rounds`` holds the round-by-round table (see the module docstring)."""
    opts = check_options(options)
    check_ballot_list(ballots)
    known = set(opts)
    index = {o: k for k, o in enumerate(opts)}
    groups: Counter[tuple[int, ...]] = Counter()
    for i, b in enumerate(ballots):
        ranking = read_option_list(b, i, known, "a ranking, most preferred first")
        groups[tuple(index[o] for o in ranking)] += 1
    cast = len(ballots)
    quorum_info, quorum_msg = quorum_check(cast, roll_size, quorum)
    blank = groups.pop((), 0)

    # Each distinct ranking with its count and the position of its top continuing option;
    # eliminations only remove options, so that position only moves forward.
    piles = [[ranking, n, 0] for ranking, n in groups.items()]
    alive = [True] * len(opts)
    rounds: list[dict[str, Any]] = []
    winners: tuple[str, ...] = ()
    tied = False
    explanation: list[Message] = [
        (
            "Ranked choice by instant runoff: in each round every ballot counts for its "
            "highest-ranked option still in the race, and an option with more than half of the "
            "continuing ballots wins; otherwise the option(s) with the fewest votes are "
            "eliminated.",
            {},
        )
    ]
    if blank:
        explanation.append(
            (
                "%(blank)s blank ballots ranked no option; they count only for the quorum.",
                {"blank": blank},
            )
        )
    while True:
        votes = [0] * len(opts)
        exhausted = 0
        for pile in piles:
            ranking, n, pos = pile
            while pos < len(ranking) and not alive[ranking[pos]]:
                pos += 1
            pile[2] = pos
            if pos < len(ranking):
                votes[ranking[pos]] += n
            else:
                exhausted += n
        remaining = [k for k in range(len(opts)) if alive[k]]
        continuing = cast - blank - exhausted
        row: dict[str, Any] = {
            "round": len(rounds) + 1,
            "counts": {opts[k]: votes[k] for k in remaining},
            "continuing": continuing,
            "exhausted": exhausted,
            "majority": continuing // 2 + 1,
            "eliminated": [],
            "elected": None,
            "tied": [],
        }
        rounds.append(row)
        if continuing == 0:  # only possible in round 1: no ballot ranks anything
            explanation.append(("No ballot ranked any option, so there is no winner.", {}))
            break
        top = max(remaining, key=lambda k: votes[k])
        if 2 * votes[top] > continuing:
            row["elected"] = opts[top]
            winners = (opts[top],)
            explanation.append(
                (
                    "Round %(round)s: %(winner)s wins with %(votes)s of %(continuing)s continuing "
                    "ballots.",
                    {
                        "round": row["round"],
                        "winner": opts[top],
                        "votes": votes[top],
                        "continuing": continuing,
                    },
                )
            )
            break
        low = min(votes[k] for k in remaining)
        lowest = [k for k in remaining if votes[k] == low]
        if len(lowest) == len(remaining):
            winners = tuple(opts[k] for k in remaining)
            tied = True
            row["tied"] = list(winners)
            explanation.append(
                (
                    "Round %(round)s: the remaining options (%(options)s) have %(votes)s votes "
                    "each and none has a majority, so they are tied.",
                    {"round": row["round"], "options": ", ".join(winners), "votes": low},
                )
            )
            break
        for k in lowest:
            alive[k] = False
        row["eliminated"] = [opts[k] for k in lowest]
        explanation.append(
            (
                "Round %(round)s: no majority; %(eliminated)s eliminated with the fewest votes "
                "(%(votes)s).",
                {"round": row["round"], "eliminated": ", ".join(row["eliminated"]), "votes": low},
            )
        )
    if any(len(r["eliminated"]) > 1 for r in rounds):
        explanation.append(
            ("When several options had the fewest votes, they were eliminated together.", {})
        )
    if rounds[-1]["exhausted"]:
        explanation.append(
            (
                "%(exhausted)s ballots were exhausted by the last round: every option they "
                "ranked had been eliminated.",
                {"exhausted": rounds[-1]["exhausted"]},
            )
        )
    explanation.append(quorum_msg)
    tally = {
        "options": list(opts),
        "cast": cast,
        "blank": blank,
        "first_preferences": dict(rounds[0]["counts"]),
        "final_counts": dict(rounds[-1]["counts"]),
    }
    return Result(
        method="irv",
        passed=None,
        winners=winners,
        tied=tied,
        tally=tally,
        rounds=tuple(rounds),
        explanation=tuple(explanation),
        valid=quorum_info["reached"],
        quorum=quorum_info,
    )
