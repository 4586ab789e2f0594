"""Meetings of any space: one-off or recurring sessions, agenda, documents, RSVPs,
attendance, minutes with revisions, reminders sent once, calendar tokens, live state."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Space


class MeetingSeries(models.Model):
    """The rule that generated a set of meetings. Each occurrence is its own Meeting row,
    so one can be moved, edited or cancelled without touching the others."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="meeting_series")
    title = models.CharField(_("title"), max_length=160)
    freq = models.CharField(max_length=10)
    interval = models.PositiveSmallIntegerField(default=1)
    weekday = models.PositiveSmallIntegerField()
    setpos = models.SmallIntegerField(null=True, blank=True)
    start_date = models.DateField()
    start_time = models.TimeField()
    duration_minutes = models.PositiveIntegerField()
    time_zone = models.CharField(max_length=60, default="Europe/Paris")
    until = models.DateField(null=True, blank=True)
    count = models.PositiveSmallIntegerField(null=True, blank=True)
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self) -> str:
        return self.title


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class LiveStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    LIVE = "live", _("Live now")
    CLOSED = "closed", _("Closed")


class Meeting(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="meetings")
    series = models.ForeignKey(
        MeetingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    original_start = models.DateTimeField(null=True, blank=True)  # slot in the series
    title = models.CharField(_("title"), max_length=160)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(max_length=60, default="Europe/Paris")
    place_name = models.CharField(_("place"), max_length=160, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    room = models.CharField(_("room"), max_length=100, blank=True)
    access_notes = models.CharField(_("how to get there, access"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    interpretation = models.BooleanField(_("with interpretation"), default=True)
    status = models.CharField(
        max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    is_modified = models.BooleanField(default=False)  # edited apart from its series
    sequence = models.PositiveIntegerField(default=0)  # iCalendar SEQUENCE, bumped on change
    minutes_taker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minutes taken by"),
    )
    live_status = models.CharField(
        max_length=12, choices=LiveStatus.choices, default=LiveStatus.NOT_STARTED
    )
    current_item = models.ForeignKey(
        "AgendaItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["space", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("short description"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=15)

    class Meta:
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return self.title


def document_path(instance, filename: str) -> str:
    return f"meetings/{instance.meeting_id}/{timezone.now():%Y%m%d%H%M%S}-{filename[-80:]}"


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to=document_path)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.title


class RsvpAnswer(models.TextChoices):
    YES = "yes", _("I am coming")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("I am not coming")


class Rsvp(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=8, choices=RsvpAnswer.choices)
    interpretation_language = models.CharField(max_length=10, blank=True)
    childcare = models.BooleanField(default=False)
    accessibility = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="rsvp_one_per_person"),
            models.CheckConstraint(
                condition=Q(answer__in=RsvpAnswer.values), name="rsvp_answer_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.meeting_id}: {self.answer}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    REMOTE = "remote", _("Remote")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


ATTENDING = (AttendanceStatus.PRESENT, AttendanceStatus.REMOTE)


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(
        "core.Membership", on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField(max_length=8, choices=AttendanceStatus.choices)
    recorder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="attendance_one_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} at {self.meeting_id}: {self.status}"


class MinutesRevision(models.Model):
    """Every save of the minutes is a new revision; approved ones are never changed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_revisions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_in = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="minutes_revision_unique"),
        ]

    def __str__(self) -> str:
        return f"Minutes {self.meeting_id} v{self.number}"


class MinutesComment(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Taken into account")
        DISMISSED = "dismissed", _("Not taken")

    revision = models.ForeignKey(MinutesRevision, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"))
    suggestion = models.TextField(_("suggested wording (optional)"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.revision_id}"


class ReminderKind(models.TextChoices):
    WEEK = "7d", _("7 days before")
    DAY = "1d", _("1 day before")
    CHANGED = "changed", _("Changed")
    CANCELLED = "cancelled", _("Cancelled")


class ReminderDelivery(models.Model):
    """Idempotency record: a (meeting, person, kind, version) is contacted once."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    sequence = models.PositiveIntegerField(default=0)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user", "kind", "sequence"], name="reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.meeting_id} → {self.user_id}"


class CalendarToken(models.Model):
    """The secret of a person's private calendar feed (hashed; revocable by making a new one)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Calendar token of {self.user_id}"


class SpeakerRequest(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        SPEAKING = "speaking", _("Speaking")
        DONE = "done", _("Done")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speakers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(status__in=["waiting", "speaking"]),
                name="speaker_one_open_request",
            ),
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(status="speaking"), name="speaker_one_at_a_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ({self.status}) at {self.meeting_id}"


class LivePresence(models.Model):
    """Who is connected to a live session right now (one row per open socket)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel_name = models.CharField(max_length=200, unique=True)
    connected_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user_id} at {self.meeting_id}"
