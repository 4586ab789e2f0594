"""Notices are plain text: a title with quotes, an apostrophe and markup reaches the e-mail
and the in-app notice as the very characters typed (no `&#x27;`, no `&quot;`), and the
notices page, which is HTML, escapes them."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from core.models import Notification
from core.notifications import notify, render_message
from meetings.models import Meeting
from recommendations.models import Recommendation

pytestmark = pytest.mark.django_db

HOSTILE = """Amina's "desk" <b>& co</b>"""
ENTITIES = ("&#x27;", "&#39;", "&quot;", "&lt;", "&gt;", "&amp;")

TEMPLATES = [
    ("meetings/email/reminder", {"kind": "7d"}),
    ("meetings/email/reminder", {"kind": "1d"}),
    ("meetings/email/changed", {}),
    ("meetings/email/cancelled", {}),
    ("recommendations/email/recommendation_received", {}),
    ("recommendations/email/recommendation_answered", {}),
    ("recommendations/email/recommendation_reminder", {"kind": "soon"}),
    ("recommendations/email/recommendation_reminder", {"kind": "overdue"}),
]


@pytest.fixture
def hostile_context(agora, facilitator, newcomer):
    start = timezone.now() + timedelta(days=3)
    meeting = Meeting(
        space=agora,
        title=HOSTILE,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place_name=HOSTILE,
        room=HOSTILE,
    )
    agora.name = HOSTILE
    facilitator.display_name = HOSTILE
    recommendation = Recommendation(
        space=agora,
        title=HOSTILE,
        addressee=facilitator,
        deadline=date(2026, 12, 1),
        answer="partly",
    )
    newcomer.display_name = HOSTILE
    newcomer.interface_language = "en"
    return {"meeting": meeting, "space": agora, "recommendation": recommendation}, newcomer


@pytest.mark.parametrize(("template", "extra"), TEMPLATES)
def test_every_notice_is_plain_text_with_the_characters_typed(hostile_context, template, extra):
    context, user = hostile_context
    message = render_message(user=user, template=template, context={**context, **extra})
    for text in (message.subject, message.body):
        assert not any(entity in text for entity in ENTITIES), text
    assert "Amina's" in message.subject and '"desk"' in message.subject
    assert "<b>& co</b>" in message.body


def test_sent_notice_and_e_mail_keep_the_text_and_the_page_escapes_it(
    client, meeting, members, facilitator
):
    """End to end: a meeting is renamed and cancelled; the e-mail and the in-app notice
    say its title as typed; the notices page (HTML) shows it escaped."""
    from meetings.services import meeting_cancel, rsvp_set

    amina = members[0].user
    Meeting.objects.filter(pk=meeting.pk).update(title=HOSTILE)
    rsvp_set(user=amina, meeting=Meeting.objects.get(pk=meeting.pk), answer="yes")
    mail.outbox.clear()
    with translation.override("en"):
        from meetings.tasks import notify_meeting_change

        meeting_cancel(actor=facilitator, meeting=Meeting.objects.get(pk=meeting.pk))
        notify_meeting_change(meeting.pk, "cancelled", Meeting.objects.get(pk=meeting.pk).sequence)
    notice = Notification.objects.get(user=amina)
    sent = next(m for m in mail.outbox if m.to == [amina.email])
    for text in (notice.subject, notice.body, sent.subject, sent.body):
        assert HOSTILE in text, text
        assert not any(entity in text for entity in ENTITIES), text
    client.force_login(amina)
    page = client.get(reverse("core:notifications")).content.decode()
    assert "&lt;b&gt;" in page and "<b>& co</b>" not in page


def test_notify_sends_literal_text_to_every_channel(newcomer):
    newcomer.email = "amina@example.org"
    newcomer.interface_language = "en"
    start = timezone.now() + timedelta(days=1)
    meeting = Meeting(title=HOSTILE, starts_at=start, ends_at=start + timedelta(hours=1))
    notify(
        user=newcomer,
        template="meetings/email/reminder",
        context={"meeting": meeting, "space": None, "kind": "1d"},
        url="/meetings/1/",
    )
    assert HOSTILE in Notification.objects.get(user=newcomer).subject
    assert HOSTILE in mail.outbox[0].subject
