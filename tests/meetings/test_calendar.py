"""Feeds are built with icalendar and read back independently: vobject parses the events,
dateutil's tzical resolves the VTIMEZONE (vobject's own conversion mis-reads RDATE-based
time zones, which RFC 5545 allows and icalendar writes)."""

import io
from datetime import date, time, timedelta

import pytest
import vobject
from dateutil import tz
from django.urls import reverse

from meetings import recurrence, services
from meetings.models import Meeting

pytestmark = pytest.mark.django_db


def parse(body: bytes):
    return vobject.readOne(body.decode())


def zones(body: bytes) -> dict:
    text = body.decode()
    found = {}
    for block in text.split("BEGIN:VTIMEZONE")[1:]:
        block = "BEGIN:VTIMEZONE" + block.split("END:VTIMEZONE")[0] + "END:VTIMEZONE"
        zone = tz.tzical(io.StringIO(block))
        found[zone.keys()[0]] = zone.get()
    return found


def start_end(event, found: dict):
    tzid = event.dtstart.params["X-VOBJ-ORIGINAL-TZID"][0]
    zone = found[tzid]
    return (event.dtstart.value.replace(tzinfo=zone), event.dtend.value.replace(tzinfo=zone))


@pytest.fixture
def series(agora, facilitator):
    rule = recurrence.Rule(
        freq="monthly",
        weekday=1,
        setpos=1,
        start_date=date(2027, 1, 1),
        start_time=time(18),
        duration=timedelta(hours=2, minutes=30),
        tz="Europe/Paris",
        until=date(2027, 12, 31),
    )
    return services.series_create(
        actor=facilitator,
        space=agora,
        title="Agora",
        rule=rule,
        place_name="Maison des habitants",
        address="1 rue X",
    )


def events(cal):
    return sorted(cal.vevent_list, key=lambda e: e.dtstart.value)


def test_feed_reads_back_the_same_occurrences(client, series, members):
    from meetings.services import calendar_token_renew

    token = calendar_token_renew(user=members[0].user)
    response = client.get(reverse("meetings:user-feed", args=[token]))
    assert response["Content-Type"].startswith("text/calendar")
    cal = parse(response.content)
    found = zones(response.content)
    parsed = events(cal)
    expected = list(series.meetings.order_by("starts_at"))
    assert len(parsed) == len(expected) == 12
    for event, meeting in zip(parsed, expected, strict=True):
        start, end = start_end(event, found)
        assert start == meeting.starts_at  # same instant, summer and winter
        assert end == meeting.ends_at
        assert (start.hour, start.minute, start.weekday()) == (18, 0, 1)
        assert event.uid.value == f"meeting-{meeting.pk}@127.0.0.1:8000"
        assert event.location.value == "Maison des habitants, 1 rue X"
    assert "VTIMEZONE" in response.content.decode()
    assert "TZID=Europe/Paris" in response.content.decode()


def test_uid_stable_sequence_bumped_and_cancelled(client, series, members, facilitator):
    token = services.calendar_token_renew(user=members[0].user)
    url = reverse("meetings:user-feed", args=[token])
    before = {e.uid.value: e for e in events(parse(client.get(url).content))}
    first, second = series.meetings.order_by("starts_at")[:2]
    services.meeting_update(
        actor=facilitator,
        meeting=second,
        starts_at=second.starts_at + timedelta(hours=1),
        ends_at=second.ends_at + timedelta(hours=1),
    )
    services.meeting_cancel(actor=facilitator, meeting=first)
    after = {e.uid.value: e for e in events(parse(client.get(url).content))}
    assert set(after) == set(before)
    uid1, uid2 = (f"meeting-{m.pk}@127.0.0.1:8000" for m in (first, second))
    assert after[uid1].status.value == "CANCELLED" and int(after[uid1].sequence.value) == 1
    assert int(after[uid2].sequence.value) == 1
    assert after[uid2].dtstart.value.replace(tzinfo=None) == before[uid2].dtstart.value.replace(
        tzinfo=None
    ) + timedelta(hours=1)
    untouched = set(after) - {uid1, uid2}
    assert all(int(after[u].sequence.value) == 0 for u in untouched)


def test_revoked_token_stops_working(client, members):
    token = services.calendar_token_renew(user=members[0].user)
    url = reverse("meetings:user-feed", args=[token])
    assert client.get(url).status_code == 200
    new = services.calendar_token_renew(user=members[0].user)
    assert client.get(url).status_code == 404
    assert client.get(reverse("meetings:user-feed", args=[new])).status_code == 200
    services.calendar_token_revoke(user=members[0].user)
    assert client.get(reverse("meetings:user-feed", args=[new])).status_code == 404


def test_feed_holds_only_the_persons_spaces(client, series, lab, facilitator, members):
    services.meeting_create(
        actor=facilitator,
        space=lab,
        title="Lab only",
        starts_at=Meeting.objects.first().starts_at,
        ends_at=Meeting.objects.first().ends_at,
    )
    token = services.calendar_token_renew(user=members[0].user)
    body = client.get(reverse("meetings:user-feed", args=[token])).content.decode()
    assert "Lab only" not in body


def test_public_space_feed_has_no_place(client, series):
    response = client.get(reverse("meetings:space-feed", args=[series.space.slug]))
    cal = parse(response.content)
    assert len(cal.vevent_list) == 12
    assert not any(hasattr(e, "location") for e in cal.vevent_list)


def test_single_meeting_download(client, series, members):
    meeting = series.meetings.first()
    client.force_login(members[0].user)
    cal = parse(client.get(reverse("meetings:meeting-ics", args=[meeting.pk])).content)
    assert len(cal.vevent_list) == 1 and cal.vevent.location.value.startswith("Maison")


@pytest.mark.parametrize("breaker", ["\n", "\r\n", "\r", "\u2028", "\x0b", ";,\\:"])
def test_line_breaks_in_names_and_places_keep_every_feed_readable(client, series, members, breaker):
    """A space name or a place typed with a line break (or iCalendar's own separators)
    broke every subscriber's feed once (a 500): every feed still answers and reads back
    with each text whole."""
    from core.models import Space

    name = f"Agora{breaker}Grenoble"
    Space.objects.filter(pk=series.space.pk).update(name=name)
    Meeting.objects.filter(series=series).update(
        title=f"Session{breaker}mensuelle", place_name=f"Maison{breaker}des habitants"
    )
    token = services.calendar_token_renew(user=members[0].user)
    meeting = series.meetings.first()
    for url in (
        reverse("meetings:user-feed", args=[token]),
        reverse("meetings:space-feed", args=[series.space.slug]),
        reverse("meetings:meeting-ics", args=[meeting.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        cal = parse(response.content)
        assert cal.vevent_list, url
        for event in cal.vevent_list:
            assert event.summary.value.startswith("Session") and "mensuelle" in event.summary.value
        if "x-wr-calname" in cal.contents and url.endswith("calendar.ics"):
            assert cal.contents["x-wr-calname"][0].value.startswith("Agora")
