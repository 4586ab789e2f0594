"""Every write about meetings. Keyword-only, acting user first, atomic, audited; events
to live pages and notifications leave after commit."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User, hash_token, new_token
from core.exceptions import DomainError
from core.formatting import format_when
from core.languages import SPOKEN_LANGUAGE_CODES
from core.models import Membership, MembershipRole, Space
from core.realtime import broadcast
from core.services import audit_record
from meetings import recurrence
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    CalendarToken,
    LivePresence,
    LiveStatus,
    Meeting,
    MeetingDocument,
    MeetingSeries,
    MeetingStatus,
    MinutesComment,
    MinutesRevision,
    Rsvp,
    RsvpAnswer,
    SpeakerRequest,
)
from meetings.selectors import live_state
from meetings.tasks import notify_meeting_change
from votes import services as vote_services
from votes.models import Vote, VoteMethod
from votes.subjects import Outcome

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DOCUMENT_SIGNATURES = {
    "application/pdf": [b"%PDF-"],
    "image/png": [b"\x89PNG\r\n\x1a\n"],
    "image/jpeg": [b"\xff\xd8\xff"],
    # OpenDocument and Office Open XML are zip files.
    "application/vnd.oasis.opendocument.text": [b"PK\x03\x04"],
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": [b"PK\x03\x04"],
}
DOCUMENT_EXTENSIONS = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class MinutesConflict(DomainError):
    """Someone saved the minutes since this person started editing."""

    def __init__(self, latest: MinutesRevision):
        self.latest = latest
        super().__init__(
            _(
                "Someone else saved the minutes while you were writing. Your text is kept "
                "below: compare it with the new version and save again."
            )
        )


def _live_event(meeting: Meeting) -> None:
    """After commit: compute the live state once, serialise it once, fan it out."""
    import json

    meeting_id = meeting.pk
    broadcast(
        f"meetings.meeting.{meeting_id}",
        "live.state",
        lambda: {
            "text": json.dumps(
                {"type": "state", "state": live_state(meeting=Meeting(pk=meeting_id))}
            )
        },
    )


def _after_change(meeting: Meeting, kind: str) -> None:
    meeting_id, sequence = meeting.pk, meeting.sequence
    transaction.on_commit(lambda: notify_meeting_change.delay(meeting_id, kind, sequence))


# Scheduling ------------------------------------------------------------------------------
def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise DomainError(_("A meeting must end after it starts."))


PLACE_FIELDS = ("place_name", "address", "room", "access_notes", "online_url")


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    space: Space,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    time_zone: str = "Europe/Paris",
    interpretation: bool = True,
    **place: str,
) -> Meeting:
    _check_times(starts_at, ends_at)
    meeting = Meeting.objects.create(
        space=space,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        time_zone=time_zone,
        interpretation=interpretation,
        creator=actor,
        **{k: v for k, v in place.items() if k in PLACE_FIELDS},
    )
    audit_record(actor=actor, action="meeting.create", target=meeting, space=space)
    return meeting


@transaction.atomic
def series_create(
    *,
    actor: User,
    space: Space,
    title: str,
    rule: recurrence.Rule,
    interpretation: bool = True,
    **place: str,
) -> MeetingSeries:
    """Schedule a recurring series: one Meeting row per occurrence."""
    try:
        occurrences = recurrence.occurrences(rule)
    except recurrence.RecurrenceError as exc:
        raise DomainError(
            _("This repetition gives no usable session: %(reason)s") % {"reason": exc}
        ) from exc
    series = MeetingSeries.objects.create(
        space=space,
        title=title,
        freq=rule.freq,
        interval=rule.interval,
        weekday=rule.weekday,
        setpos=rule.setpos,
        start_date=rule.start_date,
        start_time=rule.start_time,
        duration_minutes=int(rule.duration.total_seconds() // 60),
        time_zone=rule.tz,
        until=rule.until,
        count=rule.count,
        creator=actor,
    )
    place = {k: v for k, v in place.items() if k in PLACE_FIELDS}
    Meeting.objects.bulk_create(
        Meeting(
            space=space,
            series=series,
            original_start=o.start,
            title=title,
            starts_at=o.start,
            ends_at=o.end,
            time_zone=rule.tz,
            interpretation=interpretation,
            creator=actor,
            **place,
        )
        for o in occurrences
    )
    audit_record(
        actor=actor,
        action="meeting.series_create",
        target=series,
        space=space,
        occurrences=len(occurrences),
    )
    return series


@transaction.atomic
def meeting_update(*, actor: User, meeting: Meeting, **fields) -> Meeting:
    """Edit one meeting (a moved occurrence stays in its series but no longer follows it)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise DomainError(_("This meeting is cancelled: it cannot be changed."))
    allowed = {"title", "starts_at", "ends_at", "interpretation", "minutes_taker_id", *PLACE_FIELDS}
    taker = fields.get("minutes_taker_id")
    if (
        taker is not None
        and not Membership.objects.filter(
            space=meeting.space_id, user_id=taker, ended_at__isnull=True
        ).exists()
    ):
        raise DomainError(_("The minutes-taker must be a member of this space."))
    changed = {k: v for k, v in fields.items() if k in allowed and getattr(meeting, k) != v}
    _check_times(
        changed.get("starts_at", meeting.starts_at), changed.get("ends_at", meeting.ends_at)
    )
    if not changed:
        return meeting
    for key, value in changed.items():
        setattr(meeting, key, value)
    if set(changed) - {"minutes_taker_id"}:  # calendars need not know who takes minutes
        meeting.sequence += 1
        meeting.is_modified = meeting.series_id is not None
    meeting.updated_at = timezone.now()
    meeting.save()
    audit_record(
        actor=actor,
        action="meeting.update",
        target=meeting,
        space=meeting.space,
        fields=",".join(sorted(changed)),
    )
    if {"starts_at", "ends_at", *PLACE_FIELDS} & set(changed):
        _after_change(meeting, "changed")
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise DomainError(_("This meeting is already cancelled."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    meeting.is_modified = meeting.series_id is not None
    meeting.updated_at = timezone.now()
    meeting.save()
    audit_record(actor=actor, action="meeting.cancel", target=meeting, space=meeting.space)
    _after_change(meeting, "cancelled")
    return meeting


# Agenda and documents -----------------------------------------------------------------------
@transaction.atomic
def agenda_item_add(
    *, actor: User, meeting: Meeting, title: str, description: str = "", duration_minutes: int = 15
) -> AgendaItem:
    if duration_minutes < 1 or duration_minutes > 600:
        raise DomainError(_("An agenda item lasts between 1 and 600 minutes."))
    top = AgendaItem.objects.filter(meeting=meeting).aggregate(top=Max("position"))["top"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=top + 1,
        title=title,
        description=description,
        duration_minutes=duration_minutes,
    )
    audit_record(actor=actor, action="agenda.add", target=item, space=meeting.space)
    _live_event(meeting)
    return item


@transaction.atomic
def agenda_item_move(*, actor: User, item: AgendaItem, direction: int) -> None:
    """Swap the item with its neighbour above (-1) or below (+1)."""
    items = list(AgendaItem.objects.select_for_update().filter(meeting=item.meeting_id))
    index = next(i for i, it in enumerate(items) if it.pk == item.pk)
    other = index + direction
    if direction not in (-1, 1) or not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, it in enumerate(items, start=1):
        if it.position != position:
            it.position = position
            it.save(update_fields=["position"])
    audit_record(actor=actor, action="agenda.move", target=item, space=item.meeting.space)
    _live_event(item.meeting)


@transaction.atomic
def agenda_item_delete(*, actor: User, item: AgendaItem) -> None:
    meeting = item.meeting
    audit_record(actor=actor, action="agenda.delete", target=item, space=meeting.space)
    item.delete()
    _live_event(meeting)


def _check_document(upload: UploadedFile) -> str:
    name = (upload.name or "").lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    content_type = DOCUMENT_EXTENSIONS.get(extension)
    if content_type is None:
        raise DomainError(_("Allowed documents: PDF, PNG, JPEG, ODT, DOCX."))
    if upload.size > MAX_DOCUMENT_BYTES:
        raise DomainError(_("This file is too large: 10 MB at most."))
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in DOCUMENT_SIGNATURES[content_type]):
        raise DomainError(_("This file is not what its name says: it cannot be added."))
    return content_type


@transaction.atomic
def document_add(
    *, actor: User, meeting: Meeting, title: str, upload: UploadedFile
) -> MeetingDocument:
    content_type = _check_document(upload)
    document = MeetingDocument.objects.create(
        meeting=meeting,
        title=title or upload.name,
        file=upload,
        content_type=content_type,
        size=upload.size,
        uploader=actor,
    )
    audit_record(actor=actor, action="document.add", target=document, space=meeting.space)
    return document


# RSVP ---------------------------------------------------------------------------------------
@transaction.atomic
def rsvp_set(
    *,
    user: User,
    meeting: Meeting,
    answer: str,
    interpretation_language: str = "",
    childcare: bool = False,
    accessibility: str = "",
) -> Rsvp:
    meeting = Meeting.objects.get(pk=meeting.pk)  # never trust a stale copy
    if answer not in RsvpAnswer.values:
        raise DomainError(_("Choose: coming, maybe or not coming."))
    if interpretation_language and interpretation_language not in SPOKEN_LANGUAGE_CODES:
        raise DomainError(_("Unknown language."))
    if meeting.is_cancelled:
        raise DomainError(_("This meeting is cancelled: there is nothing to answer."))
    if meeting.ends_at <= timezone.now():
        raise DomainError(_("This meeting is over: answers are closed."))
    if not Membership.objects.filter(
        space=meeting.space_id, user=user, ended_at__isnull=True
    ).exists():
        raise DomainError(_("Only members of this space can answer."))
    rsvp, _created = Rsvp.objects.update_or_create(
        meeting=meeting,
        user=user,
        defaults={
            "answer": answer,
            "interpretation_language": interpretation_language if answer != "no" else "",
            "childcare": childcare and answer != "no",
            "accessibility": accessibility.strip() if answer != "no" else "",
            "updated_at": timezone.now(),
        },
    )
    audit_record(actor=user, action="rsvp.set", target=meeting, space=meeting.space)
    return rsvp


# Roll call ----------------------------------------------------------------------------------
@transaction.atomic
def attendance_record(
    *, actor: User, meeting: Meeting, statuses: dict[int, str]
) -> list[Attendance]:
    """Record present / remote / excused / absent for members (keyed by membership id).
    Refused as a whole if any id is not a member of the space at the meeting."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise DomainError(_("This meeting is cancelled: no roll call."))
    if meeting.starts_at > timezone.now() + timedelta(hours=1):
        raise DomainError(_("The roll call opens when the meeting starts."))
    if any(s not in AttendanceStatus.values for s in statuses.values()):
        raise DomainError(_("Unknown attendance status."))
    members = {
        m.pk: m
        for m in Membership.objects.filter(
            space=meeting.space_id, role=MembershipRole.MEMBER, pk__in=statuses.keys()
        )
    }
    unknown = set(statuses) - set(members)
    if unknown:
        raise DomainError(_("Only members of this space can be on the roll call."))
    saved = []
    now = timezone.now()
    for membership_id, status in statuses.items():
        attendance, _c = Attendance.objects.update_or_create(
            meeting=meeting,
            membership=members[membership_id],
            defaults={"status": status, "recorder": actor, "recorded_at": now},
        )
        saved.append(attendance)
    audit_record(
        actor=actor,
        action="attendance.record",
        target=meeting,
        space=meeting.space,
        count=len(saved),
    )
    return saved


# Minutes ------------------------------------------------------------------------------------
@transaction.atomic
def minutes_save(
    *, actor: User, meeting: Meeting, text: str, base_number: int | None
) -> MinutesRevision:
    """Save a new revision. `base_number` is the revision the writer started from; if a
    newer one exists, the save is refused (MinutesConflict) and nothing is overwritten."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    latest = MinutesRevision.objects.filter(meeting=meeting).order_by("-number").first()
    if latest is not None and base_number != latest.number:
        raise MinutesConflict(latest)
    if latest is None and base_number not in (None, 0):
        raise DomainError(_("These minutes do not exist any more."))
    if not text.strip():
        raise DomainError(_("The minutes are empty."))
    if latest is not None and latest.text == text:
        return latest
    revision = MinutesRevision.objects.create(
        meeting=meeting, number=(latest.number + 1) if latest else 1, text=text, author=actor
    )
    audit_record(
        actor=actor,
        action="minutes.save",
        target=revision,
        space=meeting.space,
        number=revision.number,
    )
    return revision


@transaction.atomic
def minutes_comment_add(
    *, actor: User, revision: MinutesRevision, text: str, suggestion: str = ""
) -> MinutesComment:
    if revision.approved_at:
        raise DomainError(_("These minutes are approved: they can no longer be discussed."))
    if not text.strip():
        raise DomainError(_("The comment is empty."))
    comment = MinutesComment.objects.create(
        revision=revision, author=actor, text=text.strip(), suggestion=suggestion.strip()
    )
    audit_record(
        actor=actor, action="minutes.comment", target=comment, space=revision.meeting.space
    )
    return comment


@transaction.atomic
def minutes_comment_resolve(*, actor: User, comment: MinutesComment, status: str) -> MinutesComment:
    if status not in (MinutesComment.Status.ACCEPTED, MinutesComment.Status.DISMISSED):
        raise DomainError(_("Unknown status."))
    comment.status = status
    comment.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="minutes.comment_resolve",
        target=comment,
        space=comment.revision.meeting.space,
        status=status,
    )
    return comment


