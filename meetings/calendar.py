"""iCalendar (RFC 5545) feeds, built with the `icalendar` library.

Every meeting is its own VEVENT (occurrences are expanded, each carries its own edits):
UID stable for the life of the meeting, SEQUENCE bumped by every change, STATUS:CANCELLED
for cancelled ones, DTSTART/DTEND in the meeting's time zone with its VTIMEZONE.
The place and online link are included only in feeds meant for members.
"""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from meetings.models import Meeting, MeetingStatus

PRODID = "-//Accueil//Meetings//FR"

# RFC 5545 TEXT holds no control characters; a name typed (or posted) with a line break
# once made icalendar refuse the whole feed, a 500 for every subscriber. Each text is put
# on one line: line breaks of every kind and other controls become a space.
_BREAKS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    return _BREAKS.sub(" ", text or "").strip()


def _uid_host() -> str:
    return settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "accueil"


def meeting_event(meeting: Meeting, *, include_place: bool) -> Event:
    zone = ZoneInfo(meeting.time_zone)
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{_uid_host()}")
    event.add("dtstamp", meeting.updated_at)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", one_line(f"{meeting.title} — {meeting.space.name}"))
    event.add("sequence", meeting.sequence)
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    event.add("url", settings.SITE_URL + reverse("meetings:meeting-detail", args=[meeting.pk]))
    if include_place:
        place = ", ".join(p for p in (meeting.place_name, meeting.room, meeting.address) if p)
        if place:
            event.add("location", one_line(place))
        if meeting.online_url:
            event.add("description", one_line(meeting.online_url))
    return event


def build_calendar(meetings, *, name: str, include_place: bool) -> bytes:
    meetings = list(meetings)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", one_line(name))
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, include_place=include_place))
    # VTIMEZONE transitions only for the years the feed covers: a few lines, not 70 years.
    if meetings:
        first = min(m.starts_at for m in meetings).date().replace(month=1, day=1)
        last = max(m.ends_at for m in meetings).date().replace(month=12, day=31)
        calendar.add_missing_timezones(
            first_date=first - timedelta(days=366), last_date=last + timedelta(days=1)
        )
    return calendar.to_ical()
