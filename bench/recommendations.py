"""The public tracking page of recommendations at 100 and at 10,000 recommendations.

Two spaces (the Agora, public; a lab), the six themes, officials and departments; the
recommendations spread over the last three years, a third answered (accepted, partly,
declined, with reasons), some overdue, some with commitments. Pages measured through
Django's test client: the query count must not move, p95 server time under 50 ms.
"""

from bench.common import measure  # noqa: I001 - first: it sets Django up

import gzip
import random
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from accounts.models import User
from agora.services import agora_create
from proposals.models import Proposal, ProposalStatus, Theme
from recommendations.models import Commitment, Department, Recommendation
from proposals.services import themes_seed

TARGET_P95_MS = 50


def build(n: int, tag: str):
    rng = random.Random(n)  # noqa: S311 - benchmark data, not secrets
    themes_seed()
    themes = list(Theme.objects.all())
    facilitator = User.objects.create_user(
        username=f"bench-rf-{tag}", display_name="F", role="facilitator"
    )
    agora = agora_create(actor=facilitator, name=f"Bench recs {tag}", slug=f"bench-recs-{tag}")
    officials = [
        User.objects.create_user(
            username=f"bench-ro-{tag}-{i}", display_name=f"O{i}", role="official"
        )
        for i in range(5)
    ]
    department = Department.objects.create(name=f"Housing {tag}")
    department.officials.add(officials[0])
    now = timezone.now()
    proposals = Proposal.objects.bulk_create(
        Proposal(
            space=agora,
            title=f"Recommendation {i}: open a desk on day {i % 7}",
            text="Open a desk with interpreters. " * 5,
            theme=themes[i % len(themes)],
            status=ProposalStatus.ADOPTED,
            creator=facilitator,
        )
        for i in range(n)
    )
    recs = []
    for i, proposal in enumerate(proposals):
        issued = now - timedelta(days=rng.randint(0, 3 * 365))
        deadline = (issued + timedelta(days=60)).date()
        answered = issued + timedelta(days=rng.randint(5, 90)) if i % 3 == 0 else None
        if answered and answered > now:
            answered = None
        rec = Recommendation(
            proposal=proposal,
            space=agora,
            theme=proposal.theme,
            title=proposal.title,
            text=proposal.text,
            addressee=None if i % 4 == 0 else officials[i % 5],
            department=department if i % 4 == 0 else None,
            issued_by=facilitator,
            issued_at=issued,
            deadline=deadline,
        )
        if answered:
            rec.answer = ["accepted", "partly", "declined"][i % 3 if i % 9 else 0]
            rec.reasons = "Because the budget allows it from next year. " * 3
            rec.answered_by = officials[0]
            rec.answered_at = answered
            rec.implementation = "" if rec.answer == "declined" else "in_progress"
        recs.append(rec)
    recs = Recommendation.objects.bulk_create(recs, batch_size=1000)
    Commitment.objects.bulk_create(
        Commitment(recommendation=r, text="Open the desk", owner="Housing", due_on=deadline)
        for r in recs[::6]
    )
    return agora, recs[0]


def main() -> None:
    rows = {}
    worst = 0.0
    for n in (100, 10_000):
        agora, first = build(n, str(n))
        pages = [
            "/recommendations/",
            "/recommendations/?status=overdue",
            "/recommendations/?status=accepted",
            f"/recommendations/?theme=housing&space={agora.slug}",
            f"/recommendations/{first.pk}/",
            "/recommendations/feed/",
        ]
        for path in pages:
            client = Client()
            m = measure(client, path, runs=50)
            body = client.get(path).content
            m["gzip"] = len(gzip.compress(body))
            key = path.replace(agora.slug, "SPACE").replace(f"/{first.pk}/", "/ID/")
            rows.setdefault(key, {})[n] = m
            if n == 10_000:
                worst = max(worst, m["p95_ms"])
    print(
        "| page | queries (100) | queries (10,000) | median ms (10,000) | p95 ms (10,000) "
        "| KB gzip (10,000) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for path, m in rows.items():
        big = m[10_000]
        print(
            f"| `{path}` | {m[100]['queries']} | {big['queries']} | {big['median_ms']:.1f} "
            f"| {big['p95_ms']:.1f} | {big['gzip'] / 1024:.1f} |"
        )
    same = all(m[100]["queries"] == m[10_000]["queries"] for m in rows.values())
    print(f"\nQuery counts identical at 100 and 10,000: {'yes' if same else 'NO'}")
    print(f"Worst p95 at 10,000: {worst:.1f} ms (target < {TARGET_P95_MS} ms)")


if __name__ == "__main__":
    main()
