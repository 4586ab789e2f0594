"""Reads of the selection pipeline: calls, applications, quota tables, probabilities."""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import defaultdict

from django.db.models import Count, Prefetch, Q

from calls.models import Call, CallAnswer, CallQuestion, CallVolunteer, Lottery
from calls.services import hash_receipt


def call_get(*, pk: int) -> Call | None:
    return Call.objects.select_related("space").filter(pk=pk).first()


def call_list_for_space(*, space) -> list[Call]:
    return list(
        Call.objects.filter(space_id=space.pk)
        .select_related("lottery")
        .annotate(
            volunteer_count=Count("volunteers", filter=Q(volunteers__excluded_at__isnull=True))
        )
        .order_by("-created_at")
    )


def call_questions(*, call: Call) -> list[CallQuestion]:
    return list(
        call.questions.prefetch_related(
            Prefetch("answers", queryset=CallAnswer.objects.order_by("position"))
        )
    )


def call_lottery(*, call: Call) -> Lottery | None:
    return Lottery.objects.filter(call=call).prefetch_related("random_values").first()


def call_pool_size(*, call: Call) -> int:
    """Applications that count: not set aside by a facilitator. Aggregate: safe to publish."""
    return call.volunteers.filter(excluded_at__isnull=True).count()


# Possible duplicates: a pure core (plain data in, flags out), shown to facilitators only.
GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}


def normalise_contact(contact: str) -> str:
    """E-mail: lower case, without a "+tag" (and without dots for Gmail). Phone: its digits,
    the last nine only (so "+33 6 12 34 56 78", "0033612345678" and "06 12 34 56 78" match)."""
    contact = (contact or "").strip().casefold()
    if not contact:
        return ""
    if "@" in contact:
        local, _, domain = contact.rpartition("@")
        local = local.split("+", 1)[0]
        if domain in GMAIL_DOMAINS:
            local, domain = local.replace(".", ""), "gmail.com"
        return f"{local}@{domain}"
    digits = re.sub(r"\D", "", contact)
    return f"tel:{digits[-9:]}" if digits else ""


def normalise_name(name: str) -> str:
    """Case, accents, punctuation and spacing ignored: "Zoë  Martin" = "zoe martin"."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def duplicate_flags(volunteers: list[dict]) -> dict:
    """Which applications look like another one. `volunteers`: dicts with id, pseudonym,
    contact, name and answers. Returns id -> sorted [(other pseudonym, "contact" | "name")]:
    the same normalised contact, or the same normalised (non-empty) name with the same
    answers. A flag is a question for the facilitator, not a verdict: a family may share one
    phone."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for v in volunteers:
        contact = normalise_contact(v["contact"])
        if contact:
            groups["contact", contact].append(v)
        name = normalise_name(v["name"])
        if name:
            answers = tuple(sorted((v["answers"] or {}).items()))
            groups["name", name, answers].append(v)
    flags: dict = defaultdict(set)
    for key, members in groups.items():
        if len(members) < 2:
            continue
        for v in members:
            for other in members:
                if other["id"] != v["id"]:
                    flags[v["id"]].add((other["pseudonym"], key[0]))
    return {pk: sorted(found) for pk, found in flags.items()}


def volunteer_list(*, call: Call) -> list[CallVolunteer]:
    return list(call.volunteers.select_related("invitation").order_by("pseudonym"))


def volunteer_by_receipt(*, call: Call, code: str) -> CallVolunteer | None:
    if not code or not code.strip():
        return None
    return CallVolunteer.objects.filter(call=call, receipt_hash=hash_receipt(code)).first()


def quota_table(*, call: Call, lottery: Lottery | None = None) -> list[dict]:
    """Per question and answer: the quota, how many applied, and how many are on the panel
    as drawn and as it stands after replacements. Aggregates only: safe to publish."""
    volunteers = list(
        call.volunteers.filter(excluded_at__isnull=True).values("pseudonym", "answers")
    )
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
