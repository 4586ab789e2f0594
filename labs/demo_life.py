"""Demo of the lab's life: planned phase dates, the lab in its experiment, a few log
entries and an evaluation draft begun while the experiment runs. Idempotent: a lab that
already has a log is left as it is. Built through the services, as in production."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from core.models import College, Membership, MembershipRole
from labs.models import PHASE_ORDER, Evaluation, Lab, Phase
from labs.services_life import (
    evaluation_save,
    lab_phase_dates_set,
    lab_phase_set,
    log_entry_create,
)


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
