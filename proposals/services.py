"""Writes about proposals. Each lifecycle transition is one function with its rule,
recorded in the audit log (which the proposal page shows as its timeline)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.exceptions import DomainError
from core.models import Membership, Space
from core.services import audit_record
from meetings.models import AgendaItem
from proposals.models import (
    Amendment,
    Comment,
    Proposal,
    ProposalAgendaLink,
    ProposalAuthor,
    ProposalRevision,
    ProposalStatus,
    Theme,
)
from votes.subjects import Outcome

THEMES = [
    ("housing", _("Housing")),
    ("french", _("Learning French")),
    ("rights", _("Legal aid and access to rights")),
    ("work", _("Training and work")),
    ("health", _("Health")),
    ("culture", _("Culture and social life")),
]


def themes_seed() -> None:
    """The axes of the seeds (Poitiers' five axes, with health and culture apart)."""
    for position, (slug, name) in enumerate(THEMES):
        Theme.objects.get_or_create(slug=slug, defaults={"name": str(name), "position": position})


def _member(space: Space, user: User) -> bool:
    return Membership.objects.filter(space=space, user=user, ended_at__isnull=True).exists()


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _transition(proposal: Proposal, allowed_from: tuple, to: str, message) -> None:
    if proposal.status not in allowed_from:
        raise DomainError(message)
    proposal.status = to
    proposal.updated_at = timezone.now()
    proposal.save(update_fields=["status", "updated_at"])


@transaction.atomic
def proposal_create(
    *, actor: User, space: Space, title: str, text: str, theme: Theme | None = None
) -> Proposal:
    if not _member(space, actor):
        raise DomainError(_("Only members of this space can write proposals."))
    if not title.strip() or not text.strip():
        raise DomainError(_("A proposal needs a title and a text."))
    proposal = Proposal.objects.create(
        space=space, title=title.strip(), text=text, theme=theme, creator=actor
    )
    ProposalAuthor.objects.create(proposal=proposal, user=actor, accepted_at=timezone.now())
    ProposalRevision.objects.create(
        proposal=proposal, number=1, title=proposal.title, text=text, author=actor
    )
    audit_record(actor=actor, action="proposal.create", target=proposal, space=space)
    return proposal


@transaction.atomic
def proposal_edit(
    *, actor: User, proposal: Proposal, title: str, text: str, theme: Theme | None = None
) -> Proposal:
    """Authors edit their draft; each save is a revision."""
    proposal = _locked(proposal)
    if proposal.status != ProposalStatus.DRAFT:
        raise DomainError(_("Only a draft can be edited. Propose an amendment instead."))
    if not title.strip() or not text.strip():
        raise DomainError(_("A proposal needs a title and a text."))
    proposal.title, proposal.text, proposal.theme = title.strip(), text, theme
    proposal.revision += 1
    proposal.updated_at = timezone.now()
    proposal.save()
    ProposalRevision.objects.create(
        proposal=proposal, number=proposal.revision, title=proposal.title, text=text, author=actor
    )
    audit_record(
        actor=actor,
        action="proposal.edit",
        target=proposal,
        space=proposal.space,
        revision=proposal.revision,
    )
    return proposal


@transaction.atomic
def coauthor_invite(*, actor: User, proposal: Proposal, user: User) -> ProposalAuthor:
    if not _member(proposal.space, user):
        raise DomainError(_("Co-authors must be members of this space."))
    try:
        with transaction.atomic():
            author = ProposalAuthor.objects.create(proposal=proposal, user=user)
    except IntegrityError as exc:
        raise DomainError(_("This person is already invited.")) from exc
    audit_record(
        actor=actor, action="proposal.coauthor_invite", target=proposal, space=proposal.space
    )
    return author


@transaction.atomic
def coauthor_accept(*, user: User, proposal: Proposal) -> ProposalAuthor:
    author = ProposalAuthor.objects.select_for_update().filter(proposal=proposal, user=user).first()
    if author is None:
        raise DomainError(_("You are not invited to co-sign this proposal."))
    if author.accepted_at is None:
        author.accepted_at = timezone.now()
        author.save(update_fields=["accepted_at"])
        audit_record(
            actor=user, action="proposal.coauthor_accept", target=proposal, space=proposal.space
        )
    return author


@transaction.atomic
def proposal_submit(*, actor: User, proposal: Proposal) -> Proposal:
    proposal = _locked(proposal)
    _transition(
        proposal,
        (ProposalStatus.DRAFT,),
        ProposalStatus.SUBMITTED,
        _("Only a draft can be submitted."),
    )
    audit_record(actor=actor, action="proposal.submit", target=proposal, space=proposal.space)
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor: User, proposal: Proposal) -> Proposal:
    proposal = _locked(proposal)
    _transition(
        proposal,
        (ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, ProposalStatus.ON_AGENDA),
        ProposalStatus.WITHDRAWN,
        _("A proposal in vote or decided can no longer be withdrawn."),
    )
    audit_record(actor=actor, action="proposal.withdraw", target=proposal, space=proposal.space)
    return proposal


@transaction.atomic
def proposal_schedule(*, actor: User, proposal: Proposal, agenda_item: AgendaItem) -> Proposal:
    """Put a submitted proposal on an agenda item of a meeting of its space."""
    proposal = _locked(proposal)
    if agenda_item.meeting.space_id != proposal.space_id:
        raise DomainError(_("The meeting belongs to another space."))
    _transition(
        proposal,
        (ProposalStatus.SUBMITTED, ProposalStatus.ON_AGENDA),
        ProposalStatus.ON_AGENDA,
        _("Only a submitted proposal can go on an agenda."),
    )
    ProposalAgendaLink.objects.get_or_create(proposal=proposal, agenda_item=agenda_item)
    audit_record(
        actor=actor,
        action="proposal.schedule",
        target=proposal,
        space=proposal.space,
        meeting=agenda_item.meeting_id,
    )
    return proposal


