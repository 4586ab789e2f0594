"""Writes shared by every space: seats, memberships, eligibility, audit.

Every function is keyword-only, takes the acting user first, runs in a transaction and
writes an audit entry. Invariants are checked here with a clear message *and* held by
database constraints (see core.models) for the cases a race slips past the check.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.exceptions import AlreadyMember, DomainError, SeatTaken
from core.models import (
    AGORA_SEATS,
    LAB_COLLEGES,
    SEATS_PER_COLLEGE,
    AuditEntry,
    College,
    Membership,
    MembershipRole,
    Notification,
    Seat,
    Space,
    SpaceKind,
)
from core.realtime import access_changed

if TYPE_CHECKING:
    from accounts.models import User


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: Model | None = None,
    space: Space | None = None,
    **data: str | int | bool | None,
) -> AuditEntry:
    """Record who did what. `data` must never hold personal or sensitive content."""
    return AuditEntry.objects.create(
        actor=actor if actor and actor.is_authenticated else None,
        action=action,
        space=space,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=data,
    )


def seat_capacity(*, space: Space, college: str) -> int:
    if space.kind == SpaceKind.AGORA:
        return AGORA_SEATS if college == College.NONE else 0
    return SEATS_PER_COLLEGE if college in LAB_COLLEGES else 0


def seats_fill_to_capacity(*, space: Space) -> list[Seat]:
    """Create every seat a new space is entitled to (16, or 3 × 10)."""
    colleges = [College.NONE] if space.kind == SpaceKind.AGORA else LAB_COLLEGES
    seats = [
        Seat(space=space, college=college, number=n)
        for college in colleges
        for n in range(1, seat_capacity(space=space, college=college) + 1)
    ]
    return Seat.objects.bulk_create(seats)


@transaction.atomic
def membership_start(
    *,
    actor: User | None,
    seat: Seat,
    user: User,
    term_ends_on: date | None = None,
) -> Membership:
    """Give `user` the seat. Refused if the seat is held or the person is already in."""
    seat = Seat.objects.select_for_update().select_related("space").get(pk=seat.pk)
    space = seat.space
    if Membership.objects.filter(seat=seat, ended_at__isnull=True).exists():
        raise SeatTaken()
    if Membership.objects.filter(space=space, user=user, ended_at__isnull=True).exists():
        raise AlreadyMember()
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                space=space,
                user=user,
                seat=seat,
                role=MembershipRole.MEMBER,
                term_ends_on=term_ends_on,
            )
    except IntegrityError as exc:  # a concurrent request took the seat first
        raise SeatTaken() from exc
    audit_record(actor=actor, action="membership.start", target=membership, space=space)
    return membership


@transaction.atomic
def facilitator_add(*, actor: User | None, space: Space, user: User) -> Membership:
    if Membership.objects.filter(space=space, user=user, ended_at__isnull=True).exists():
        raise AlreadyMember()
    membership = Membership.objects.create(space=space, user=user, role=MembershipRole.FACILITATOR)
    audit_record(actor=actor, action="membership.facilitator_add", target=membership, space=space)
    return membership


@transaction.atomic
def membership_end(*, actor: User, membership: Membership) -> Membership:
    """End a membership: the row stays as history and the seat becomes free."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.ended_at is not None:
        raise DomainError(_("This membership has already ended."))
    membership.ended_at = timezone.now()
    membership.save(update_fields=["ended_at"])
    audit_record(actor=actor, action="membership.end", target=membership, space=membership.space)
    access_changed(user_id=membership.user_id)  # open sockets re-check at once
    return membership


@transaction.atomic
def membership_record_eligibility(*, actor: User, membership: Membership) -> Membership:
    """Attest that the member's eligibility was checked: who and when, nothing else."""
    # Lock only the membership row (the seat is a nullable join PostgreSQL cannot lock).
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("seat")
        .get(pk=membership.pk)
    )
    if membership.ended_at is not None:
        raise DomainError(_("This membership has ended."))
    if membership.seat is None or membership.seat.college not in (
        College.NONE,
        College.NEWCOMERS,
    ):
        raise DomainError(_("Eligibility is only checked for newcomer seats."))
    membership.eligibility_checked_by = actor
    membership.eligibility_checked_on = timezone.localdate()
    membership.save(update_fields=["eligibility_checked_by", "eligibility_checked_on"])
    audit_record(
        actor=actor,
        action="membership.eligibility_checked",
        target=membership,
        space=membership.space,
    )
    return membership


def space_unique_slug(*, name: str, fallback: str) -> str:
    """An ASCII short address from the name, made unique; `fallback` for non-Latin names."""
    from django.utils.text import slugify

    base = slugify(name)[:60] or fallback
    slug, n = base, 2
    while Space.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def space_start(*, actor: User, space: Space) -> Space:
    """Shared tail of creating any kind of space: its seats and its first facilitator."""
    seats_fill_to_capacity(space=space)
    facilitator_add(actor=actor, space=space, user=actor)
    audit_record(actor=actor, action=f"{space.kind}.create", target=space, space=space)
    return space


def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def space_quorum_set(
    *, actor: User, space: Space, fraction: Decimal, min_per_college: int = 0
) -> Space:
    """The quorum rule of a space: a share of the seats held, and for labs optionally a
    minimum per college."""
    if not Decimal("0") < fraction <= Decimal("1"):
        raise DomainError(_("The quorum is a share of the seats, between 1 % and 100 %."))
    if min_per_college and space.kind != SpaceKind.LAB:
        raise DomainError(_("Only a lab has colleges."))
    if not 0 <= min_per_college <= SEATS_PER_COLLEGE:
        raise DomainError(_("A college has 10 seats."))
    if (space.quorum_fraction, space.quorum_min_per_college) != (fraction, min_per_college):
        space.quorum_fraction, space.quorum_min_per_college = fraction, min_per_college
        space.save(update_fields=["quorum_fraction", "quorum_min_per_college"])
        audit_record(
            actor=actor,
            action="space.quorum",
            target=space,
            space=space,
            fraction=str(fraction),
            min_per_college=min_per_college,
        )
    return space
