"""Writes about people: invitations, sign-up through an invitation, profile, deletion."""

import json
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, Role, User, hash_token, new_token
from core.exceptions import DomainError, InvitationInvalid, SeatTaken
from core.languages import SPOKEN_LANGUAGE_CODES
from core.models import College, Membership, Seat
from core.services import audit_record, membership_start

ROLE_FOR_COLLEGE = {
    College.NONE: Role.NEWCOMER,
    College.NEWCOMERS: Role.NEWCOMER,
    College.PARTNERS: Role.PARTNER,
    College.DECISION_MAKERS: Role.OFFICIAL,
}

INVITATION_MESSAGES = {
    Invitation.Status.USED: _("This invitation has already been used. Each link works once."),
    Invitation.Status.EXPIRED: _(
        "This invitation has expired. Ask your facilitator for a new link."
    ),
    Invitation.Status.REVOKED: _(
        "This invitation was withdrawn. Ask your facilitator for a new link."
    ),
}


@transaction.atomic
def invitation_create(
    *, actor: User, seat: Seat, term_ends_on: date | None = None
) -> tuple[Invitation, str]:
    """Make a single-use link for a free seat. Returns the invitation and its token.

    The token is returned once and only its hash is kept. A new invitation for the same
    seat withdraws the pending ones, so only one link per seat works at a time.
    """
    seat = Seat.objects.select_for_update().select_related("space").get(pk=seat.pk)
    if Membership.objects.filter(seat=seat, ended_at__isnull=True).exists():
        raise SeatTaken(_("This seat is held: end the membership before inviting someone else."))
    now = timezone.now()
    Invitation.objects.filter(seat=seat, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    token = new_token()
    invitation = Invitation.objects.create(
        seat=seat,
        token_hash=hash_token(token),
        term_ends_on=term_ends_on,
        creator=actor,
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALIDITY_DAYS),
    )
    audit_record(actor=actor, action="invitation.create", target=invitation, space=seat.space)
    return invitation, token


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status() != Invitation.Status.VALID:
        raise InvitationInvalid(INVITATION_MESSAGES[invitation.status()])
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor, action="invitation.revoke", target=invitation, space=invitation.seat.space
    )
    return invitation


@transaction.atomic
def invitation_accept(*, user: User, invitation: Invitation) -> Membership:
    """Use the invitation: the person takes the seat. Refused if the link is spent."""
    invitation = (
        Invitation.objects.select_for_update().select_related("seat__space").get(pk=invitation.pk)
    )
    status = invitation.status()
    if status != Invitation.Status.VALID:
        raise InvitationInvalid(INVITATION_MESSAGES[status])
    membership = membership_start(
        actor=user, seat=invitation.seat, user=user, term_ends_on=invitation.term_ends_on
    )
    invitation.used_at = timezone.now()
    invitation.used_by = user
    invitation.save(update_fields=["used_at", "used_by"])
    audit_record(
        actor=user, action="invitation.accept", target=invitation, space=invitation.seat.space
    )
    return membership


def _clean_languages(codes: list[str]) -> list[str]:
    unknown = set(codes) - SPOKEN_LANGUAGE_CODES
    if unknown:
        raise DomainError(_("Unknown language."))
    return sorted(set(codes), key=codes.index)


@transaction.atomic
def user_join_with_invitation(*, user: User, invitation: Invitation) -> Membership:
    """Save a user who signed up through an invitation and give them its seat.

    The account role follows the seat: the Agora and the newcomers' college make a
    newcomer representative, the partners' college a partner, the decision-makers' an
    official. One transaction: if the seat was taken meanwhile, no account is left behind.
    """
    invitation = Invitation.objects.select_related("seat").get(pk=invitation.pk)
    user.role = ROLE_FOR_COLLEGE[invitation.seat.college]
    user.languages_spoken = _clean_languages(user.languages_spoken)
    user.save()
    audit_record(actor=user, action="user.signup")
    return invitation_accept(user=user, invitation=invitation)


@transaction.atomic
def profile_update(
    *,
    user: User,
    display_name: str,
    languages_spoken: list[str],
    interface_language: str,
    interpretation_language: str = "",
    other_needs: str = "",
    show_name_publicly: bool = False,
) -> User:
    if interface_language not in dict(settings.LANGUAGES):
        raise DomainError(_("Unknown language."))
    if interpretation_language and interpretation_language not in SPOKEN_LANGUAGE_CODES:
        raise DomainError(_("Unknown language."))
    user.display_name = display_name.strip()
    user.languages_spoken = _clean_languages(languages_spoken)
    user.interface_language = interface_language
    user.interpretation_language = interpretation_language
    user.other_needs = other_needs.strip()
    user.show_name_publicly = show_name_publicly
    user.save()
    audit_record(actor=user, action="user.profile_update", target=user)
    return user


def user_set_interface_language(*, user: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Unknown language."))
    if user.interface_language != language:
        user.interface_language = language
        user.save(update_fields=["interface_language"])
    return user


def user_export(*, user: User) -> str:
    """Everything the platform holds about the person, as JSON (right of access)."""
    memberships = Membership.objects.filter(user=user).select_related("space", "seat")
    data = {
        "username": user.username,
        "email": user.email,
        "display_name": user.display_name,
        "role": user.role,
        "languages_spoken": user.languages_spoken,
        "interface_language": user.interface_language,
        "interpretation_language": user.interpretation_language,
        "other_needs": user.other_needs,
        "show_name_publicly": user.show_name_publicly,
        "date_joined": user.date_joined.isoformat(),
        "memberships": [
            {
                "space": m.space.name,
                "role": m.role,
                "seat": str(m.seat) if m.seat else None,
                "started_at": m.started_at.isoformat(),
                "term_ends_on": m.term_ends_on.isoformat() if m.term_ends_on else None,
                "ended_at": m.ended_at.isoformat() if m.ended_at else None,
                "eligibility_checked_on": (
                    m.eligibility_checked_on.isoformat() if m.eligibility_checked_on else None
                ),
            }
            for m in memberships
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete the account. Memberships go with it, which frees the seats; the audit log
    keeps its entries with no actor (SET_NULL), so no trace of the person remains."""
    audit_record(actor=None, action="user.delete")
    user.delete()