@transaction.atomic
def minutes_approval_vote(*, actor: User, revision: MinutesRevision, meeting: Meeting) -> Vote:
    """Put the approval of the minutes (their latest version) to a vote at a later meeting
    of the same space; a valid adopted vote approves and freezes them."""
    latest = MinutesRevision.objects.filter(meeting=revision.meeting_id).order_by("-number").first()
    if revision.approved_at or latest.pk != revision.pk:
        raise DomainError(_("Only the latest, not yet approved version can be put to a vote."))
    if meeting.space_id != revision.meeting.space_id or (
        meeting.starts_at <= revision.meeting.starts_at
    ):
        raise DomainError(_("Minutes are approved at a following meeting of the same space."))
    vote = vote_services.vote_create(
        actor=actor,
        space=meeting.space,
        title=minutes_revision_question(revision),  # shown translated: minutes_vote_title
        method=VoteMethod.FOR_AGAINST,
        meeting=meeting,
    )
    vote.minutes_revision = revision
    vote.save(update_fields=["minutes_revision"])
    return vote


def minutes_revision_question(revision: MinutesRevision) -> str:
    """The question "Approve the minutes of <date> (version <n>)?" in the active language."""
    met = revision.meeting
    day = timezone.localtime(met.starts_at, ZoneInfo(met.time_zone)) if met.time_zone else None
    return str(
        _("Approve the minutes of %(date)s (version %(number)s)?")
        % {
            "date": format_when(
                day or timezone.localtime(met.starts_at), "date_long", get_language()
            ),
            "number": revision.number,
        }
    )


