"""The registry of what votes decide (votes.subjects): each app registers its subject at
startup, and closing a vote calls the subjects it concerns, nothing else."""

from datetime import timedelta

import pytest
from django.utils import timezone

from votes import subjects
from votes.subjects import Outcome, VoteSubject

pytestmark = pytest.mark.django_db


def test_each_app_registered_its_subject():
    assert [s.key for s in subjects.subjects()] == [
        "booklets.edition",
        "meetings.minutes",
        "proposals.proposal",
    ]


def test_a_key_is_registered_once():
    proposal = next(s for s in subjects.subjects() if s.key == "proposals.proposal")
    subjects.register(proposal)  # the same registration again (a second ready()) is fine
    with pytest.raises(ValueError, match="already registered"):
        subjects.register(VoteSubject("proposals.proposal", lambda v: True, lambda **k: None))


def test_a_new_kind_of_subject_is_called_without_touching_votes(
    monkeypatch, agora, facilitator, members
):
    """A made-up app registers a subject; closing a vote it concerns calls it once, with
    the outcome, inside the closing; a vote it does not concern leaves it alone."""
    from votes.models import VoteMethod
    from votes.services import vote_cast, vote_close, vote_create, vote_open

    monkeypatch.setattr(subjects, "_SUBJECTS", dict(subjects._SUBJECTS))
    calls = []
    subjects.register(
        VoteSubject(
            key="zoo.animal",
            concerns=lambda vote: vote.title.startswith("Zoo:"),
            on_close=lambda *, actor, vote, outcome: calls.append((vote.pk, outcome)),
        )
    )
    votes = []
    for title in ("Zoo: adopt a llama?", "Another question?"):
        vote = vote_create(
            actor=facilitator,
            space=agora,
            title=title,
            method=VoteMethod.FOR_AGAINST,
            deadline=timezone.now() + timedelta(days=2),
        )
        vote_open(actor=facilitator, vote=vote)
        for membership in members:
            vote_cast(actor=membership.user, vote=vote, content={"choice": "for"})
        votes.append(vote_close(actor=facilitator, vote=vote))
    assert calls == [(votes[0].pk, Outcome(passed=True, valid=True))]
