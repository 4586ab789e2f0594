"""Reads about meetings. Every list runs a fixed number of queries."""

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import hash_token
from core.models import Membership, MembershipRole, Space
from meetings.models import (
    ATTENDING,
    Attendance,
    CalendarToken,
    LivePresence,
    Meeting,
    MeetingStatus,
    MinutesRevision,
    Rsvp,
    SpeakerRequest,
)
from meetings.quorum import QuorumResult, quorum


def meeting_get(*, pk: int) -> Meeting | None:
    return Meeting.objects.select_related("space", "current_item").filter(pk=pk).first()


def meeting_list_for_space(
    *, space: Space, upcoming: bool = True, limit: int = 50
) -> QuerySet[Meeting]:
    now = timezone.now()
    qs = Meeting.objects.filter(space=space).select_related("space")
    if upcoming:
        return qs.filter(ends_at__gte=now).order_by("starts_at", "pk")[:limit]
    return qs.filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:limit]


def meeting_list_upcoming_for_user(*, user, limit: int = 50) -> list[Meeting]:
    """The next meetings of every space the person belongs to, each with `.my_rsvp`."""
    meetings = list(
        Meeting.objects.filter(
            space__memberships__user=user,
            space__memberships__ended_at__isnull=True,
            ends_at__gte=timezone.now(),
        )
        .select_related("space")
        .prefetch_related(
            Prefetch("rsvps", queryset=Rsvp.objects.filter(user=user), to_attr="mine")
        )
        .order_by("starts_at", "pk")
        .distinct()[:limit]
    )
    for meeting in meetings:
        meeting.my_rsvp = meeting.mine[0] if meeting.mine else None
    return meetings


def meeting_list_for_feed(*, user=None, space: Space | None = None) -> QuerySet[Meeting]:
    """Meetings of a calendar feed: a person's spaces, or one space; last 90 days on."""
    since = timezone.now() - timezone.timedelta(days=90)
    qs = Meeting.objects.filter(ends_at__gte=since).select_related("space")
    if space is not None:
        qs = qs.filter(space=space)
    if user is not None:
        qs = qs.filter(
            space__memberships__user=user, space__memberships__ended_at__isnull=True
        ).distinct()
    return qs.order_by("starts_at", "pk")


def rsvp_for(*, meeting: Meeting, user) -> Rsvp | None:
    if not user.is_authenticated:
        return None
    return Rsvp.objects.filter(meeting=meeting, user=user).first()


@dataclass(frozen=True)
class RsvpTotals:
    answers: dict[str, int]
    interpretation: list[tuple[str, int]]  # (language code, people), most needed first
    childcare: int
    accessibility: list[str]
    not_answered: list  # users


def rsvp_totals(*, meeting: Meeting) -> RsvpTotals:
    """What a facilitator needs to book interpreters and plan: 3 queries."""
    rsvps = list(Rsvp.objects.filter(meeting=meeting))
    coming = [r for r in rsvps if r.answer in ("yes", "maybe")]
    answered = {r.user_id for r in rsvps}
    members = Membership.objects.filter(
        space=meeting.space_id, ended_at__isnull=True, role=MembershipRole.MEMBER
    ).select_related("user")
    return RsvpTotals(
        answers=dict(Counter(r.answer for r in rsvps)),
        interpretation=Counter(
            r.interpretation_language for r in coming if r.interpretation_language
        ).most_common(),
        childcare=sum(1 for r in coming if r.childcare),
        accessibility=[r.accessibility for r in coming if r.accessibility],
        not_answered=sorted(
            (m.user for m in members if m.user_id not in answered), key=lambda u: str(u).lower()
        ),
    )


def roll_call(*, meeting: Meeting) -> list[Membership]:
    """Members who held a seat at the meeting, each with `.attendance` (or None)."""
    memberships = list(
        Membership.objects.filter(space=meeting.space_id, role=MembershipRole.MEMBER)
        .filter(started_at__lte=meeting.ends_at)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=meeting.starts_at))
        .select_related("user", "seat")
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(meeting=meeting),
                to_attr="at_meeting",
            )
        )
        .order_by("seat__college", "seat__number")
    )
    for m in memberships:
        m.attendance = m.at_meeting[0] if m.at_meeting else None
    return memberships


def meeting_quorum(*, meeting: Meeting) -> QuorumResult | None:
    """None until a roll call is recorded."""
    members = roll_call(meeting=meeting)
    if not any(m.attendance for m in members):
        return None
    active: Counter = Counter(m.seat.college for m in members)
    attending: Counter = Counter(
        m.seat.college for m in members if m.attendance and m.attendance.status in ATTENDING
    )
    space = meeting.space
    return quorum(
        active_seats_by_college=dict(active),
        attending_by_college=dict(attending),
        fraction=Fraction(space.quorum_fraction),
        min_per_college=space.quorum_min_per_college,
    )


def minutes_revisions(*, meeting: Meeting) -> list[MinutesRevision]:
    return list(
        MinutesRevision.objects.filter(meeting=meeting)
        .select_related("author", "approved_by", "approved_in")
        .prefetch_related("comments__author")
        .order_by("-number")
    )


def later_meetings(*, meeting: Meeting) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        space=meeting.space_id, starts_at__gt=meeting.starts_at, status=MeetingStatus.SCHEDULED
    ).order_by("starts_at")[:12]


def calendar_user_for_token(*, token: str):
    if not token or len(token) > 100:
        return None
    found = CalendarToken.objects.filter(token_hash=hash_token(token)).select_related("user")
    row = found.first()
    return row.user if row and row.user.is_active else None


def live_state(*, meeting: Meeting) -> dict:
    """Everything a live page shows, as plain data (rendered by the template and sent over
    the socket): live status, current item, agenda, speaker queue, who is connected."""
    meeting = Meeting.objects.select_related("current_item").get(pk=meeting.pk)
    speakers = list(
        SpeakerRequest.objects.filter(meeting=meeting, status__in=["waiting", "speaking"])
        .select_related("user")
        .order_by("requested_at", "pk")
    )
    present = {
        p.user_id: str(p.user)
        for p in LivePresence.objects.filter(meeting=meeting).select_related("user")
    }
    items = list(meeting.agenda_items.order_by("position", "pk"))
    return {
        "meeting": meeting.pk,
        "live_status": meeting.live_status,
        "current_item": (
            {
                "id": meeting.current_item.pk,
                "title": meeting.current_item.title,
                "description": meeting.current_item.description,
            }
            if meeting.current_item
            else None
        ),
        "agenda": [
            {"id": i.pk, "title": i.title, "current": i.pk == meeting.current_item_id}
            for i in items
        ],
        "speaking": next(
            ({"user": s.user_id, "name": str(s.user)} for s in speakers if s.status == "speaking"),
            None,
        ),
        "queue": [
            {"user": s.user_id, "name": str(s.user)} for s in speakers if s.status == "waiting"
        ],
        "present": sorted(present.values(), key=str.lower),
    }


def space_members(*, space) -> list[Membership]:
    """Seat holders of a space, for choosing a minutes-taker."""
    return list(
        Membership.objects.filter(space=space, ended_at__isnull=True, role=MembershipRole.MEMBER)
        .select_related("user")
        .order_by("user__display_name")
    )


def meeting_votes(*, meeting: Meeting):
    """Votes run in this meeting (opened or closed), newest first."""
    return meeting.votes.exclude(status="draft").order_by("-opened_at")
