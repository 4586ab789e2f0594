"""Questions the platform words itself (approving minutes, an edition) are written in the
reader's language when shown, not in the language of whoever created the vote."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone, translation

from core.formatting import format_when

pytestmark = pytest.mark.django_db


def _minutes_vote(agora, facilitator, meeting):
    from meetings.services import meeting_create, minutes_approval_vote, minutes_save

    revision = minutes_save(actor=facilitator, meeting=meeting, text="Minutes", base_number=0)
    later = meeting_create(
        actor=facilitator,
        space=agora,
        title="Next",
        starts_at=meeting.starts_at + timedelta(days=28),
        ends_at=meeting.ends_at + timedelta(days=28),
    )
    with translation.override("fr"):  # the facilitator works in French
        return minutes_approval_vote(actor=facilitator, revision=revision, meeting=later)


def _page(vote, language: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language
    response = client.get(f"/votes/{vote.pk}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "ar", "ti"])
def test_a_vote_on_minutes_reads_in_the_readers_language(
    language, agora, facilitator, meeting, members
):
    vote = _minutes_vote(agora, facilitator, meeting)
    assert vote.title.startswith("Approuver")  # stored as worded at creation
    html = _page(vote, language)
    assert "Approuver" not in html
    msgid = "Approve the minutes of %(date)s (version %(number)s)?"
    with translation.override(language):
        opening = translation.gettext(msgid).split("%(date)s")[0].strip()
        day = format_when(
            timezone.localtime(meeting.starts_at, ZoneInfo(meeting.time_zone)),
            "date_long",
            language,
        )
    assert opening and opening in html
    assert day in html  # the meeting's date as the language writes it


def test_a_typed_question_is_shown_as_typed(agora, facilitator):
    from votes.services import vote_create

    vote = vote_create(
        actor=facilitator,
        space=agora,
        title="Ouvrir une permanence logement ?",
        method="for_against",
        deadline=timezone.now() + timedelta(days=1),
    )
    assert "Ouvrir une permanence logement ?" in _page(vote, "en")
