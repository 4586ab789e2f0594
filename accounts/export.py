"""Everything the platform holds about a person: the registry, and the export built from it.

`LINKS` names every way a row of any model points to a person: each foreign key,
one-to-one and many-to-many field to the user model (and the few indirect or generic
links: attendance through a membership, applications through the invitation used,
audit entries whose target is the person). For each it says

- what the export (`/me/data/`, right of access) carries: a `section` and its `fields`,
  or an `excluded` reason;
- what deleting the account does with those rows (`on_delete`): `KEEP` them as part of
  the record (they then point to the anonymous tombstone), `ERASE` them, or a named
  `SERVICE` step of `accounts.services.user_delete`.

`tests/accounts/test_export.py` walks every model of every installed app and fails,
naming the field, when one that points to the user model is missing here, so a new
model cannot forget either promise. The format is documented in docs/data-export.md.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from django.apps import apps
from django.db.models import Model, Q
from django.utils import timezone

FORMAT = "accueil-export/1"


class OnDelete(StrEnum):
    KEEP = "keep"  # part of the record: kept, pointing to the anonymous tombstone
    ERASE = "erase"  # private to the person: the rows are deleted
    SERVICE = "service"  # a step of user_delete, described in `note`


@dataclass(frozen=True)
class Link:
    model: str  # "app_label.ModelName" of the model that declares the field
    field: str  # the field pointing to the person (or the name of an indirect link)
    on_delete: OnDelete
    section: str = ""  # key of the export's "data" object; "" when not exported
    fields: tuple[str, ...] = ()  # attributes exported, "a.b" follows a relation
    excluded: str = ""  # why these rows are not exported (required without a section)
    note: str = ""  # what the SERVICE step does, or why the rows are kept
    lookup: Callable[[Model], Q] | None = None  # for indirect links; else field=user
    direct: bool = True  # False: not a field of the model (indirect or generic link)
    only: dict | None = None  # extra filter on the rows exported

    def query(self, user) -> Q:
        """Every row of the model linked to the person this way."""
        return self.lookup(user) if self.lookup else Q(**{self.field: user})

    def export_query(self, user) -> Q:
        return self.query(user) & Q(**self.only) if self.only else self.query(user)

    @property
    def key(self) -> tuple[str, str]:
        return (self.model, self.field)


K, E, S = OnDelete.KEEP, OnDelete.ERASE, OnDelete.SERVICE
RECORD = "Part of the record, kept and shown as a former member."

LINKS: tuple[Link, ...] = (
    # Django and allauth ---------------------------------------------------------------
    Link(
        "admin.LogEntry",
        "user",
        K,
        "admin_actions",
        ("action_time", "content_type.model", "object_id", "action_flag"),
        note="What an administrator changed stays traceable. The object's name and the "
        "change message are not exported: they may name other people.",
    ),
    Link("account.EmailAddress", "user", E, "email_addresses", ("email", "verified", "primary")),
    Link(
        "mfa.Authenticator",
        "user",
        E,
        "two_step_login",
        ("type", "created_at", "last_used_at"),
        note="The secrets themselves (TOTP key, recovery codes) are not exported.",
    ),
    # Spaces, memberships, audit, notices ------------------------------------------------
    Link("core.Space", "creator", K, "spaces_created", ("name", "kind", "created_at")),
    Link(
        "core.Membership",
        "user",
        S,
        "memberships",
        (
            "space.name",
            "role",
            "seat.number",
            "seat.college",
            "started_at",
            "term_ends_on",
            "ended_at",
            "eligibility_checked_on",
        ),
        note="Ended (the seat is freed); the terms stay in the history of the seats.",
    ),
    Link(
        "core.Membership",
        "eligibility_checked_by",
        K,
        "eligibility_attested",
        ("space.name", "eligibility_checked_on"),
        note="The attestation stays; the person attested is not named in the export.",
    ),
    Link(
        "core.AuditEntry",
        "actor",
        K,
        "audit_entries",
        ("action", "space.name", "target_type", "target_id", "created_at"),
        note="The audit log is the record of who did what. Its `data` is not exported: "
        "it may describe other people (a reason for setting an application aside).",
    ),
    Link(
        "core.AuditEntry",
        "target",
        K,
        "audit_entries_about_me",
        ("action", "space.name", "created_at"),
        lookup=lambda user: Q(target_type=user._meta.label_lower, target_id=str(user.pk)),
        direct=False,
        note="A generic link (target_type, target_id). Who acted is not exported.",
    ),
    Link(
        "core.Notification",
        "user",
        E,
        "notifications",
        ("subject", "body", "url", "created_at", "read_at"),
    ),
    # Accounts -----------------------------------------------------------------------------
    Link(
        "accounts.Invitation",
        "creator",
        K,
        "invitations_created",
        ("seat.space.name", "created_at", "expires_at", "used_at", "revoked_at"),
        note="Links made for other people keep working; who used them is not exported.",
    ),
    Link(
        "accounts.Invitation",
        "used_by",
        K,
        "invitation_used",
        ("seat.space.name", "created_at", "used_at"),
    ),
    # Meetings -------------------------------------------------------------------------------
    Link("meetings.MeetingSeries", "creator", K, "meeting_series_created", ("title", "created_at")),
    Link(
        "meetings.Meeting", "creator", K, "meetings_created", ("title", "starts_at", "created_at")
    ),
    Link("meetings.Meeting", "minutes_taker", K, "minutes_taker_of", ("title", "starts_at")),
    Link(
        "meetings.MeetingDocument",
        "uploader",
        K,
        "documents_uploaded",
        ("meeting.title", "title", "created_at"),
    ),
    Link(
        "meetings.Rsvp",
        "user",
        S,
        "rsvps",
        (
            "meeting.title",
            "meeting.starts_at",
            "answer",
            "interpretation_language",
            "childcare",
            "accessibility",
            "updated_at",
        ),
        note="Answers to meetings still to come are deleted; the access needs "
        "(interpretation, childcare, accessibility) are erased from all of them.",
    ),
    Link(
        "meetings.Attendance",
        "membership.user",
        K,
        "attendance",
        ("meeting.title", "meeting.starts_at", "status"),
        lookup=lambda user: Q(membership__user=user),
        direct=False,
        note="Attendance made the quorum of past meetings: kept.",
    ),
    Link(
        "meetings.Attendance",
        "recorder",
        K,
        "attendance_recorded",
        ("meeting.title", "status", "recorded_at"),
    ),
    Link(
        "meetings.MinutesRevision",
        "author",
        K,
        "minutes_written",
        ("meeting.title", "number", "text", "created_at"),
    ),
    Link(
        "meetings.MinutesRevision",
        "approved_by",
        K,
        "minutes_approved",
        ("meeting.title", "number", "approved_at"),
    ),
    Link(
        "meetings.MinutesComment",
        "author",
        K,
        "minutes_comments",
        ("revision.meeting.title", "revision.number", "text", "suggestion", "status", "created_at"),
    ),
    Link("meetings.ReminderDelivery", "user", E, "reminders", ("meeting.title", "kind", "sent_at")),
    Link(
        "meetings.CalendarToken",
        "user",
        E,
        "calendar_feed",
        ("created_at",),
        note="Only a hash of the feed's secret is stored; it is not exported.",
    ),
    Link(
        "meetings.SpeakerRequest",
        "user",
        S,
        "speaker_requests",
        ("meeting.title", "status", "requested_at"),
        note="A request still waiting (or speaking) is withdrawn; past ones are kept.",
    ),
    Link("meetings.LivePresence", "user", E, "live_presence", ("meeting.title", "connected_at")),
    # Proposals and votes ------------------------------------------------------------------
    Link(
        "proposals.Proposal",
        "creator",
        S,
        "proposals_created",
        ("space.name", "title", "text", "status", "created_at", "updated_at"),
        note="A draft nobody else signed is deleted (nobody else could see it); every "
        "other proposal is kept.",
    ),
    Link(
        "proposals.ProposalAuthor",
        "user",
        S,
        "coauthorships",
        ("proposal.title", "invited_at", "accepted_at"),
        note="Invitations to co-sign not yet accepted are deleted; signatures are kept.",
    ),
    Link(
        "proposals.ProposalRevision",
        "author",
        K,
        "proposal_revisions",
        ("proposal.title", "number", "title", "text", "created_at"),
    ),
    Link("proposals.Comment", "author", K, "comments", ("proposal.title", "text", "created_at")),
    Link(
        "proposals.Amendment",
        "author",
        K,
        "amendments",
        ("proposal.title", "text", "reason", "status", "created_at"),
    ),
    Link(
        "proposals.Amendment", "decided_by", K, "amendments_decided", ("proposal.title", "status")
    ),
    Link("votes.Vote", "creator", K, "votes_created", ("title", "method", "created_at")),
    Link(
        "votes.VoterRollEntry",
        "user",
        K,
        "voter_rolls",
        ("vote.title", "college", "voted_at"),
        note="The register of who voted: a closed vote's count and turnout depend on it.",
    ),
    Link(
        "votes.Ballot",
        "voter",
        K,
        "open_ballots",
        ("vote.title", "content", "cast_at", "superseded_at"),
        only={"secret": False},
        note="Open ballots only. Secret ballots hold no voter: they cannot be found, "
        "exported or deleted, by design. Kept: the result and the published ballots file "
        "and its digest depend on them.",
    ),
    Link(
        "votes.Ballot",
        "entered_by",
        K,
        "ballots_entered_for_others",
        ("vote.title", "cast_at"),
        note="Proxy and assisted votes entered for someone else: their choice is theirs "
        "and is not exported.",
    ),
    Link(
        "votes.Proxy",
        "giver",
        S,
        "proxies_given",
        ("meeting.title", "created_at", "revoked_at"),
        note="Proxies for meetings not yet over are revoked; the holder is not named.",
    ),
    Link(
        "votes.Proxy",
        "holder",
        S,
        "proxies_held",
        ("meeting.title", "created_at", "revoked_at"),
        note="Proxies for meetings not yet over are revoked; the giver is not named.",
    ),
    Link(
        "recommendations.Department",
        "officials",
        S,
        "departments",
        ("name",),
        note="Removed from the departments: no recommendation reaches a former member.",
    ),
    Link(
        "recommendations.Recommendation",
        "addressee",
        K,
        "recommendations_received",
        ("title", "issued_at", "deadline", "answer", "answered_at"),
        note="The public tracking keeps who was asked, shown as a former member.",
    ),
    Link(
        "recommendations.Recommendation",
        "issued_by",
        K,
        "recommendations_issued",
        ("title", "issued_at"),
    ),
    Link(
        "recommendations.Recommendation",
        "answered_by",
        K,
        "recommendations_answered",
        ("title", "answer", "reasons", "answered_at"),
    ),
    Link(
        "recommendations.ImplementationUpdate",
        "author",
        K,
        "implementation_updates",
        ("recommendation.title", "status", "note", "created_at"),
    ),
    Link(
        "recommendations.RecommendationNotice",
        "user",
        E,
        "recommendation_notices",
        ("recommendation.title", "kind", "sent_at"),
    ),
    # Booklets -------------------------------------------------------------------------------
    Link("booklets.Booklet", "creator", K, "booklets_created", ("title", "created_at")),
    Link(
        "booklets.SectionText",
        "approved_by",
        K,
        "translations_approved",
        ("section.booklet.title", "section.key", "language", "approved_at"),
    ),
    Link(
        "booklets.Revision",
        "author",
        K,
        "booklet_revisions",
        (
            "text.section.booklet.title",
            "text.section.key",
            "text.language",
            "number",
            "title",
            "body",
            "created_at",
        ),
    ),
    Link(
        "booklets.AuthorCredit",
        "user",
        S,
        "booklet_credits",
        ("booklet.title", "agreed", "updated_at"),
        note="The credit is withdrawn and the name removed from published editions "
        "(booklets.services.credits_remove_person).",
    ),
    Link(
        "booklets.Edition",
        "creator",
        K,
        "editions_prepared",
        ("booklet.title", "number", "created_at"),
    ),
    Link(
        "booklets.Edition",
        "approved_by",
        K,
        "editions_approved",
        ("booklet.title", "number", "approved_at"),
    ),
    Link(
        "booklets.EditingPresence",
        "user",
        E,
        "editing_presence",
        ("section.booklet.title", "language", "joined_at"),
    ),
    Link(
        "booklets.BookletImage",
        "uploader",
        K,
        "booklet_images",
        ("booklet.title", "key", "created_at"),
    ),
    # Labs and calls for volunteers -----------------------------------------------------------
    Link(
        "labs.LabPhaseChange",
        "actor",
        K,
        "lab_phase_changes",
        ("lab.name", "from_phase", "to_phase", "reason", "created_at"),
    ),
    Link(
        "labs.ExperimentLogEntry",
        "by_user",
        K,
        "experiment_log_done",
        ("lab.name", "happened_on", "hypothesis", "tried", "observed"),
    ),
    Link(
        "labs.ExperimentLogEntry",
        "creator",
        K,
        "experiment_log_written",
        ("lab.name", "happened_on", "hypothesis", "created_at"),
    ),
    Link(
        "labs.ExperimentLogRevision",
        "by_user",
        K,
        "experiment_log_revisions_done",
        ("entry.lab.name", "number", "happened_on", "tried"),
    ),
    Link(
        "labs.ExperimentLogRevision",
        "editor",
        K,
        "experiment_log_revisions_written",
        ("entry.lab.name", "number", "hypothesis", "tried", "observed", "created_at"),
    ),
    Link(
        "labs.Evaluation", "published_by", K, "evaluations_published", ("lab.name", "published_at")
    ),
    Link(
        "labs.EvaluationRevision",
        "editor",
        K,
        "evaluation_revisions",
        ("evaluation.lab.name", "number", "content", "created_at"),
    ),
    Link("calls.Call", "creator", K, "calls_created", ("title", "created_at")),
    Link(
        "calls.CallVolunteer",
        "excluded_by",
        K,
        "applications_set_aside",
        ("call.title", "excluded_at"),
        note="The application and its reason concern someone else: not exported.",
    ),
    Link(
        "calls.CallVolunteer",
        "invitation.used_by",
        S,
        "applications",
        (
            "call.title",
            "pseudonym",
            "name",
            "contact",
            "answers",
            "consent_at",
            "created_at",
            "dropped_out_at",
        ),
        lookup=lambda user: Q(invitation__used_by=user),
        direct=False,
        note="The application that led to her seat: name and contact are erased; the "
        "pseudonym and quota answers stay in the lottery's published record.",
    ),
    Link(
        "calls.RandomValue",
        "actor",
        K,
        "lottery_values_recorded",
        ("lottery.call.title", "kind", "value", "recorded_at"),
    ),
    Link(
        "calls.Replacement",
        "creator",
        K,
        "replacements_made",
        ("lottery.call.title", "number", "created_at"),
    ),
)

# The user's own fields: exported in "profile", or excluded with a reason.
PROFILE_FIELDS = (
    "username",
    "email",
    "display_name",
    "role",
    "languages_spoken",
    "interface_language",
    "interpretation_language",
    "other_needs",
    "show_name_publicly",
    "is_active",
    "is_staff",
    "is_superuser",
    "date_joined",
    "last_login",
    "deleted_at",
)
PROFILE_EXCLUDED = {
    "id": "An internal number, meaningless outside this database.",
    "password": "Only a one-way hash of the password is stored; it is of no use to anyone.",
    "groups": "Django's permission groups: Accueil does not use them (exported if any).",
    "user_permissions": "Django's permissions: Accueil does not use them (exported if any).",
}

NOTES = {
    "secret_ballots": (
        "Secret ballots are not in this export. They are stored without any link to the "
        "voter (no name, no time), so nobody, not even an administrator, can tell which "
        "ballot is yours. The register of who voted is in 'voter_rolls'."
    ),
    "other_people": (
        "This export holds what is about you. Other people appear by number only, and "
        "what they wrote is not included."
    ),
}


def links() -> tuple[Link, ...]:
    return LINKS


def _value(obj, path: str):
    for part in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, part)
    return _plain(obj)


def _plain(value):
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (Decimal, UUID)):
        return str(value)
    if isinstance(value, Model):
        return value.pk
    return value


def _related(paths: tuple[str, ...]) -> list[str]:
    related = set()
    for path in paths:
        parts = path.split(".")[:-1]
        if parts:
            related.add("__".join(parts))
    return sorted(related)


def _rows(link: Link, user) -> list[dict]:
    model = apps.get_model(link.model)
    queryset = model._default_manager.filter(link.export_query(user)).distinct().order_by("pk")
    related = _related(link.fields)
    if related:
        queryset = queryset.select_related(*related)
    return [
        {"id": _plain(obj.pk)} | {path.replace(".", "_"): _value(obj, path) for path in link.fields}
        for obj in queryset
    ]


def user_export_data(*, user) -> dict:
    """The export as plain data (see docs/data-export.md)."""
    profile = {name: _value(user, name) for name in PROFILE_FIELDS}
    profile["groups"] = sorted(user.groups.values_list("name", flat=True))
    profile["user_permissions"] = sorted(user.user_permissions.values_list("codename", flat=True))
    data = {}
    for link in LINKS:
        if link.section:
            data[link.section] = _rows(link, user)
    return {
        "format": FORMAT,
        "generated_at": timezone.localtime().isoformat(),
        "notes": NOTES,
        "profile": profile,
        "data": data,
    }


def user_export_json(*, user) -> str:
    return json.dumps(user_export_data(user=user), ensure_ascii=False, indent=2)