def minutes_vote_title(vote) -> str:
    """Registered vote subject (meetings/apps.py): the question of a vote on minutes, in the
    reader's language."""
    revision = MinutesRevision.objects.select_related("meeting").get(pk=vote.minutes_revision_id)
    return minutes_revision_question(revision)


def minutes_vote_closed(*, actor: User | None, vote, outcome: Outcome) -> None:
    """Registered vote subject (meetings/apps.py, votes.subjects): an adopted, valid vote
    on the approval of minutes approves them at the vote's meeting."""
    if not outcome.adopted:
        return
    revision = MinutesRevision.objects.get(pk=vote.minutes_revision_id)
    if revision.approved_at is None:
        minutes_approve(actor=actor, revision=revision, approved_in=vote.meeting)


@transaction.atomic
def minutes_approve(
    *, actor: User, revision: MinutesRevision, approved_in: Meeting
) -> MinutesRevision:
    """Approval happens at a following meeting of the same space; the revision is frozen.
    (The proposals issue turns this into a vote.)"""
    revision = (
        MinutesRevision.objects.select_for_update().select_related("meeting").get(pk=revision.pk)
    )
    if revision.approved_at:
        raise DomainError(_("These minutes are already approved."))
    latest = MinutesRevision.objects.filter(meeting=revision.meeting).order_by("-number").first()
    if latest.pk != revision.pk:
        raise DomainError(_("Only the latest version of the minutes can be approved."))
    if approved_in.space_id != revision.meeting.space_id or (
        approved_in.starts_at <= revision.meeting.starts_at
    ):
        raise DomainError(_("Minutes are approved at a following meeting of the same space."))
    revision.approved_at = timezone.now()
    revision.approved_by = actor
    revision.approved_in = approved_in
    revision.save(update_fields=["approved_at", "approved_by", "approved_in"])
    audit_record(
        actor=actor,
        action="minutes.approve",
        target=revision,
        space=revision.meeting.space,
        number=revision.number,
    )
    return revision


