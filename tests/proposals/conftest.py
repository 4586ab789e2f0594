from datetime import timedelta

import pytest
from django.utils import timezone


def adopt(*, space, author, facilitator, voters, title="A housing desk"):
    """A proposal adopted the real way: written, submitted, voted for by `voters`, closed."""
    from proposals import services
    from votes import services as voting

    services.themes_seed()
    from proposals.models import Theme

    proposal = services.proposal_create(
        actor=author,
        space=space,
        title=title,
        text="Open a housing desk every Monday, with interpreters.",
        theme=Theme.objects.get(slug="housing"),
    )
    services.proposal_submit(actor=author, proposal=proposal)
    vote = voting.vote_open(
        actor=facilitator,
        vote=voting.vote_create(
            actor=facilitator,
            space=space,
            title=title,
            method="for_against",
            proposal=proposal,
            deadline=timezone.now() + timedelta(days=1),
        ),
    )
    for voter in voters:
        voting.vote_cast(actor=voter, vote=vote, content={"choice": "for"})
    voting.vote_close(actor=facilitator, vote=vote)
    proposal.refresh_from_db()
    assert proposal.status == "adopted"
    return proposal


@pytest.fixture
def adopted(agora, members, facilitator):
    return adopt(
        space=agora,
        author=members[0].user,
        facilitator=facilitator,
        voters=[m.user for m in members[:3]],
    )


@pytest.fixture
def official():
    from tests.factories import UserFactory

    return UserFactory(
        username="odile",
        display_name="Odile (Housing)",
        role="official",
        email="odile@example.org",
        interface_language="fr",
    )
