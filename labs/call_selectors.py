"""Reads of the selection pipeline: calls, applications, quota tables, probabilities."""

from __future__ import annotations

import statistics

from django.db.models import Count, Prefetch

from labs.call_services import hash_receipt
from labs.models import Call, CallAnswer, CallQuestion, CallVolunteer, Lottery


def call_get(*, pk: int) -> Call | None:
    return Call.objects.select_related("space", "space__lab").filter(pk=pk).first()


def call_list_for_space(*, space) -> list[Call]:
    return list(
        Call.objects.filter(space_id=space.pk)
        .select_related("lottery")
        .annotate(volunteer_count=Count("volunteers"))
        .order_by("-created_at")
    )


def call_questions(*, call: Call) -> list[CallQuestion]:
    return list(
        call.questions.prefetch_related(
            Prefetch("answers", queryset=CallAnswer.objects.order_by("position"))
        )
    )


def call_lottery(*, call: Call) -> Lottery | None:
    return Lottery.objects.filter(call=call).first()


def volunteer_list(*, call: Call) -> list[CallVolunteer]:
    return list(call.volunteers.select_related("invitation").order_by("pseudonym"))


def volunteer_by_receipt(*, call: Call, code: str) -> CallVolunteer | None:
    if not code or not code.strip():
        return None
    return CallVolunteer.objects.filter(call=call, receipt_hash=hash_receipt(code)).first()


def quota_table(*, call: Call, lottery: Lottery | None = None) -> list[dict]:
    """Per question and answer: the quota, how many applied, and how many are on the panel
    as drawn and as it stands after replacements. Aggregates only: safe to publish."""
    volunteers = list(call.volunteers.values("pseudonym", "answers"))
    panel = set(lottery.panel) if lottery and lottery.panel else set()
    current = set(lottery.current_panel) if lottery and lottery.current_panel else set()
    rows = []
    for q in call_questions(call=call):
        answers = []
        for a in q.answers.all():
            holders = {v["pseudonym"] for v in volunteers if v["answers"].get(q.key) == a.label}
            answers.append(
                {
                    "answer": a,
                    "applied": len(holders),
                    "drawn": len(holders & panel),
                    "current": len(holders & current),
                }
            )
        rows.append({"question": q, "answers": answers})
    return rows


def probability_summary(*, lottery: Lottery) -> dict | None:
    """Smallest, median and largest selection probability (LEXIMIN), and the spread."""
    values = sorted(lottery.probabilities.values())
    if not values:
        return None
    positive = [v for v in values if v > 1e-9]
    return {
        "count": len(values),
        "min": values[0],
        "median": statistics.median(values),
        "max": values[-1],
        "never": len(values) - len(positive),
        "min_positive": positive[0] if positive else 0.0,
        "distinct": sorted({round(v, 4) for v in values}),
    }