# Calendar -----------------------------------------------------------------------------------
@transaction.atomic
def calendar_token_renew(*, user: User) -> str:
    """A new secret feed address; the previous one stops working at once."""
    token = new_token()
    CalendarToken.objects.update_or_create(
        user=user, defaults={"token_hash": hash_token(token), "created_at": timezone.now()}
    )
    audit_record(actor=user, action="calendar.token_renew")
    return token


@transaction.atomic
def calendar_token_revoke(*, user: User) -> None:
    CalendarToken.objects.filter(user=user).delete()
    audit_record(actor=user, action="calendar.token_revoke")


# Live session -------------------------------------------------------------------------------
def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _require_live(meeting: Meeting) -> None:
    if meeting.live_status != LiveStatus.LIVE:
        raise DomainError(_("The live session is not open."))


@transaction.atomic
def live_open(*, actor: User, meeting: Meeting) -> Meeting:
    meeting = _locked(meeting)
    if meeting.is_cancelled:
        raise DomainError(_("This meeting is cancelled."))
    if meeting.live_status == LiveStatus.LIVE:
        return meeting
    meeting.live_status = LiveStatus.LIVE
    if meeting.current_item_id is None:
        meeting.current_item = meeting.agenda_items.order_by("position").first()
    meeting.save(update_fields=["live_status", "current_item"])
    audit_record(actor=actor, action="live.open", target=meeting, space=meeting.space)
    _live_event(meeting)
    return meeting


