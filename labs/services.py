from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.exceptions import DomainError
from core.models import SpaceKind, Visibility
from core.services import audit_record, space_quorum_set, space_start, space_unique_slug
from labs.models import Lab, Phase
from labs.services_life import lab_phase_set


def _check_dates(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise DomainError(_("A lab cannot end before it starts."))


@transaction.atomic
def lab_create(
    *,
    actor: User,
    name: str,
    question: str,
    starts_on: date,
    ends_on: date,
    description: str = "",
    visibility: str = Visibility.PUBLIC,
    slug: str | None = None,
) -> Lab:
    """Open a lab on one question, with its three colleges of 10 seats."""
    _check_dates(starts_on, ends_on)
    lab = Lab.objects.create(
        kind=SpaceKind.LAB,
        name=name,
        slug=slug or space_unique_slug(name=name, fallback="lab"),
        question=question,
        starts_on=starts_on,
        ends_on=ends_on,
        description=description,
        visibility=visibility,
        phase=Phase.CALL,
        creator=actor,
    )
    space_start(actor=actor, space=lab)
    return lab


@transaction.atomic
def lab_update(
    *,
    actor: User,
    lab: Lab,
    name: str,
    question: str,
    starts_on: date,
    ends_on: date,
    phase: str,
    description: str = "",
    visibility: str = Visibility.PUBLIC,
    quorum_fraction: Decimal | None = None,
    quorum_min_per_college: int | None = None,
) -> Lab:
    _check_dates(starts_on, ends_on)
    if phase not in Phase.values:
        raise DomainError(_("Unknown phase."))
    previous_phase = lab.phase
    if Phase.values.index(phase) < Phase.values.index(previous_phase):
        raise DomainError(
            _("To go back to an earlier phase, use the page of the phases and say why.")
        )
    lab.name, lab.question, lab.description = name, question, description
    lab.starts_on, lab.ends_on, lab.visibility = starts_on, ends_on, visibility
    lab.save()
    audit_record(actor=actor, action="lab.update", target=lab, space=lab)
    if quorum_fraction is not None:
        space_quorum_set(
            actor=actor,
            space=lab,
            fraction=quorum_fraction,
            min_per_college=quorum_min_per_college or 0,
        )
    if phase != previous_phase:
        # One way to change a phase (rules on going back, dates, history): the lab's life.

        lab_phase_set(actor=actor, lab=lab, phase=phase)
    return lab
