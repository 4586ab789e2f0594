"""Public booklet page at 8 and 40 sections: queries must not move; weight and time.

A fresh Agora, a booklet with N sections (the demo booklet's sections, repeated) written
in French and translated into Arabic through the services, one published edition. The
reader page is measured through Django's test client as an anonymous visitor: SQL queries,
HTML + CSS weight compressed (gzip), median / 95th-percentile server time.
Targets (issue 5): constant queries, < 60 KB compressed HTML+CSS, p95 < 30 ms.
"""

from bench.common import measure  # noqa: I001 - first: it sets Django up

import gzip
import sys
import time

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.test import Client

from accounts.models import User
from agora.services import agora_create
from booklets import demo_content, services
from core.models import Seat
from core.services import membership_start

TARGET_KB, TARGET_P95_MS = 60, 30


def cold_p95(client, path: str, runs: int) -> float:
    """Server time when the frozen sections are not in the cache yet (first reader)."""
    times = []
    for _ in range(runs):
        cache.clear()
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[max(0, int(len(times) * 0.95) - 1)]


def build(n: int, tag: str):
    facilitator = User.objects.create_user(
        username=f"bench-bf-{tag}", display_name="F", role="facilitator"
    )
    agora = agora_create(actor=facilitator, name=f"Bench booklet {tag}", slug=f"bench-b-{tag}")
    seats = Seat.objects.filter(space=agora).order_by("number")[:2]
    people = []
    for seat in seats:
        user = User.objects.create_user(
            username=f"bench-b-{tag}-{seat.number}",
            display_name=f"M{seat.number}",
            languages_spoken=["ar", "fr"],
        )
        membership_start(actor=facilitator, seat=seat, user=user)
        people.append(user)
    french, arabic = demo_content.sections("fr"), demo_content.sections("ar")
    booklet = services.booklet_create(
        actor=facilitator,
        space=agora,
        title=f"Bench {n}",
        sections=[(f"s{i}", french[i % len(french)][1]) for i in range(n)],
        target_languages=["ar"],
        approval="facilitator",
    )
    for i, section in enumerate(booklet.sections.order_by("position")):
        _key, title, body = french[i % len(french)]
        services.section_save(
            actor=people[0],
            section=section,
            language="fr",
            title=title,
            body=body,
            base_number=1,
        )
        _key, title, body = arabic[i % len(arabic)]
        services.section_save(
            actor=people[0],
            section=section,
            language="ar",
            title=title,
            body=body,
            base_number=0,
        )
        services.translation_approve(actor=people[1], section=section, language="ar")
    edition = services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr", "ar"])
    services.edition_approve(actor=facilitator, edition=edition)
    services.edition_publish(actor=facilitator, edition=edition)
    return booklet


def main(runs: int) -> int:
    css = open(finders.find("booklets/reader.css"), "rb").read()  # noqa: SIM115
    css_gz = len(gzip.compress(css))
    print(
        "| sections | page | queries | HTML bytes | HTML+CSS gzip bytes | median ms | p95 ms "
        "| p95 ms, sections not cached |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    failures, queries = [], {}
    for n in (8, 40):
        booklet = build(n, f"{n}")
        for language in ("fr", "ar"):
            path = f"/b/{booklet.short_code}/{language}/"
            client = Client()
            m = measure(client, path, runs)
            body = client.get(path).content
            weight = len(gzip.compress(body)) + css_gz
            queries.setdefault(language, set()).add(m["queries"])
            print(
                f"| {n} | `/b/…/{language}/` | {m['queries']} | {m['bytes']} | {weight} "
                f"| {m['median_ms']:.1f} | {m['p95_ms']:.1f} | {cold_p95(client, path, runs):.1f} |"
            )
            if weight > TARGET_KB * 1024:
                failures.append(f"{n} sections {language}: {weight} bytes compressed")
            if m["p95_ms"] > TARGET_P95_MS:
                failures.append(f"{n} sections {language}: p95 {m['p95_ms']:.1f} ms")
    for language, counts in queries.items():
        if len(counts) != 1:
            failures.append(f"{language}: query count moves with sections {sorted(counts)}")
    print("\nTargets met." if not failures else "\nOver target: " + "; ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50))
