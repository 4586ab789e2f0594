"""Permission rows of calls for volunteers and the lottery.

Cases: "agora" and "private-lab" are the world's spaces (the Agora is public; the lab is
members-only, in its call phase, `other` holds a seat there); "open" is an open call of a
public lab in its call phase; "drawn" a closed call of a public lab in its selection phase
whose panel is drawn; "private" an open call of the members-only lab.
Columns: anon, newcomer, other, partner, official, facilitator.
"""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from calls import services as cs
from calls.models import CallVolunteer
from labs.services import lab_create, lab_phase_set
from tests.calls.call_helpers import record_value, start_lottery

ROLES = ["anon", "newcomer", "other", "partner", "official", "facilitator"]


def s(*codes):
    return dict(zip(ROLES, codes, strict=True))


EVERYONE = s(200, 200, 200, 200, 200, 200)
FACIL = s(302, 403, 403, 403, 403, 200)
FACIL_POST = s(302, 403, 403, 403, 403, 302)
PRIVATE_FACIL = s(404, 404, 403, 404, 404, 200)
PRIVATE_MEMBERS = s(404, 404, 200, 404, 404, 200)
NOT_YET = s(404, 404, 404, 404, 404, 404)  # nothing published yet

EXPECTED = {
    "calls:call-list": [("get", "agora", FACIL), ("get", "private-lab", PRIVATE_FACIL)],
    "calls:call-create": [
        ("get", "agora", FACIL),
        ("get", "private-lab", PRIVATE_FACIL),
        ("post", "agora", FACIL),  # the empty form comes back with its errors
    ],
    "calls:call-detail": [("get", "drawn", FACIL), ("get", "private", PRIVATE_FACIL)],
    "calls:call-edit": [("get", "open", FACIL), ("get", "private", PRIVATE_FACIL)],
    "calls:call-close": [("post", "open", FACIL_POST)],
    "calls:call-quotas": [("get", "open", FACIL), ("post", "open", FACIL)],
    "calls:call-apply": [
        ("get", "open", EVERYONE),
        ("post", "open", EVERYONE),  # no consent: the form comes back
        ("get", "private", PRIVATE_MEMBERS),
    ],
    "calls:call-lookup": [
        ("get", "drawn", EVERYONE),
        ("post", "drawn", EVERYONE),
        ("get", "private", PRIVATE_MEMBERS),
    ],
    # In the selection phase a refused or incomplete form comes back (200) with its errors.
    "calls:lottery-start": [("post", "drawn", FACIL), ("post", "open", FACIL_POST)],
    "calls:lottery-source": [("post", "drawn", FACIL)],
    "calls:lottery-random": [("post", "drawn", FACIL)],
    "calls:lottery-random-correct": [("post", "drawn", FACIL)],
    "calls:lottery-draw": [("post", "drawn", FACIL_POST)],
    "calls:lottery-panels": [("get", "drawn", EVERYONE), ("get", "open", NOT_YET)],
    "calls:lottery-quotas": [("get", "drawn", EVERYONE)],
    "calls:lottery-pool": [("get", "drawn", FACIL)],
    "calls:lottery-verify": [
        ("get", "drawn", EVERYONE),
        ("get", "open", EVERYONE),
        ("get", "private", PRIVATE_MEMBERS),
    ],
    "calls:volunteer-dropout": [("post", "drawn", FACIL_POST)],
    "calls:volunteer-exclude": [("post", "drawn", FACIL_POST)],  # refused: the pool is fixed
    "calls:volunteer-reinstate": [("post", "drawn", FACIL_POST)],
    "calls:panel-invite": [("post", "drawn", FACIL)],
}

DATA = {
    "calls:lottery-random": {"value": "1-2-3"},
    "calls:volunteer-exclude": {"reason": "the same person applied twice"},
    "calls:call-lookup": {"code": "AAAA-BBBB-CCCC"},
}

QUESTIONS = [("Gender", ["woman", "man"])]


def _call(space, facilitator, college="newcomers", seats=2):
    return cs.call_open(
        actor=facilitator,
        space=space,
        college=college,
        title="Volunteers",
        seats=seats,
        deadline=timezone.now() + timedelta(days=5),
        replacement_rule="lottery",
        retention_days=30,
        questions=QUESTIONS,
    )


def build(world):
    facilitator = world.users["facilitator"]
    start = date(2026, 11, 1)
    labs = {}
    for slug in ("calls-open", "calls-drawn"):
        labs[slug] = lab_create(
            actor=facilitator,
            name=slug,
            slug=slug,
            question="?",
            starts_on=start,
            ends_on=start + timedelta(days=40),
        )
    return {
        "open": _call(labs["calls-open"], facilitator),
        "drawn-lab": labs["calls-drawn"],
        "private": _call(world.lab, facilitator),
    }


def _drawn(world, objects):
    """The drawn call, made only for the rows that use it (the lottery costs a little)."""
    if "drawn" not in objects:
        facilitator = world.users["facilitator"]
        drawn = _call(objects["drawn-lab"], facilitator)
        for i, gender in enumerate(["woman", "man", "woman", "man"]):
            cs.call_apply(
                call=drawn, contact=f"v{i}@example.org", answers={"gender": gender}, consent=True
            )
        cs.call_close(actor=facilitator, call=drawn)
        lab_phase_set(actor=facilitator, lab=objects["drawn-lab"], phase="selection")
        lottery = start_lottery(drawn, facilitator)  # the task runs on commit
        lottery = cs.lottery_compute(lottery_id=lottery.pk)  # ...so it is run here
        record_value(lottery, facilitator, "42")
        lottery = cs.lottery_draw(actor=facilitator, lottery=lottery)
        objects["drawn"] = drawn
        objects["member"] = CallVolunteer.objects.get(call=drawn, pseudonym=lottery.panel[0])
    return objects["drawn"]


def url_for(name, case, world):
    objects = world.extra["calls"]
    if case in ("agora", "private-lab"):
        slug = world.agora.slug if case == "agora" else world.lab.slug
        return reverse(name, kwargs={"slug": slug})
    call = _drawn(world, objects) if case == "drawn" else objects[case]
    if name in ("calls:volunteer-dropout", "calls:volunteer-exclude", "calls:volunteer-reinstate"):
        return reverse(name, kwargs={"pk": call.pk, "volunteer_id": objects["member"].pk})
    return reverse(name, kwargs={"pk": call.pk})
