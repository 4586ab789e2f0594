"""A member with a history, built through the services: the deletion and export tests
both start from it."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory


@dataclass
class History:
    amina: object  # the member who leaves
    others: list
    official: object
    proposal: object
    open_vote: object
    secret_vote: object
    recommendation: object
    department_recommendation: object
    booklet: object
    edition: object
    meeting: object
    private_draft: object
    invited_draft: object
    proxy: object


def _closed_vote(*, facilitator, space, title, voters, secret=False, proposal=None):
    from votes import services as voting

    vote = voting.vote_open(
        actor=facilitator,
        vote=voting.vote_create(
            actor=facilitator,
            space=space,
            title=title,
            method="for_against",
            secret=secret,
            proposal=proposal,
            deadline=timezone.now() + timedelta(days=1),
        ),
    )
    for i, voter in enumerate(voters):
        choice = "against" if i == len(voters) - 1 else "for"
        voting.vote_cast(actor=voter, vote=vote, content={"choice": choice})
    return voting.vote_close(actor=facilitator, vote=vote)


@pytest.fixture
def history(agora, facilitator, members, meeting, settings, tmp_path):
    """Amina (who shows her name publicly) co-signed Yonas's proposal, commented it,
    amended it (accepted), voted on it (open ballot) and in a secret vote, wrote a booklet
    section and is credited on its published edition, answered a meeting's RSVP with her
    access needs, gave a proxy for it and holds a calendar feed; she has a private draft
    and an invitation to co-sign Farid's draft. An official, Odile, has
    recommendations addressed to her, alone and through a department."""
    from booklets import services as booklets
    from booklets.models import Approval
    from meetings.services import calendar_token_renew, rsvp_set
    from proposals import services as proposals
    from recommendations import services as recommendations
    from recommendations.models import Department
    from votes.services import proxy_give

    settings.MEDIA_ROOT = str(tmp_path)
    amina, yonas, farid, olena = (m.user for m in members)
    amina.show_name_publicly = True
    amina.save()
    everyone = [amina, yonas, farid, olena]

    proposal = proposals.proposal_create(
        actor=yonas,
        space=agora,
        title="Evening French classes",
        text="Open French classes after 18:00 for people who work.",
    )
    proposals.coauthor_invite(actor=yonas, proposal=proposal, user=amina)
    proposals.coauthor_accept(user=amina, proposal=proposal)
    proposals.proposal_submit(actor=yonas, proposal=proposal)
    proposals.comment_add(actor=amina, proposal=proposal, text="Childcare during the classes.")
    proposals.comment_add(actor=farid, proposal=proposal, text="Farid's private worry.")
    amendment = proposals.amendment_propose(
        actor=amina,
        proposal=proposal,
        text="Open French classes after 18:00, with childcare, for people who work.",
        reason="Parents.",
    )
    proposals.amendment_decide(actor=yonas, amendment=amendment, accept=True)
    open_vote = _closed_vote(
        facilitator=facilitator,
        space=agora,
        title="Adopt the evening classes?",
        voters=everyone,
        proposal=proposal,
    )
    secret_vote = _closed_vote(
        facilitator=facilitator,
        space=agora,
        title="Elect a spokesperson?",
        voters=everyone,
        secret=True,
    )

    official = UserFactory(
        username="odile", display_name="Odile Martin", role="official", email="odile@example.org"
    )
    recommendation = recommendations.recommendation_issue(
        actor=facilitator, proposal=proposal, addressee=official
    )
    department = Department.objects.create(name="Housing department")
    department.officials.add(official)
    second = proposals.proposal_create(
        actor=yonas, space=agora, title="A housing desk", text="Every Monday."
    )
    proposals.proposal_submit(actor=yonas, proposal=second)
    _closed_vote(
        facilitator=facilitator,
        space=agora,
        title="Adopt the housing desk?",
        voters=everyone,
        proposal=second,
    )
    department_recommendation = recommendations.recommendation_issue(
        actor=facilitator, proposal=second, department=department
    )

    booklet = booklets.booklet_create(
        actor=facilitator,
        space=agora,
        title="Welcome to the metropolis",
        sections=[("housing", "Housing")],
        approval=Approval.FACILITATOR,
    )
    section = booklet.sections.get()
    booklets.section_save(
        actor=amina,
        section=section,
        language="fr",
        title="Se loger",
        body="Demandez à la mairie : un guichet vous aide.",
        base_number=1,
    )
    booklets.credit_set(actor=amina, booklet=booklet, agreed=True)
    booklets.credit_set(actor=facilitator, booklet=booklet, agreed=True)
    edition = booklets.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr"])
    booklets.edition_approve(actor=facilitator, edition=edition)
    booklets.edition_publish(actor=facilitator, edition=edition)

    rsvp_set(
        user=amina,
        meeting=meeting,
        answer="yes",
        interpretation_language="ar",
        childcare=True,
        accessibility="Amina needs a ramp",
    )
    rsvp_set(
        user=farid,
        meeting=meeting,
        answer="yes",
        interpretation_language="fa-af",
        accessibility="Farid needs a hearing loop",
    )
    calendar_token_renew(user=amina)
    private_draft = proposals.proposal_create(
        actor=amina, space=agora, title="My private idea", text="Nobody has seen it."
    )
    invited_draft = proposals.proposal_create(
        actor=farid, space=agora, title="A draft on transport", text="Bus tickets for newcomers."
    )
    proposals.coauthor_invite(actor=farid, proposal=invited_draft, user=amina)
    proxy = proxy_give(actor=amina, meeting=meeting, holder=olena)
    for user in everyone + [official]:
        user.refresh_from_db()
    return History(
        amina=amina,
        others=[yonas, farid, olena],
        official=official,
        proposal=proposal,
        open_vote=open_vote,
        secret_vote=secret_vote,
        recommendation=recommendation,
        department_recommendation=department_recommendation,
        booklet=booklet,
        edition=edition,
        meeting=meeting,
        private_draft=private_draft,
        invited_draft=invited_draft,
        proxy=proxy,
    )
