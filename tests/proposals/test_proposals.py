import pytest

from core.exceptions import DomainError
from core.models import AuditEntry
from meetings.services import agenda_item_add
from proposals import services
from proposals.models import Amendment, ProposalRevision
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(agora, members):
    services.themes_seed()
    return services.proposal_create(
        actor=members[0].user, space=agora, title="A housing desk", text="Open a desk every Monday."
    )


def test_only_members_write_proposals(agora):
    with pytest.raises(DomainError):
        services.proposal_create(actor=UserFactory(), space=agora, title="X", text="Y")


def test_lifecycle_with_timeline(proposal, members, facilitator, meeting):
    amina = members[0].user
    services.proposal_edit(
        actor=amina,
        proposal=proposal,
        title="A housing desk",
        text="Open a desk every Monday and Thursday.",
    )
    services.proposal_submit(actor=amina, proposal=proposal)
    with pytest.raises(DomainError):  # no edit once submitted
        services.proposal_edit(actor=amina, proposal=proposal, title="T", text="X")
    item = agenda_item_add(actor=facilitator, meeting=meeting, title="Housing desk")
    services.proposal_schedule(actor=facilitator, proposal=proposal, agenda_item=item)
    proposal.refresh_from_db()
    assert proposal.status == "on_agenda"
    assert [link.agenda_item for link in proposal.agenda_links.all()] == [item]
    actions = list(
        AuditEntry.objects.filter(target_type="proposals.proposal", target_id=str(proposal.pk))
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )
    assert actions == ["proposal.create", "proposal.edit", "proposal.submit", "proposal.schedule"]


def test_withdraw_only_before_the_vote(proposal, members):
    services.proposal_submit(actor=members[0].user, proposal=proposal)
    services.proposal_withdraw(actor=members[0].user, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == "withdrawn"
    with pytest.raises(DomainError):
        services.proposal_withdraw(actor=members[0].user, proposal=proposal)
    with pytest.raises(DomainError):
        services.proposal_submit(actor=members[0].user, proposal=proposal)


def test_coauthors_sign_by_accepting(proposal, members):
    yonas = members[1].user
    services.coauthor_invite(actor=members[0].user, proposal=proposal, user=yonas)
    assert not yonas.has_perm("proposals.edit_proposal", proposal)
    services.coauthor_accept(user=yonas, proposal=proposal)
    yonas.__dict__.pop("_accueil_space_roles", None)
    assert yonas.has_perm("proposals.edit_proposal", proposal)
    with pytest.raises(DomainError):
        services.coauthor_invite(actor=members[0].user, proposal=proposal, user=UserFactory())
    with pytest.raises(DomainError):
        services.coauthor_accept(user=members[2].user, proposal=proposal)


def test_amendment_makes_a_revision_and_stale_ones_are_refused(proposal, members):
    amina, yonas, farid = (m.user for m in members[:3])
    services.proposal_submit(actor=amina, proposal=proposal)
    first = services.amendment_propose(
        actor=yonas, proposal=proposal, text="Open a desk every Monday, with interpreters."
    )
    second = services.amendment_propose(
        actor=farid, proposal=proposal, text="Open a desk every day."
    )
    services.amendment_decide(actor=amina, amendment=first, accept=True)
    proposal.refresh_from_db()
    assert proposal.text.endswith("with interpreters.") and proposal.revision == 2
    assert ProposalRevision.objects.get(proposal=proposal, number=2).amendment == first
    with pytest.raises(DomainError):  # written on revision 1
        services.amendment_decide(actor=amina, amendment=second, accept=True)
    services.amendment_decide(actor=amina, amendment=second, accept=False)
    assert Amendment.objects.get(pk=second.pk).status == "rejected"
    with pytest.raises(DomainError):
        services.amendment_propose(actor=farid, proposal=proposal, text=proposal.text)


def test_comments_only_while_discussed(proposal, members):
    with pytest.raises(DomainError):
        services.comment_add(actor=members[1].user, proposal=proposal, text="Draft?")
    services.proposal_submit(actor=members[0].user, proposal=proposal)
    services.comment_add(actor=members[1].user, proposal=proposal, text="Yes!")
    assert proposal.comments.count() == 1


def test_drafts_are_private_to_authors(proposal, members, facilitator):
    assert members[0].user.has_perm("proposals.view_proposal", proposal)
    assert not members[1].user.has_perm("proposals.view_proposal", proposal)
    assert facilitator.has_perm("proposals.view_proposal", proposal)
    services.proposal_submit(actor=members[0].user, proposal=proposal)
    proposal.refresh_from_db()
    assert members[1].user.has_perm("proposals.view_proposal", proposal)
