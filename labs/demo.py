"""Demo of the selection: a closed call for the newcomers' college of a lab, 40 volunteers,
quotas, the LEXIMIN lottery computed and published, then drawn with a fixed public random
value. Built through the services, as in production. Idempotent: a lab that already has a
call, or is past its call phase, is left as it is."""

import random
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from calls import services as cs
from calls.models import Call, CallAnswer
from core.models import College
from labs.models import Lab, Phase
from labs.services_life import lab_phase_set

DEMO_RANDOM_SOURCE = (
    "Five numbers from 1 to 49 drawn in public at the session of 3 November, "
    "written with dashes, as announced with the call"
)
DEMO_RANDOM_VALUE = "7-19-23-31-42"

QUESTIONS = [
    ("Genre", ["femme", "homme", "autre réponse"], [0.45, 0.52, 0.03]),
    (
        "Langue",
        ["arabe", "dari ou pachto", "tigrinya", "ukrainien", "autre"],
        [0.35, 0.25, 0.15, 0.15, 0.1],
    ),  # noqa: E501
    ("Quartier", ["nord", "sud", "centre", "hors de la ville"], [0.3, 0.3, 0.25, 0.15]),
    ("Arrivée", ["moins d'un an", "1 à 3 ans", "plus de 3 ans"], [0.3, 0.45, 0.25]),
    ("Âge", ["18-29", "30-44", "45 et plus"], [0.4, 0.4, 0.2]),
]
QUOTAS = {
    ("Genre", "femme"): (4, 6),
    ("Genre", "homme"): (4, 6),
    ("Langue", "arabe"): (2, 4),
    ("Langue", "dari ou pachto"): (1, 3),
    ("Langue", "tigrinya"): (1, 3),
    ("Langue", "ukrainien"): (1, 3),
    ("Quartier", "hors de la ville"): (1, 3),
    ("Arrivée", "moins d'un an"): (2, 5),
    ("Âge", "45 et plus"): (1, 4),
}


def seed_call(lab: Lab, facilitator: User) -> Call | None:
    lab = Lab.objects.get(pk=lab.pk)
    if Call.objects.filter(space_id=lab.pk).exists() or lab.phase != Phase.CALL:
        return None
    rng = random.Random(2026)  # noqa: S311 - reproducible demo answers
    call = cs.call_open(
        actor=facilitator,
        space=lab,
        college=College.NEWCOMERS,
        title="Représentants des personnes nouvellement arrivées",
        description="Trois séances de travail en six semaines, avec interprétation.",
        seats=10,
        deadline=timezone.now() + timedelta(hours=1),
        replacement_rule="lottery",
        retention_days=90,
        questions=[(label, values) for label, values, _w in QUESTIONS],
    )
    keys = {q.label: q.key for q in call.questions.all()}
    for i in range(40):
        answers = {
            keys[label]: rng.choices(values, weights)[0] for label, values, weights in QUESTIONS
        }
        cs.call_apply(
            call=call,
            contact=f"+33 6 00 00 {i // 10:02d} {i % 10:02d}",
            answers=answers,
            consent=True,
        )
    bounds = {
        a.pk: QUOTAS[a.question.label, a.label]
        for a in CallAnswer.objects.filter(question__call=call).select_related("question")
        if (a.question.label, a.label) in QUOTAS
    }
    cs.quotas_set(actor=facilitator, call=call, bounds=bounds)
    cs.call_close(actor=facilitator, call=call)

    lab_phase_set(actor=facilitator, lab=lab, phase=Phase.SELECTION)
    declared_at = timezone.now()
    lottery = cs.lottery_start(
        actor=facilitator,
        call=call,
        random_source=DEMO_RANDOM_SOURCE,
        random_known_after=declared_at + timedelta(minutes=10),
        now=declared_at,
    )
    # The demo computes now rather than waiting for a worker; the task queued on commit
    # then finds the lottery published and leaves it alone. It then records the value as
    # if the public draw had taken place (a demo cannot wait for it).
    lottery = cs.lottery_compute(lottery_id=lottery.pk)
    cs.lottery_record_random(
        actor=facilitator,
        lottery=lottery,
        value=DEMO_RANDOM_VALUE,
        now=declared_at + timedelta(minutes=11),
    )
    cs.lottery_draw(actor=facilitator, lottery=lottery)
    return call
