from datetime import timedelta

import pytest
from django.utils import timezone

from core.services import membership_start
from meetings.services import agenda_item_add, meeting_create
from tests.conftest import first_free_seat
from tests.factories import UserFactory


@pytest.fixture
def members(agora, facilitator, newcomer):
    people = [newcomer] + [
        UserFactory(display_name=name, interface_language=lang, email=f"{name.lower()}@example.org")
        for name, lang in [("Yonas", "ti"), ("Farid", "fa-af"), ("Olena", "uk")]
    ]
    newcomer.email = "amina@example.org"
    newcomer.interface_language = "ar"
    newcomer.save()
    return [
        membership_start(actor=facilitator, seat=first_free_seat(agora), user=p) for p in people
    ]


@pytest.fixture
def meeting(agora, facilitator, members):
    start = timezone.now() + timedelta(days=3)
    m = meeting_create(
        actor=facilitator,
        space=agora,
        title="Monthly session",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place_name="Maison des habitants",
        room="Salle 2",
        address="1 rue Example, Grenoble",
    )
    for title in ("Welcome", "Housing booklet", "Next steps"):
        agenda_item_add(actor=facilitator, meeting=m, title=title)
    return m


def make_past(meeting, hours_ago=1):
    from meetings.models import Meeting

    start = timezone.now() - timedelta(hours=hours_ago)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=2)
    )
    meeting.refresh_from_db()
    return meeting
