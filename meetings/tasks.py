"""Celery tasks: thin, fetch by id, call the notification service.

Idempotency: a (meeting, person, kind, version) is claimed by inserting a
ReminderDelivery row in the same transaction that records the notification and sends the
e-mail. A second run of the task (or a concurrent one) hits the unique constraint and
skips; a worker that dies before the commit leaves no claim, so the next run sends it.
"""

from datetime import timedelta

from celery import shared_task
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.models import Membership, MembershipRole
from core.notifications import notify
from meetings.models import Meeting, MeetingStatus, ReminderDelivery, ReminderKind, Rsvp

WINDOWS = {
    ReminderKind.WEEK: (timedelta(days=7), timedelta(days=1)),
    ReminderKind.DAY: (timedelta(days=1), timedelta(0)),
}


def _deliver(meeting: Meeting, user, kind: str, template: str, sequence: int = 0) -> bool:
    try:
        with transaction.atomic():
            ReminderDelivery.objects.create(
                meeting=meeting, user=user, kind=kind, sequence=sequence
            )
            notify(
                user=user,
                template=template,
                context={"meeting": meeting, "space": meeting.space, "kind": kind},
                url=reverse("meetings:meeting-detail", args=[meeting.pk]),
            )
            ReminderDelivery.objects.filter(
                meeting=meeting, user=user, kind=kind, sequence=sequence
            ).update(sent_at=timezone.now())
    except IntegrityError:
        return False
    return True


def reminder_recipients(meeting: Meeting):
    """Members of the space who have not declined."""
    declined = Rsvp.objects.filter(meeting=meeting, answer="no").values("user")
    return [
        m.user
        for m in Membership.objects.filter(
            space=meeting.space_id, ended_at__isnull=True, role=MembershipRole.MEMBER
        )
        .exclude(user__in=declined)
        .select_related("user")
    ]


@shared_task
def send_due_reminders() -> int:
    """Run by Celery beat every 15 minutes: 7-day and 1-day reminders, once each."""
    now = timezone.now()
    sent = 0
    for kind, (before, until) in WINDOWS.items():
        due = Meeting.objects.filter(
            status=MeetingStatus.SCHEDULED,
            starts_at__lte=now + before,
            starts_at__gt=now + until,
        ).select_related("space")
        for meeting in due:
            for user in reminder_recipients(meeting):
                sent += _deliver(meeting, user, kind, "meetings/email/reminder")
    return sent


@shared_task
def notify_meeting_change(meeting_id: int, kind: str, sequence: int) -> int:
    """Tell everyone who answered the RSVP that the meeting moved or was cancelled."""
    meeting = Meeting.objects.select_related("space").filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    template = "meetings/email/cancelled" if kind == "cancelled" else "meetings/email/changed"
    users = [r.user for r in Rsvp.objects.filter(meeting=meeting).select_related("user")]
    return sum(_deliver(meeting, u, kind, template, sequence) for u in users)
