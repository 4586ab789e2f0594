"""Reads about votes: one vote, a space's votes, a person's roll entry, the turnout."""

from django.db.models import QuerySet

from core.models import Space
from votes.models import Ballot, Vote, VoterRollEntry


def vote_get(*, pk: int) -> Vote | None:
    return Vote.objects.select_related("space", "proposal", "meeting").filter(pk=pk).first()


def vote_list_for_space(*, space: Space) -> QuerySet[Vote]:
    return Vote.objects.filter(space=space).order_by("-created_at")


def roll_entry(*, vote: Vote, user) -> VoterRollEntry | None:
    if not user.is_authenticated:
        return None
    return VoterRollEntry.objects.filter(vote=vote, user=user).first()


def ballots_cast(*, vote: Vote) -> int:
    return VoterRollEntry.objects.filter(vote=vote, voted_at__isnull=False).count()


def consent_objections(*, vote: Vote) -> list:
    """The reasoned objections of an open consent vote (open ballots: authors are known)."""
    return list(
        Ballot.objects.filter(vote=vote, superseded_at__isnull=True, content__choice="objection")
        .select_related("voter")
        .order_by("cast_at")
    )
