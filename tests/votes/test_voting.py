import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from core.exceptions import DomainError
from tests.factories import UserFactory
from votes import services as voting
from votes.models import Ballot, VoterRollEntry

pytestmark = pytest.mark.django_db


def online(space, actor, **kw):
    kw.setdefault("method", "for_against")
    return voting.vote_create(
        actor=actor, space=space, title="Adopt?", deadline=timezone.now() + timedelta(days=2), **kw
    )


def test_roll_is_frozen_at_opening(agora, members, facilitator):
    from core.services import membership_start
    from tests.conftest import first_free_seat

    vote = voting.vote_open(actor=facilitator, vote=online(agora, facilitator))
    assert vote.roll_size == 4
    latecomer = membership_start(actor=facilitator, seat=first_free_seat(agora), user=UserFactory())
    with pytest.raises(DomainError):
        voting.vote_cast(actor=latecomer.user, vote=vote, content={"choice": "for"})


def test_open_ballot_can_be_changed_and_history_kept(agora, members, facilitator):
    vote = voting.vote_open(actor=facilitator, vote=online(agora, facilitator))
    amina = members[0].user
    voting.vote_cast(actor=amina, vote=vote, content={"choice": "for"})
    voting.vote_cast(actor=amina, vote=vote, content={"choice": "against"})
    ballots = Ballot.objects.filter(vote=vote, voter=amina).order_by("cast_at")
    assert [b.content["choice"] for b in ballots] == ["for", "against"]
    assert [b.superseded_at is not None for b in ballots] == [True, False]


def test_secret_ballot_cannot_be_linked_to_its_voter(agora, members, facilitator):
    vote = voting.vote_open(actor=facilitator, vote=online(agora, facilitator, secret=True))
    amina = members[0].user
    voting.vote_cast(actor=amina, vote=vote, content={"choice": "for"})
    with pytest.raises(voting.AlreadyVoted):
        voting.vote_cast(actor=amina, vote=vote, content={"choice": "against"})
    ballot = Ballot.objects.get(vote=vote)
    assert ballot.voter_id is None and ballot.cast_at is None and ballot.entered_by_id is None
    # No column of the ballot table can hold a user or a time (schema inspection).
    columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), Ballot._meta.db_table
        )
    }
    assert columns == {
        "id",
        "vote_id",
        "secret",
        "content",
        "college",
        "voter_id",
        "cast_at",
        "superseded_at",
        "entered_by_id",
    }
    assert (
        Ballot.objects.filter(secret=True)
        .exclude(
            voter__isnull=True,
            cast_at__isnull=True,
            superseded_at__isnull=True,
            entered_by__isnull=True,
        )
        .count()
        == 0
    )
    assert str(ballot.pk).count("-") == 4  # random UUID: no insertion order to match
    from core.models import AuditEntry

    assert not AuditEntry.objects.filter(actor=amina, action__startswith="vote").exists()
    assert VoterRollEntry.objects.get(vote=vote, user=amina).voted_at is not None


def test_database_refuses_a_secret_ballot_with_a_voter(agora, members, facilitator):
    from django.db import IntegrityError, transaction

    vote = voting.vote_open(actor=facilitator, vote=online(agora, facilitator, secret=True))
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(vote=vote, secret=True, content={}, voter=members[0].user)


def test_late_ballot_refused_by_server_time(agora, members, facilitator):
    vote = voting.vote_open(actor=facilitator, vote=online(agora, facilitator))
    vote.deadline = timezone.now() - timedelta(seconds=1)
    vote.save(update_fields=["deadline"])
    with pytest.raises(DomainError):
        voting.vote_cast(actor=members[0].user, vote=vote, content={"choice": "for"})
    assert not Ballot.objects.exists()


@pytest.mark.parametrize("content", [{"choice": "maybe"}, {}, "for", {"approved": ["1"]}])
def test_invalid_ballots_are_refused(agora, members, facilitator, content):
    vote = voting.vote_open(actor=facilitator, vote=online(agora, facilitator))
    with pytest.raises(DomainError):
        voting.vote_cast(actor=members[0].user, vote=vote, content=content)
    assert not Ballot.objects.exists()


def test_proxy_and_assisted_votes(agora, members, facilitator, meeting):
    amina, yonas, farid = (m.user for m in members[:3])
    vote = voting.vote_open(
        actor=facilitator,
        vote=voting.vote_create(
            actor=facilitator, space=agora, title="Adopt?", method="for_against", meeting=meeting
        ),
    )
    with pytest.raises(DomainError):
        voting.vote_cast(actor=yonas, vote=vote, content={"choice": "for"}, for_user=amina)
    proxy = voting.proxy_give(actor=amina, meeting=meeting, holder=yonas)
    with pytest.raises(DomainError):  # one proxy per holder
        voting.proxy_give(actor=farid, meeting=meeting, holder=yonas)
    voting.vote_cast(actor=yonas, vote=vote, content={"choice": "for"}, for_user=amina)
    assert Ballot.objects.get(voter=amina).entered_by == yonas
    voting.proxy_revoke(actor=amina, proxy=proxy)
    with pytest.raises(DomainError):
        voting.vote_cast(actor=yonas, vote=vote, content={"choice": "against"}, for_user=amina)
    voting.vote_cast(
        actor=facilitator, vote=vote, content={"choice": "abstain"}, for_user=farid, assisted=True
    )
    assert Ballot.objects.get(voter=farid).entered_by == facilitator
    with pytest.raises(DomainError):  # members cannot enter assisted votes
        voting.vote_cast(
            actor=yonas, vote=vote, content={"choice": "for"}, for_user=farid, assisted=True
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("secret", [True, False])
def test_fifty_simultaneous_ballots_from_one_voter_count_once(agora, members, facilitator, secret):
    assert connection.vendor == "postgresql", "run through make test (PostgreSQL)"
    vote = voting.vote_open(actor=facilitator, vote=online(agora, facilitator, secret=secret))
    amina = members[0].user
    barrier = threading.Barrier(50)
    outcomes = []

    def cast():
        try:
            barrier.wait()
            voting.vote_cast(actor=amina, vote=vote, content={"choice": "for"})
            outcomes.append("ok")
        except DomainError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cast) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    current = Ballot.objects.filter(vote=vote, superseded_at__isnull=True)
    assert current.count() == 1
    if secret:
        assert outcomes.count("ok") == 1 and outcomes.count("refused") == 49
    assert VoterRollEntry.objects.filter(vote=vote, voted_at__isnull=False).count() == 1
