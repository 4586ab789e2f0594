"""Demo of a lab: the selection (a closed call for the newcomers' college, 40 volunteers,
quotas, the LEXIMIN lottery computed and published, then drawn with a fixed public random
value), then its life (planned phase dates, the lab in its experiment, a few log entries and
an evaluation draft begun while the experiment runs). Built through the services, as in
production. Idempotent: a lab that already has a call, or is past its call phase, keeps its
selection; a lab that already has a log keeps its life."""

import random
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from calls import services as cs
from calls.models import Call, CallAnswer
from core.models import College, Membership, MembershipRole
from labs.models import PHASE_ORDER, Evaluation, Lab, Phase
from labs.services import (
    evaluation_save,
    lab_phase_dates_set,
    lab_phase_set,
    log_entry_create,
)

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


def seed_life(lab: Lab, facilitator: User) -> None:
    if lab.log_entries.exists():
        return
    start = lab.starts_on
    lab_phase_dates_set(
        actor=facilitator,
        lab=lab,
        planned={
            Phase.CALL: start - timedelta(days=21),
            Phase.SELECTION: start - timedelta(days=7),
            Phase.SESSIONS: start,
            Phase.EXPERIMENT: start + timedelta(days=14),
            Phase.EVALUATION: start + timedelta(days=35),
            Phase.RECOMMENDATIONS: max(lab.ends_on, start + timedelta(days=35)),
        },
    )
    if PHASE_ORDER.index(lab.phase) < PHASE_ORDER.index(Phase.EXPERIMENT):
        lab_phase_set(actor=facilitator, lab=lab, phase=Phase.EXPERIMENT)
    elif lab.phase != Phase.EXPERIMENT:
        lab_phase_set(
            actor=facilitator,
            lab=lab,
            phase=Phase.EXPERIMENT,
            reason="Démonstration : retour à l'expérimentation.",
        )
    lab.refresh_from_db()
    today = timezone.localdate()
    partner = (
        Membership.objects.filter(
            space_id=lab.pk,
            ended_at__isnull=True,
            role=MembershipRole.MEMBER,
            seat__college=College.PARTNERS,
        )
        .select_related("user")
        .order_by("seat__number")
        .first()
    )
    entries = [
        {
            "happened_on": today - timedelta(days=6),
            "hypothesis": "Une attestation de domicile de la mairie suffit pour ouvrir un compte.",
            "tried": "Trois personnes sont allées à l'agence avec l'attestation du CCAS.",
            "observed": "Deux comptes ouverts le jour même ; un refus faute de titre de séjour.",
            "by_organisation": "CCAS de Grenoble",
        },
        {
            "happened_on": today - timedelta(days=3),
            "hypothesis": "Un rendez-vous accompagné par un pair réduit les refus.",
            "tried": "Des membres du collège des personnes accueillies ont accompagné "
            "quatre rendez-vous.",
            "observed": "Quatre comptes ouverts ; les conseillers ont posé moins de questions.",
            "by_college": College.NEWCOMERS,
        },
    ]
    if partner is not None:
        entries.append(
            {
                "happened_on": today - timedelta(days=1),
                "hypothesis": "Une fiche bilingue des pièces à fournir évite un second passage.",
                "tried": "Une fiche en arabe, dari et français a été remise avant le rendez-vous.",
                "observed": "",
                "by_user": partner.user,
            }
        )
    for entry in entries:
        log_entry_create(actor=facilitator, lab=lab, **entry)
    if not Evaluation.objects.filter(lab=lab).exists():
        evaluation_save(
            actor=facilitator,
            lab=lab,
            base_revision=0,
            worked="L'attestation du CCAS et l'accompagnement par un pair.",
            did_not_work="Les banques en ligne demandent un titre de séjour.",
            indicators=[
                {"label": "Comptes ouverts", "value": "6 sur 7"},
                {"label": "Délai moyen", "value": "9 jours"},
            ],
        )