@transaction.atomic
def live_close(*, actor: User, meeting: Meeting) -> Meeting:
    meeting = _locked(meeting)
    _require_live(meeting)
    meeting.live_status = LiveStatus.CLOSED
    meeting.save(update_fields=["live_status"])
    SpeakerRequest.objects.filter(meeting=meeting, status__in=["waiting", "speaking"]).update(
        status=SpeakerRequest.Status.DONE
    )
    audit_record(actor=actor, action="live.close", target=meeting, space=meeting.space)
    _live_event(meeting)
    return meeting


@transaction.atomic
def live_goto_item(*, actor: User, meeting: Meeting, item_id: int | None = None) -> Meeting:
    """Move to the given agenda item, or to the next one when no id is given."""
    meeting = _locked(meeting)
    _require_live(meeting)
    items = list(meeting.agenda_items.order_by("position", "pk"))
    if not items:
        raise DomainError(_("The agenda is empty."))
    if item_id is None:
        ids = [i.pk for i in items]
        if meeting.current_item_id in ids:
            position = ids.index(meeting.current_item_id)
            if position + 1 >= len(items):
                raise DomainError(_("This is the last agenda item."))
            target = items[position + 1]
        else:
            target = items[0]
    else:
        target = next((i for i in items if i.pk == item_id), None)
        if target is None:
            raise DomainError(_("This agenda item is not on this meeting's agenda."))
    meeting.current_item = target
    meeting.save(update_fields=["current_item"])
    audit_record(
        actor=actor, action="live.item", target=meeting, space=meeting.space, item=target.pk
    )
    _live_event(meeting)
    return meeting


