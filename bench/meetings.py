"""Meetings pages at 10 and 1,000 meetings: the query count must not move.

A fresh space (the Agora's 16 seats held), N meetings, every member's RSVP on every
meeting (16 × N answers), then the pages measured through Django's test client.
"""

from bench.common import measure  # noqa: I001 - first: it sets Django up

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from accounts.models import User
from agora.services import agora_create
from core.models import Seat
from core.services import membership_start
from meetings.models import Meeting, Rsvp
from meetings.services import agenda_item_add, calendar_token_renew


def build(n: int, tag: str):
    facilitator = User.objects.create_user(
        username=f"bench-f-{tag}", display_name="F", role="facilitator"
    )
    agora = agora_create(actor=facilitator, name=f"Bench {tag}", slug=f"bench-{tag}")
    members = []
    for seat in Seat.objects.filter(space=agora).order_by("number"):
        user = User.objects.create_user(
            username=f"bench-{tag}-{seat.number}", display_name=f"M{seat.number}"
        )
        membership_start(actor=facilitator, seat=seat, user=user)
        members.append(user)
    start = timezone.now() + timedelta(days=1)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            space=agora,
            title=f"Session {i}",
            starts_at=start + timedelta(days=i),
            ends_at=start + timedelta(days=i, hours=2),
            creator=facilitator,
        )
        for i in range(n)
    )
    Rsvp.objects.bulk_create(
        Rsvp(meeting=m, user=u, answer="yes", interpretation_language="ar")
        for m in meetings
        for u in members
    )
    for title in ("Welcome", "Housing", "Health"):
        agenda_item_add(actor=facilitator, meeting=meetings[0], title=title)
    return agora, facilitator, members[0], meetings[0]


def main() -> None:
    rows = {}
    for n in (10, 1000):
        agora, facilitator, member, first = build(n, str(n))
        token = calendar_token_renew(user=member)
        pages = [
            ("member", member, "/meetings/"),
            ("anonymous", None, f"/s/{agora.slug}/meetings/"),
            ("facilitator", facilitator, f"/meetings/{first.pk}/"),
            ("member", member, f"/meetings/{first.pk}/"),
            ("anonymous", None, f"/s/{agora.slug}/"),
            ("calendar app", None, f"/calendar/{token}.ics"),
        ]
        for who, user, path in pages:
            client = Client()
            if user is not None:
                client.force_login(user)
            key = (
                who,
                path.replace(str(token), "TOKEN")
                .replace(f"/{first.pk}/", "/ID/")
                .replace(agora.slug, "SPACE"),
            )
            rows.setdefault(key, {})[n] = measure(client, path, runs=10)
    print("| visitor | page | queries (10) | queries (1,000) | median ms (1,000) | bytes (1,000) |")
    print("|---|---|---:|---:|---:|---:|")
    for (who, path), m in rows.items():
        print(
            f"| {who} | `{path}` | {m[10]['queries']} | {m[1000]['queries']} "
            f"| {m[1000]['median_ms']:.1f} | {m[1000]['bytes']} |"
        )


if __name__ == "__main__":
    main()
