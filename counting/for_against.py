"""For / against / abstain, with a threshold, optionally in each college of a lab.

A ballot is one of the strings ``"for"``, ``"against"``, ``"abstain"``, or, when colleges are
counted, a mapping ``{"vote": "for", "college": "partners"}``. Abstentions are shown and count
for the quorum, never in the majority.

Thresholds:

* ``simple``: more for than against. For == against (and at least one of each) is a tie, and
  the declared tie rule is the status quo: the proposal is not adopted.
* ``two_thirds``: for >= 2/3 of (for + against), with at least one vote for or against.
* ``absolute_seats``: for > half of the seats, i.e. of the voter roll (``2 * for > roll``).

With ``require_each_college=True`` (labs), the proposal passes only if the threshold holds
overall *and* in each college, each with its own roll (``college_rolls``). A college where no
one voted for or against has no majority for, so it blocks the proposal under ``simple`` and
``two_thirds``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from .result import (
    DEFAULT_QUORUM,
    CountingError,
    FractionLike,
    Message,
    Result,
    check_ballot_list,
    check_roll_size,
    fraction_str,
    quorum_check,
)

VOTES = ("for", "against", "abstain")
THRESHOLDS = ("simple", "two_thirds", "absolute_seats")
COLLEGES = ("newcomers", "partners", "decision_makers")
#: Below this many ballots, a college's own breakdown is not shown (see
#: :func:`college_breakdown_visible`); the count itself always uses every ballot.
MIN_VISIBLE_COLLEGE_BALLOTS = 3

ForAgainstBallot = str | Mapping[str, str]


def college_breakdown_visible(count: int) -> bool:
    """Whether a college's breakdown may be shown: only with at least 3 ballots in it, so that
    no one's vote can be inferred. Hiding is the display layer's job; counting uses all."""
    return count >= MIN_VISIBLE_COLLEGE_BALLOTS


def read_ballots(
    ballots: Sequence[ForAgainstBallot], college_rolls: Mapping[str, int] | None
) -> list[tuple[str, str | None]]:
    """(vote, college or None) per ballot. Either every ballot names its college or none does."""
    check_ballot_list(ballots)
    out: list[tuple[str, str | None]] = []
    for i, b in enumerate(ballots):
        if isinstance(b, str):
            vote, college = b, None
        elif isinstance(b, Mapping):
            extra = set(b) - {"vote", "college"}
            if extra:
                raise CountingError(f"ballot {i}: unexpected keys {sorted(extra)}")
            if "vote" not in b or "college" not in b:
                raise CountingError(f"ballot {i}: a mapping ballot needs 'vote' and 'college'")
            vote, college = b["vote"], b["college"]
            if not isinstance(college, str) or college not in COLLEGES:
                raise CountingError(
                    f"ballot {i}: unknown college {college!r} "
                    f"(expected one of {', '.join(COLLEGES)})"
                )
            if college_rolls is not None and college not in college_rolls:
                raise CountingError(f"ballot {i}: college {college!r} has no roll in college_rolls")
        else:
            raise CountingError(f"ballot {i}: expected 'for', 'against' or 'abstain', not {b!r}")
        if vote not in VOTES:
            raise CountingError(
                f"ballot {i}: unknown vote {vote!r} (expected 'for', 'against' or 'abstain')"
            )
        out.append((vote, college))
    tagged = {college is not None for _, college in out}
    if len(tagged) > 1:
        raise CountingError("some ballots name their college and others do not")
    return out


def check_college_rolls(college_rolls: Mapping[str, int], roll_size: int) -> dict[str, int]:
    if not isinstance(college_rolls, Mapping) or not college_rolls:
        raise CountingError("college_rolls must map each college to the size of its roll")
    rolls: dict[str, int] = {}
    for c in COLLEGES:  # fixed order, whatever order they were given in
        if c in college_rolls:
            rolls[c] = check_roll_size(college_rolls[c], f"college_rolls[{c!r}]")
    unknown = set(college_rolls) - set(COLLEGES)
    if unknown:
        raise CountingError(f"unknown college(s) in college_rolls: {sorted(map(str, unknown))}")
    if sum(rolls.values()) != roll_size:
        raise CountingError(
            f"the college rolls add up to {sum(rolls.values())}, not to roll_size {roll_size}"
        )
    return rolls


def _counts(votes: Sequence[str]) -> dict[str, int]:
    return {v: sum(1 for x in votes if x == v) for v in VOTES}


def _share(f: int, a: int) -> str | None:
    return fraction_str(Fraction(f, f + a)) if f + a else None


def threshold_met(threshold: str, f: int, a: int, roll: int) -> tuple[bool, bool]:
    """(met, tied) for ``f`` for and ``a`` against out of a roll of ``roll``."""
    if threshold == "simple":
        return f > a, f == a and f > 0
    if threshold == "two_thirds":
        return f + a > 0 and 3 * f >= 2 * (f + a), False
    if threshold == "absolute_seats":
        return 2 * f > roll, False
    raise CountingError(
        f"unknown threshold {threshold!r} (expected one of {', '.join(THRESHOLDS)})"
    )


def _tally_block(votes: Sequence[str]) -> dict[str, Any]:
    c = _counts(votes)
    return {
        "for": c["for"],
        "against": c["against"],
        "abstain": c["abstain"],
        "cast": len(votes),
        "expressed": c["for"] + c["against"],
        "for_share": _share(c["for"], c["against"]),
    }


def counts_message(block: Mapping[str, Any]) -> Message:
    return (
        "%(for)s for, %(against)s against, %(abstain)s abstentions; abstentions do not count "
        "in the majority.",
        {"for": block["for"], "against": block["against"], "abstain": block["abstain"]},
    )


def _decision_message(threshold: str, block: Mapping[str, Any], roll: int, met: bool) -> Message:
    f, a = block["for"], block["against"]
    p = {"for": f, "against": a, "expressed": f + a, "share": block["for_share"], "roll": roll}
    if threshold == "simple":
        if f == a == 0:
            return ("No vote for or against was cast, so the proposal is not adopted.", p)
        if f == a:
            return (
                "For and against are tied; under the declared tie rule (status quo) the proposal "
                "is not adopted.",
                p,
            )
        if met:
            return ("Simple majority: more votes for than against, so the proposal is adopted.", p)
        return (
            "Simple majority: not more votes for than against, so the proposal is not adopted.",
            p,
        )
    if threshold == "two_thirds":
        if f + a == 0:
            return ("No vote for or against was cast, so the proposal is not adopted.", p)
        if met:
            return (
                "Two-thirds majority: %(for)s for out of %(expressed)s votes for or against is at "
                "least two thirds, so the proposal is adopted.",
                p,
            )
        return (
            "Two-thirds majority: %(for)s for out of %(expressed)s votes for or against is less "
            "than two thirds, so the proposal is not adopted.",
            p,
        )
    if met:
        return (
            "Absolute majority of seats: %(for)s votes for out of %(roll)s seats is more than "
            "half, so the proposal is adopted.",
            p,
        )
    return (
        "Absolute majority of seats: %(for)s votes for out of %(roll)s seats is not more than "
        "half, so the proposal is not adopted.",
        p,
    )


def tally_ballots(
    read: Sequence[tuple[str, str | None]], college_rolls: Mapping[str, int] | None
) -> dict[str, Any]:
    """The overall block, plus a block per college when ballots are tagged or rolls given."""
    tally = _tally_block([v for v, _ in read])
    if college_rolls is not None or any(c is not None for _, c in read):
        names = list(college_rolls) if college_rolls is not None else list(COLLEGES)
        tally["colleges"] = {}
        for name in names:
            block = _tally_block([v for v, c in read if c == name])
            block["roll"] = college_rolls[name] if college_rolls is not None else None
            if block["roll"] is not None and block["cast"] > block["roll"]:
                raise CountingError(
                    f"{block['cast']} ballots in college {name!r} but its roll has {block['roll']}"
                )
            tally["colleges"][name] = block
    return tally


def count_for_against(
    ballots: Sequence[ForAgainstBallot],
    *,
    roll_size: int,
    threshold: str = "simple",
    quorum: FractionLike = DEFAULT_QUORUM,
    require_each_college: bool = False,
    college_rolls: Mapping[str, int] | None = None,
) -> Result:
    """Count a for/against/abstain vote; see the module docstring for the thresholds."""
    if threshold not in THRESHOLDS:
        raise CountingError(
            f"unknown threshold {threshold!r} (expected one of {', '.join(THRESHOLDS)})"
        )
    if not isinstance(require_each_college, bool):
        raise CountingError("require_each_college must be True or False")
    check_roll_size(roll_size)
    rolls = check_college_rolls(college_rolls, roll_size) if college_rolls is not None else None
    if require_each_college and rolls is None:
        raise CountingError("require_each_college needs college_rolls")
    read = read_ballots(ballots, rolls)
    if rolls is not None and read and read[0][1] is None:
        raise CountingError("with college_rolls, every ballot must name its college")
    quorum_info, quorum_msg = quorum_check(len(read), roll_size, quorum)

    tally = tally_ballots(read, rolls)
    tally = {"threshold": threshold, **tally}
    met, tied = threshold_met(threshold, tally["for"], tally["against"], roll_size)
    explanation: list[Message] = [counts_message(tally)]
    passed = met
    if not require_each_college:
        explanation.append(_decision_message(threshold, tally, roll_size, met))
    else:
        # The overall decision sentence would conclude too early: say only whether the
        # threshold holds overall, then per college, then conclude.
        if tied:
            explanation.append(_decision_message(threshold, tally, roll_size, met))
        explanation.append(
            (
                "Overall, the %(threshold)s threshold is met."
                if met
                else "Overall, the %(threshold)s threshold is not met.",
                {"threshold": threshold},
            )
        )
        failing = []
        for name, block in tally["colleges"].items():
            c_met, c_tied = threshold_met(threshold, block["for"], block["against"], block["roll"])
            block["threshold_met"] = c_met
            block["tied"] = c_tied
            if not c_met:
                failing.append(name)
            # No counts here: a college's breakdown may be hidden by the display layer.
            explanation.append(
                (
                    "In the %(college)s college the threshold is met."
                    if c_met
                    else "In the %(college)s college the threshold is not met.",
                    {"college": name},
                )
            )
        if failing:
            passed = False
            explanation.append(
                (
                    "The threshold had to hold overall and in each college; it does not hold in: "
                    "%(colleges)s, so the proposal is not adopted.",
                    {"colleges": ", ".join(failing)},
                )
            )
        elif not met:
            explanation.append(
                ("The threshold does not hold overall, so the proposal is not adopted.", {})
            )
        else:
            explanation.append(
                (
                    "The threshold holds overall and in every college, so the proposal is adopted.",
                    {},
                )
            )
    explanation.append(quorum_msg)
    return Result(
        method="for_against",
        passed=passed,
        winners=(),
        tied=tied,
        tally=tally,
        rounds=(),
        explanation=tuple(explanation),
        valid=quorum_info["reached"],
        quorum=quorum_info,
    )
