"""Reads about spaces, including "which spaces may this user see"."""

from django.db.models import Count, Prefetch, Q, QuerySet

from core.models import Membership, MembershipRole, Notification, Seat, Space, Visibility


def space_list_visible(*, user) -> QuerySet[Space]:
    """Spaces the user may see: public ones and those they belong to."""
    visible = Q(visibility=Visibility.PUBLIC)
    if user.is_authenticated:
        if user.is_superuser:
            visible = Q()
        else:
            visible |= Q(memberships__user=user, memberships__ended_at__isnull=True)
    return (
        Space.objects.filter(visible)
        .distinct()
        .annotate(
            seats_total=Count("seats", distinct=True),
            seats_held=Count(
                "memberships",
                filter=Q(
                    memberships__ended_at__isnull=True,
                    memberships__role=MembershipRole.MEMBER,
                ),
                distinct=True,
            ),
        )
        .order_by("kind", "name")
    )


def space_list_for_member(*, user) -> QuerySet[Space]:
    if not user.is_authenticated:
        return Space.objects.none()
    return Space.objects.filter(
        memberships__user=user, memberships__ended_at__isnull=True
    ).order_by("kind", "name")


def space_get(*, slug: str) -> Space | None:
    return Space.objects.filter(slug=slug).first()


def seat_list_with_holders(*, space: Space) -> list[Seat]:
    """Seats in order, each with `.holder` (active membership or None). Two queries."""
    seats = list(
        Seat.objects.filter(space=space)
        .order_by("college", "number")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(ended_at__isnull=True).select_related(
                    "user", "eligibility_checked_by"
                ),
                to_attr="active_memberships",
            ),
        )
    )
    for seat in seats:
        seat.holder = seat.active_memberships[0] if seat.active_memberships else None
    return seats


def seat_counts(*, space: Space) -> dict[str, int]:
    total = Seat.objects.filter(space=space).count()
    held = Membership.objects.filter(
        space=space, ended_at__isnull=True, role=MembershipRole.MEMBER
    ).count()
    return {"total": total, "held": held, "free": total - held}


def facilitator_list(*, space: Space) -> QuerySet[Membership]:
    return Membership.objects.filter(
        space=space, ended_at__isnull=True, role=MembershipRole.FACILITATOR
    ).select_related("user")


def membership_get(*, space: Space, pk: int) -> Membership | None:
    return (
        Membership.objects.filter(space=space, pk=pk, ended_at__isnull=True)
        .select_related("user", "seat")
        .first()
    )


def seat_get(*, space: Space, pk: int) -> Seat | None:
    return Seat.objects.filter(space=space, pk=pk).first()


def notification_list(*, user) -> QuerySet[Notification]:
    """Her notices, newest first (shown a window at a time: core.pagination)."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def notification_unread_count(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