def proposal_mark_in_vote(*, actor: User | None, proposal: Proposal) -> None:
    _transition(
        proposal,
        (ProposalStatus.SUBMITTED, ProposalStatus.ON_AGENDA),
        ProposalStatus.IN_VOTE,
        _("This proposal is not ready for a vote."),
    )
    audit_record(actor=actor, action="proposal.in_vote", target=proposal, space=proposal.space)


def proposal_decide(*, actor: User | None, proposal: Proposal, adopted: bool) -> None:
    _transition(
        proposal,
        (ProposalStatus.IN_VOTE,),
        ProposalStatus.ADOPTED if adopted else ProposalStatus.REJECTED,
        _("This proposal is not in vote."),
    )
    audit_record(
        actor=actor,
        action="proposal.adopted" if adopted else "proposal.rejected",
        target=proposal,
        space=proposal.space,
    )


def proposal_vote_opened(*, actor: User | None, vote) -> None:
    """Registered vote subject (proposals/apps.py, votes.subjects): opening a vote on a
    proposal puts the proposal in vote (inside the opening's transaction)."""
    proposal = Proposal.objects.select_for_update().get(pk=vote.proposal_id)
    if proposal.status != ProposalStatus.IN_VOTE:
        proposal_mark_in_vote(actor=actor, proposal=proposal)


def proposal_vote_closed(*, actor: User | None, vote, outcome: Outcome) -> None:
    """Registered vote subject (proposals/apps.py, votes.subjects): a valid vote decides
    the proposal it is about, if the proposal is still in the vote."""
    if outcome.passed is None:
        return
    proposal = Proposal.objects.select_for_update().get(pk=vote.proposal_id)
    if proposal.status == ProposalStatus.IN_VOTE and outcome.valid:
        proposal_decide(actor=actor, proposal=proposal, adopted=bool(outcome.passed))


@transaction.atomic
def comment_add(*, actor: User, proposal: Proposal, text: str) -> Comment:
    proposal = Proposal.objects.get(pk=proposal.pk)
    if proposal.status not in (ProposalStatus.SUBMITTED, ProposalStatus.ON_AGENDA):
        raise DomainError(_("Comments are open while the proposal is discussed."))
    if not text.strip():
        raise DomainError(_("The comment is empty."))
    comment = Comment.objects.create(proposal=proposal, author=actor, text=text.strip())
    audit_record(actor=actor, action="proposal.comment", target=proposal, space=proposal.space)
    return comment


@transaction.atomic
def amendment_propose(*, actor: User, proposal: Proposal, text: str, reason: str = "") -> Amendment:
    proposal = _locked(proposal)
    if proposal.status not in (ProposalStatus.SUBMITTED, ProposalStatus.ON_AGENDA):
        raise DomainError(_("Amendments are open while the proposal is discussed."))
    if not text.strip() or text == proposal.text:
        raise DomainError(_("The amendment changes nothing."))
    amendment = Amendment.objects.create(
        proposal=proposal,
        author=actor,
        base_revision=proposal.revision,
        text=text,
        reason=reason.strip(),
    )
    audit_record(
        actor=actor,
        action="amendment.propose",
        target=proposal,
        space=proposal.space,
        amendment=amendment.pk,
    )
    return amendment


@transaction.atomic
def amendment_decide(*, actor: User, amendment: Amendment, accept: bool) -> Amendment:
    """The authors (or a vote, recorded by the facilitator) accept or reject it; an accepted
    amendment makes a new revision. An amendment written on an older revision is refused
    if the text changed since: it must be redone on the current text."""
    amendment = (
        Amendment.objects.select_for_update().select_related("proposal").get(pk=amendment.pk)
    )
    proposal = _locked(amendment.proposal)
    if amendment.status != Amendment.Status.OPEN:
        raise DomainError(_("This amendment is already decided."))
    if accept and amendment.base_revision != proposal.revision:
        raise DomainError(
            _(
                "The proposal changed since this amendment was written: it must "
                "be written again on the current text."
            )
        )
    amendment.status = Amendment.Status.ACCEPTED if accept else Amendment.Status.REJECTED
    amendment.decided_by = actor
    amendment.save(update_fields=["status", "decided_by"])
    if accept:
        proposal.text = amendment.text
        proposal.revision += 1
        proposal.updated_at = timezone.now()
        proposal.save(update_fields=["text", "revision", "updated_at"])
        ProposalRevision.objects.create(
            proposal=proposal,
            number=proposal.revision,
            title=proposal.title,
            text=amendment.text,
            author=amendment.author,
            amendment=amendment,
        )
    audit_record(
        actor=actor,
        action="amendment.accept" if accept else "amendment.reject",
        target=proposal,
        space=proposal.space,
        amendment=amendment.pk,
    )
    return amendment


# Deleting an account (registered in proposals/apps.py, accounts.deletion) ---------------------
def drafts_delete_person(user: User, now, actor: User | None) -> None:
    """Her drafts nobody else signed go; a draft someone co-signed stays theirs too."""
    signed_by_others = ProposalAuthor.objects.filter(accepted_at__isnull=False).exclude(user=user)
    Proposal.objects.filter(creator=user, status=ProposalStatus.DRAFT).exclude(
        pk__in=signed_by_others.values("proposal")
    ).delete()


def coauthor_invitations_drop_person(user: User, now, actor: User | None) -> None:
    ProposalAuthor.objects.filter(user=user, accepted_at__isnull=True).delete()
