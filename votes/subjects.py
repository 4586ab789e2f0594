"""What a vote is about, and what its closing does there: one registry, filled by each app.

A vote decides something that belongs to another app: a proposal (proposals), the approval
of a meeting's minutes (meetings), a booklet edition (booklets), and later other things.
Opening a vote (votes.services.vote_open) calls every registered subject's `on_open`;
closing it (votes.services.vote_close) counts it, then calls every registered subject's
`on_close`; each subject says itself whether the vote concerns it. Adding a kind
of subject is one `register` call in the app's AppConfig.ready(); the voting code does not
change and imports no app above it.

Example (meetings/apps.py):

    votes.subjects.register(VoteSubject(
        key="meetings.minutes",
        concerns=lambda vote: vote.minutes_revision_id is not None,
        on_close=meetings.services.minutes_vote_closed,
    ))
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    """What the count decided: `passed` is None when the method elects rather than
    adopts (a choice among options); `valid` is False without quorum."""

    passed: bool | None
    valid: bool

    @property
    def adopted(self) -> bool:
        return bool(self.passed and self.valid)


@dataclass(frozen=True)
class VoteSubject:
    key: str
    concerns: Callable[[object], bool]  # (vote) -> is this vote about one of mine?
    on_close: Callable[..., None]  # (*, actor, vote, outcome: Outcome), inside the closing
    # transaction: raising rolls the closing back.
    on_open: Callable[..., None] | None = None  # (*, actor, vote), inside the opening
    # transaction (the roll is frozen): raising rolls the opening back.
    title: Callable[[object], str] | None = None  # (vote) -> its question in the active
    # language, for votes the platform words itself (the stored title is the fallback).


_SUBJECTS: dict[str, VoteSubject] = {}


def register(subject: VoteSubject) -> None:
    existing = _SUBJECTS.get(subject.key)
    if existing is not None and existing != subject:
        raise ValueError(f"vote subject {subject.key!r} is already registered")
    _SUBJECTS[subject.key] = subject


def subjects() -> list[VoteSubject]:
    """In key order, so the closing's effects run in the same order everywhere."""
    return [_SUBJECTS[key] for key in sorted(_SUBJECTS)]


def vote_title(vote) -> str:
    """The vote's question as shown: written by its subject in the reader's language when
    the platform worded it (approving minutes, an edition), else the title as typed."""
    for subject in subjects():
        if subject.title is not None and subject.concerns(vote):
            return subject.title(vote)
    return vote.title


def vote_opened(*, actor, vote) -> list[str]:
    """Call the subjects the vote concerns that want to hear of its opening."""
    called = []
    for subject in subjects():
        if subject.on_open is not None and subject.concerns(vote):
            subject.on_open(actor=actor, vote=vote)
            called.append(subject.key)
    return called


def vote_closed(*, actor, vote, outcome: Outcome) -> list[str]:
    """Call the subjects the vote concerns; returns their keys (for the audit and tests)."""
    called = []
    for subject in subjects():
        if subject.concerns(vote):
            subject.on_close(actor=actor, vote=vote, outcome=outcome)
            called.append(subject.key)
    return called
