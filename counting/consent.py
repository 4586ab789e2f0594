"""Consent: the proposal passes unless an objection is upheld.

A ballot is ``"consent"`` or an objection ``{"vote": "objection", "upheld": bool, "reason": str}``.
Whether each objection is upheld is decided by the facilitator or the assembly before the count;
an objection without that decision is an error. ``reason`` is optional here (the form asks for
it); it does not change the count and is not part of the tally nor of the recount file.
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
    quorum_check,
)

ConsentBallot = str | Mapping[str, Any]


def read_consent_ballots(ballots: Sequence[ConsentBallot]) -> list[tuple[str, bool | None]]:
    """("consent", None) or ("objection", upheld) per ballot."""
    check_ballot_list(ballots)
    out: list[tuple[str, bool | None]] = []
    for i, b in enumerate(ballots):
        if b == "consent":
            out.append(("consent", None))
            continue
        if b == "objection":
            raise CountingError(
                f"ballot {i}: an objection must say whether it is upheld "
                "({'vote': 'objection', 'upheld': True or False})"
            )
        if not isinstance(b, Mapping):
            raise CountingError(f"ballot {i}: expected 'consent' or an objection, not {b!r}")
        extra = set(b) - {"vote", "upheld", "reason"}
        if extra:
            raise CountingError(f"ballot {i}: unexpected keys {sorted(extra)}")
        if b.get("vote") != "objection":
            raise CountingError(f"ballot {i}: unknown vote {b.get('vote')!r}")
        if "upheld" not in b:
            raise CountingError(f"ballot {i}: the objection has not been ruled upheld or not")
        if not isinstance(b["upheld"], bool):
            raise CountingError(f"ballot {i}: 'upheld' must be True or False")
        if "reason" in b and not isinstance(b["reason"], str):
            raise CountingError(f"ballot {i}: 'reason' must be a string")
        out.append(("objection", b["upheld"]))
    return out


def count_consent(
    ballots: Sequence[ConsentBallot],
    *,
    roll_size: int,
    quorum: FractionLike = DEFAULT_QUORUM,
) -> Result:
    """Passes unless at least one objection is upheld."""
    read = read_consent_ballots(ballots)
    quorum_info, quorum_msg = quorum_check(len(read), roll_size, quorum)
    consents = sum(1 for v, _ in read if v == "consent")
    objections = len(read) - consents
    upheld = sum(1 for v, u in read if v == "objection" and u)
    tally = {
        "consent": consents,
        "objections": objections,
        "upheld": upheld,
        "not_upheld": objections - upheld,
        "cast": len(read),
    }
    explanation: list[Message] = [
        (
            "%(consent)s consents and %(objections)s objections; %(upheld)s objections were "
            "upheld.",
            {"consent": consents, "objections": objections, "upheld": upheld},
        ),
        (
            "No objection was upheld, so the proposal is adopted by consent."
            if upheld == 0
            else "At least one objection was upheld, so the proposal is not adopted.",
            {},
        ),
        quorum_msg,
    ]
    return Result(
        method="consent",
        passed=upheld == 0,
        winners=(),
        tied=False,
        tally=tally,
        rounds=(),
        explanation=tuple(explanation),
        valid=quorum_info["reached"],
        quorum=quorum_info,
    )