@transaction.atomic
def hand_raise(*, user: User, meeting: Meeting) -> SpeakerRequest:
    meeting = _locked(meeting)
    _require_live(meeting)
    existing = SpeakerRequest.objects.filter(
        meeting=meeting, user=user, status__in=["waiting", "speaking"]
    ).first()
    if existing:
        return existing
    request = SpeakerRequest.objects.create(meeting=meeting, user=user)
    _live_event(meeting)
    return request


@transaction.atomic
def hand_lower(*, user: User, meeting: Meeting) -> None:
    meeting = _locked(meeting)
    updated = SpeakerRequest.objects.filter(
        meeting=meeting, user=user, status=SpeakerRequest.Status.WAITING
    ).update(status=SpeakerRequest.Status.WITHDRAWN)
    if updated:
        _live_event(meeting)


@transaction.atomic
def floor_give(*, actor: User, meeting: Meeting, user_id: int | None = None) -> SpeakerRequest:
    """Give the floor to a waiting person (the first in the queue if none is named); the
    current speaker, if any, is done."""
    meeting = _locked(meeting)
    _require_live(meeting)
    waiting = SpeakerRequest.objects.filter(meeting=meeting, status=SpeakerRequest.Status.WAITING)
    if user_id is not None:
        waiting = waiting.filter(user_id=user_id)
    request = waiting.order_by("requested_at", "pk").first()
    if request is None:
        raise DomainError(_("Nobody is waiting to speak."))
    SpeakerRequest.objects.filter(meeting=meeting, status=SpeakerRequest.Status.SPEAKING).update(
        status=SpeakerRequest.Status.DONE
    )
    request.status = SpeakerRequest.Status.SPEAKING
    request.save(update_fields=["status"])
    audit_record(actor=actor, action="live.floor_give", target=meeting, space=meeting.space)
    _live_event(meeting)
    return request


@transaction.atomic
def floor_withdraw(*, actor: User, meeting: Meeting) -> None:
    meeting = _locked(meeting)
    _require_live(meeting)
    updated = SpeakerRequest.objects.filter(
        meeting=meeting, status=SpeakerRequest.Status.SPEAKING
    ).update(status=SpeakerRequest.Status.DONE)
    if not updated:
        raise DomainError(_("Nobody has the floor."))
    audit_record(actor=actor, action="live.floor_withdraw", target=meeting, space=meeting.space)
    _live_event(meeting)


def presence_join(*, user: User, meeting: Meeting, channel_name: str) -> None:
    try:
        with transaction.atomic():
            LivePresence.objects.create(meeting=meeting, user=user, channel_name=channel_name)
    except IntegrityError:
        return
    with transaction.atomic():
        _live_event(meeting)


def presence_leave(*, channel_name: str) -> None:
    with transaction.atomic():
        presence = LivePresence.objects.filter(channel_name=channel_name).first()
        if presence is None:
            return
        meeting = Meeting(pk=presence.meeting_id)
        presence.delete()
        _live_event(meeting)


def local_datetime(day: date, at: time, tz: str) -> datetime:
    return datetime.combine(day, at).replace(tzinfo=ZoneInfo(tz))


# Deleting an account (registered in meetings/apps.py, accounts.deletion) ----------------------
def rsvps_forget_person(user: User, now, actor: User | None) -> None:
    """Answers to meetings to come go; past ones stay (attendance), without her needs."""
    Rsvp.objects.filter(user=user, meeting__ends_at__gt=now).delete()
    Rsvp.objects.filter(user=user).update(
        interpretation_language="", childcare=False, accessibility=""
    )


def speaker_requests_withdraw_person(user: User, now, actor: User | None) -> None:
    SpeakerRequest.objects.filter(user=user, status__in=["waiting", "speaking"]).update(
        status=SpeakerRequest.Status.WITHDRAWN
    )
