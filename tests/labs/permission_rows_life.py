"""Permission rows of the lab's life (phases, experiment log, evaluation).

Cases: "private-lab" is the world's members-only lab (phase: call) where `other` holds a
newcomer seat; "life-public" a public lab in its experiment phase, with one log entry;
"life-eval" a public lab in its evaluation phase, with an evaluation draft. `other` holds
a seat in both public labs; `newcomer` (an Agora member) is an outsider to them.
Columns: anon, newcomer, other, partner, official, facilitator.
"""

from datetime import date

from django.urls import reverse

from core.services import membership_start
from labs.models import Lab
from labs.services import evaluation_save, lab_create, log_entry_create
from tests.conftest import first_free_seat

ROLES = ["anon", "newcomer", "other", "partner", "official", "facilitator"]


def s(*codes):
    return dict(zip(ROLES, codes, strict=True))


EVERYONE = s(200, 200, 200, 200, 200, 200)
PRIVATE_MEMBERS = s(404, 404, 200, 404, 404, 200)
LAB_MEMBERS = s(302, 403, 200, 403, 403, 200)
NOBODY = s(302, 403, 403, 403, 403, 403)  # the wrong phase: not even the facilitator
FACIL = s(302, 403, 403, 403, 403, 200)
FACIL_POST = s(302, 403, 403, 403, 403, 302)
MEMBERS_POST = s(302, 403, 302, 403, 403, 302)

EXPECTED = {
    "labs:lab-phase": [
        ("get", "life-public", FACIL),
        ("get", "private-lab", s(404, 404, 403, 404, 404, 200)),
        ("post", "life-public", FACIL_POST),
    ],
    "labs:log": [("get", "life-public", EVERYONE), ("get", "private-lab", PRIVATE_MEMBERS)],
    "labs:log-entry-create": [
        ("get", "life-public", LAB_MEMBERS),
        ("post", "life-public", MEMBERS_POST),
        ("get", "life-eval", NOBODY),
        ("get", "private-lab", s(404, 404, 403, 404, 404, 403)),
    ],
    "labs:log-entry-edit": [("get", "life-public", LAB_MEMBERS)],
    "labs:log-entry-history": [("get", "life-public", LAB_MEMBERS)],
    "labs:evaluation": [("get", "life-eval", EVERYONE), ("get", "private-lab", PRIVATE_MEMBERS)],
    "labs:evaluation-edit": [
        ("get", "life-eval", LAB_MEMBERS),
        ("post", "life-eval", MEMBERS_POST),
        ("get", "private-lab", s(404, 404, 403, 404, 404, 403)),
    ],
    "labs:evaluation-publish": [
        ("post", "life-eval", FACIL_POST),
        ("post", "life-public", s(302, 403, 403, 403, 403, 403)),
    ],
}

DATA = {
    "labs:lab-phase": {"form": "phase", "phase": "evaluation"},
    "labs:log-entry-create": {
        "happened_on": "2026-11-10",
        "hypothesis": "H",
        "tried": "T",
        "by_kind": "college",
        "by_college": "partners",
    },
    "labs:evaluation-edit": {"worked": "W", "decision": "adapt", "revision": "1"},
}


def _lab(world, slug: str, phase: str) -> Lab:
    facilitator = world.users["facilitator"]
    lab = lab_create(
        actor=facilitator,
        name=slug,
        slug=slug,
        question="?",
        starts_on=date(2026, 11, 1),
        ends_on=date(2026, 12, 15),
    )
    membership_start(
        actor=facilitator, seat=first_free_seat(lab, "newcomers"), user=world.users["other"]
    )
    Lab.objects.filter(pk=lab.pk).update(phase=phase)
    lab.refresh_from_db()
    return lab


def build(world) -> dict:
    facilitator = world.users["facilitator"]
    public = _lab(world, "life-public", "experiment")
    entry = log_entry_create(
        actor=facilitator,
        lab=public,
        happened_on=date(2026, 11, 5),
        hypothesis="H",
        tried="T",
        by_college="partners",
    )
    evaluating = _lab(world, "life-eval", "evaluation")
    evaluation_save(
        actor=facilitator, lab=evaluating, base_revision=0, worked="W", decision="adapt"
    )
    return {"life-public": public, "life-eval": evaluating, "entry": entry}


def url_for(name: str, case: str, world) -> str:
    mine = world.extra["labs_life"]
    if name in ("labs:log-entry-edit", "labs:log-entry-history"):
        return reverse(name, kwargs={"pk": mine["entry"].pk})
    lab = world.lab if case == "private-lab" else mine[case]
    return reverse(name, kwargs={"slug": lab.slug})
