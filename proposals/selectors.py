from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import AuditEntry, Space, Visibility
from proposals.models import (
    Amendment,
    Answer,
    Ballot,
    Implementation,
    Proposal,
    ProposalAgendaLink,
    ProposalAuthor,
    ProposalStatus,
    Recommendation,
    Theme,
    Vote,
    VoterRollEntry,
    VoteStatus,
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


# --- Recommendations -----------------------------------------------------------------

TIMELINE_LABELS.update(
    {
        "proposal.recommend": _("Sent to officials as a recommendation"),
    }
)

STATUS_FILTERS = {
    "awaiting": _("Awaiting an answer"),
    "overdue": _("Overdue"),
    "accepted": _("Accepted"),
    "partly": _("Partly accepted"),
    "declined": _("Declined"),
    "done": _("Done"),
}


def recommendation_get(*, pk: int) -> Recommendation | None:
    return (
        Recommendation.objects.select_related(
            "space", "theme", "addressee", "department", "proposal", "answered_by"
        )
        .filter(pk=pk)
        .first()
    )


def recommendation_public_list(
    *, theme: str = "", space: str = "", status: str = "", today=None
) -> QuerySet[Recommendation]:
    """The public tracking list: recommendations of public spaces (a members-only space's
    recommendations are shown to its members and the officials addressed only).

    Filters are plain values from the query string; unknown values filter nothing out
    rather than failing. Two queries per page whatever the number of rows (count + page).
    """
    today = today or timezone.localdate()
    qs = Recommendation.objects.filter(space__visibility=Visibility.PUBLIC).select_related(
        "space", "theme", "addressee", "department"
    )
    if theme:
        qs = qs.filter(theme__slug=theme)
    if space:
        qs = qs.filter(space__slug=space)
    if status == "awaiting":
        qs = qs.filter(answered_at__isnull=True)
    elif status == "overdue":
        qs = qs.filter(answered_at__isnull=True, deadline__lt=today)
    elif status in Answer.values:
        qs = qs.filter(answer=status)
    elif status == "done":
        qs = qs.filter(implementation=Implementation.DONE)
    return qs.order_by("-issued_at", "-pk")


def recommendation_filter_choices() -> dict:
    return {
        "themes": list(Theme.objects.order_by("position", "name")),
        "spaces": list(
            Space.objects.filter(visibility=Visibility.PUBLIC)
            .filter(Exists(Recommendation.objects.filter(space=OuterRef("pk"))))
            .order_by("name")
        ),
        "statuses": list(STATUS_FILTERS.items()),
    }


def recommendation_inbox(*, user) -> QuerySet[Recommendation]:
    """What an official must answer: addressed to them or to one of their departments;
    unanswered first, by deadline."""
    return (
        Recommendation.objects.filter(Q(addressee=user) | Q(department__in=user.departments.all()))
        .select_related("space", "theme", "department", "addressee")
        .order_by(F("answered_at").asc(nulls_first=True), "deadline", "pk")
    )


def recommendation_page(*, recommendation: Recommendation, show_debate: bool) -> dict:
    """Everything the detail page shows. The debate (comments, amendments) is for the
    officials addressed and members of the space; authors' names appear only for people
    who chose to show them publicly."""
    proposal = recommendation.proposal
    authors = [
        a.user
        for a in ProposalAuthor.objects.filter(proposal=proposal, accepted_at__isnull=False)
        .select_related("user")
        .order_by("invited_at")
    ]
    shown = [u for u in authors if u.name_is_public]
    page = {
        "public_authors": [str(u) for u in shown],
        "hidden_authors": len(authors) - len(shown),
        "votes": list(proposal.votes.filter(status=VoteStatus.CLOSED).order_by("closed_at")),
        "meetings": [
            link.agenda_item.meeting
            for link in ProposalAgendaLink.objects.filter(proposal=proposal)
            .select_related("agenda_item__meeting")
            .order_by("agenda_item__meeting__starts_at")
        ],
        "commitments": list(recommendation.commitments.all()),
        "updates": list(recommendation.updates.select_related("commitment")),
        "comment_count": proposal.comments.count(),
        "amendment_count": proposal.amendments.count(),
        "revision_count": proposal.revisions.count(),
    }
    if show_debate:
        page["comments"] = list(proposal.comments.select_related("author"))
    return page


def recommendation_answers_feed(*, limit: int = 50) -> list[Recommendation]:
    return list(
        Recommendation.objects.filter(
            space__visibility=Visibility.PUBLIC, answered_at__isnull=False
        )
        .select_related("space", "department", "addressee", "theme")
        .order_by("-answered_at", "-pk")[:limit]
    )
