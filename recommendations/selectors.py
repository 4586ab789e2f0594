"""Reads of recommendations: one, the public tracking list and its filters, an official's
inbox, the detail page, the feed of answers."""

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Space, Visibility
from proposals.models import ProposalAgendaLink, ProposalAuthor, Theme
from recommendations.models import Answer, Implementation, Recommendation
from votes.models import VoteStatus

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
