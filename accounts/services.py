"""Writes about people: invitations, sign-up through an invitation, profile, deletion."""

from datetime import date, timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import deletion
from accounts.export import LINKS, OnDelete, user_export_json
from accounts.models import Invitation, Role, User, hash_token, new_token
from core.exceptions import DomainError, InvitationInvalid, SeatTaken
from core.languages import SPOKEN_LANGUAGE_CODES
from core.models import College, Membership, Seat
from core.realtime import access_changed
from core.services import audit_record, membership_end, membership_start

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
    """Everything the platform holds about the person, as JSON (right of access).
    What is in it, and what is left out and why: accounts.export and docs/data-export.md."""
    return user_export_json(user=user)


# Deleting an account ------------------------------------------------------------------------
# The person is anonymised, not removed: her votes, proposals, comments and amendments are
# part of the public record (a closed vote's count, its published ballots file and digest
# depend on them), so the rows stay and point to a tombstone shown as "A former member".
# What each link to the person becomes is declared in accounts.export.LINKS; the steps
# registered in accounts.deletion are its SERVICE entries.


def _end_memberships(user: User, now, actor: User | None) -> None:
    for membership in Membership.objects.filter(user=user, ended_at__isnull=True):
        membership_end(actor=actor, membership=membership)


def _leave_departments(user: User, now, actor: User | None) -> None:
    user.departments.clear()


# The other apps register theirs in their AppConfig.ready() (accounts.deletion).
deletion.register(("core.Membership", "user"), _end_memberships)
deletion.register(("recommendations.Department", "officials"), _leave_departments)


def _end_sessions(user: User) -> None:
    """Close every session of the person. The new (unusable) password already invalidates
    them (Django checks a hash of it on each request); with database sessions the rows
    themselves are deleted too, so nothing of hers stays in them."""
    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        return
    from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
    from django.contrib.sessions.models import Session

    mine = [
        s.session_key
        for s in Session.objects.filter(expire_date__gt=timezone.now())
        if s.get_decoded().get(AUTH_SESSION_KEY) == str(user.pk)
    ]
    Session.objects.filter(session_key__in=mine).delete()


@transaction.atomic
def user_delete(*, user: User, actor: User | None = None) -> User:
    """Delete the person's account: a tombstone stays, anonymous and unusable.

    Kept, pointing to the tombstone and shown as "A former member": what is part of the
    record (votes and the register of who voted, proposals, signatures, comments,
    amendments, revisions, minutes, recommendations and answers, the audit log). Erased:
    her name, e-mail addresses, languages and needs, two-step login, sessions, notices,
    calendar feed, answers to meetings to come, drafts nobody else signed, pending
    invitations to co-sign, booklet credits; her seats are freed. Each link to the person
    is declared in accounts.export.LINKS. Never fails; deleting twice changes nothing.
    `actor`: an administrator deleting someone else's account (None: the person herself).
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.deleted_at is not None:
        return user
    now = timezone.now()
    for link in LINKS:
        if link.on_delete == OnDelete.ERASE:
            apps.get_model(link.model)._default_manager.filter(link.query(user)).delete()
        elif link.on_delete == OnDelete.SERVICE:
            deletion.run(link.key, user, now, actor)
    _end_sessions(user)
    user.username = f"deleted-{user.pk}-{new_token()[:8]}"
    user.email = ""
    user.display_name = ""
    user.languages_spoken = []
    user.interface_language = settings.LANGUAGE_CODE
    user.interpretation_language = ""
    user.other_needs = ""
    user.show_name_publicly = False
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.deleted_at = now
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    audit_record(actor=actor, action="user.delete", target=user)
    access_changed(user_id=user.pk)  # her open sockets close at once
    return user
