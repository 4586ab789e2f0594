from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.models import AuditEntry, Space
from proposals.models import (
    Amendment,
    Proposal,
    ProposalAgendaLink,
    ProposalAuthor,
    ProposalStatus,
)

TIMELINE_LABELS = {
    "proposal.create": _("Written"),
    "proposal.edit": _("Edited"),
    "proposal.coauthor_invite": _("Co-author invited"),
    "proposal.coauthor_accept": _("Co-signed"),
    "proposal.submit": _("Submitted to the assembly"),
    "proposal.schedule": _("Put on a meeting's agenda"),
    "proposal.comment": _("Commented"),
    "amendment.propose": _("Amendment proposed"),
    "amendment.accept": _("Amendment accepted: new version"),
    "amendment.reject": _("Amendment rejected"),
    "proposal.in_vote": _("Vote opened"),
    "proposal.adopted": _("Adopted"),
    "proposal.rejected": _("Rejected"),
    "proposal.withdraw": _("Withdrawn by its authors"),
}


def proposal_get(*, pk: int) -> Proposal | None:
    return Proposal.objects.select_related("space", "theme").filter(pk=pk).first()


def proposal_list_for_space(*, space: Space, user) -> QuerySet[Proposal]:
    """Proposals others may read, plus the user's own drafts."""
    visible = ~Q(status=ProposalStatus.DRAFT)
    if user.is_authenticated:
        visible |= Q(authors__user=user, authors__accepted_at__isnull=False)
    return (
        Proposal.objects.filter(space=space)
        .filter(visible)
        .distinct()
        .select_related("theme")
        .annotate(comment_count=Count("comments", distinct=True))
        .order_by("-updated_at", "-pk")
    )


def proposal_page(*, proposal: Proposal) -> dict:
    return {
        "authors": list(
            ProposalAuthor.objects.filter(proposal=proposal)
            .select_related("user")
            .order_by("invited_at")
        ),
        "comments": list(proposal.comments.select_related("author")),
        "amendments": list(
            Amendment.objects.filter(proposal=proposal)
            .select_related("author", "decided_by")
            .order_by("-created_at")
        ),
        "revisions": list(proposal.revisions.select_related("author").order_by("-number")),
        "meetings": list(
            ProposalAgendaLink.objects.filter(proposal=proposal)
            .select_related("agenda_item__meeting")
            .order_by("agenda_item__meeting__starts_at")
        ),
        "votes": list(proposal.votes.order_by("-created_at")),
        "timeline": _timeline(proposal),
    }


def _timeline(proposal: Proposal) -> list[AuditEntry]:
    entries = list(
        AuditEntry.objects.filter(target_type="proposals.proposal", target_id=str(proposal.pk))
        .select_related("actor")
        .order_by("created_at", "id")
    )
    for entry in entries:
        entry.label = TIMELINE_LABELS.get(entry.action, entry.action)
    return entries


# --- Recommendations -----------------------------------------------------------------

TIMELINE_LABELS.update(
    {
        "proposal.recommend": _("Sent to officials as a recommendation"),
    }
)
