"""Writes of a lab: creating and editing it (a space with three colleges of 10 seats), then
its life: phases and their dates, the experiment log, the evaluation. (Calls for volunteers
and the lottery are in the calls app.) Conventions: keyword-only, acting user first, one
transaction, an audit row, a DomainError with a clear message when a rule refuses. The phase
rules are checked here as well as in `labs.rules`, so a script or a task cannot write outside
its phase either.

Phase changes (decided for this platform):
- only a facilitator of the lab (or a superuser) changes the phase;
- forward moves may skip phases (a lab without a lottery goes from call to sessions);
- going back is allowed, for a mistake or a failed experiment, but needs a reason, kept
  in `LabPhaseChange` and shown to members. Later phases lose their "started on" date.

Gated actions: log entries are written and edited in the experiment phase; during the
evaluation only "what was observed" may still be completed (results that came late); the
evaluation draft is begun during the experiment and finished in the evaluation phase,
where only the facilitator publishes it; once published it no longer changes. In a lab,
proposals (its recommendations) are written in the recommendations phase (proposals.rules).
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.exceptions import DomainError
from core.models import LAB_COLLEGES, Membership, MembershipRole, SpaceKind, Visibility
from core.services import audit_record, space_quorum_set, space_start, space_unique_slug
from labs.models import (
    PHASE_ORDER,
    Evaluation,
    EvaluationDecision,
    EvaluationRevision,
    ExperimentLogEntry,
    ExperimentLogRevision,
    Lab,
    LabPhaseChange,
    LabPhaseDate,
    Phase,
)


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


def _role_in(lab: Lab, user: User) -> str | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(space_id=lab.pk, user=user, ended_at__isnull=True)
        .values_list("role", flat=True)
        .first()
    )


def _require_facilitator(lab: Lab, actor: User) -> None:
    if not (actor.is_superuser or _role_in(lab, actor) == MembershipRole.FACILITATOR):
        raise DomainError(_("Only a facilitator of this lab can do this."))


def _require_member(lab: Lab, actor: User) -> None:
    if not (actor.is_superuser or _role_in(lab, actor) is not None):
        raise DomainError(_("Only members of this lab can do this."))


def _require_phase(lab: Lab, phase: str, message) -> None:
    if lab.phase != phase:
        raise DomainError(message)


def _locked_lab(lab: Lab) -> Lab:
    return Lab.objects.select_for_update().get(pk=lab.pk)


# Phases -------------------------------------------------------------------------------
@transaction.atomic
def lab_phase_set(*, actor: User, lab: Lab, phase: str, reason: str = "") -> LabPhaseChange:
    """Move the lab to `phase`: forward freely, back only with a reason."""
    if phase not in Phase.values:
        raise DomainError(_("Unknown phase."))
    _require_facilitator(lab, actor)
    fresh = _locked_lab(lab)
    previous = fresh.phase
    if phase == previous:
        raise DomainError(_("The lab is already in this phase."))
    reason = reason.strip()
    backwards = PHASE_ORDER.index(phase) < PHASE_ORDER.index(previous)
    if backwards and not reason:
        raise DomainError(_("Say why the lab goes back to an earlier phase."))
    today = timezone.localdate()
    fresh.phase = phase
    fresh.save(update_fields=["phase"])
    lab.phase = phase
    row, _created = LabPhaseDate.objects.get_or_create(lab=fresh, phase=phase)
    row.started_on = today
    row.save(update_fields=["started_on"])
    later = PHASE_ORDER[PHASE_ORDER.index(phase) + 1 :]
    LabPhaseDate.objects.filter(lab=fresh, phase__in=later).update(started_on=None)
    change = LabPhaseChange.objects.create(
        lab=fresh, from_phase=previous, to_phase=phase, reason=reason, actor=actor
    )
    audit_record(
        actor=actor,
        action="lab.phase_change",
        target=fresh,
        space=fresh,
        previous=previous,
        phase=phase,
    )
    return change


def lab_phase_advance(*, actor: User, lab: Lab) -> LabPhaseChange:
    """Move the lab to the phase after its current one."""
    position = PHASE_ORDER.index(lab.phase)
    if position + 1 >= len(PHASE_ORDER):
        raise DomainError(_("The lab is already in its last phase."))
    return lab_phase_set(actor=actor, lab=lab, phase=PHASE_ORDER[position + 1])


@transaction.atomic
def lab_phase_dates_set(*, actor: User, lab: Lab, planned: dict[str, date | None]) -> None:
    """Plan when each phase starts. Dates, where given, follow the order of the phases."""
    _require_facilitator(lab, actor)
    unknown = set(planned) - set(PHASE_ORDER)
    if unknown:
        raise DomainError(_("Unknown phase."))
    previous_label, previous_date = None, None
    for phase in PHASE_ORDER:
        day = planned.get(phase)
        if day is None:
            continue
        if previous_date is not None and day < previous_date:
            raise DomainError(
                _("“%(phase)s” cannot start before “%(previous)s”.")
                % {"phase": Phase(phase).label, "previous": previous_label}
            )
        previous_label, previous_date = Phase(phase).label, day
    fresh = _locked_lab(lab)
    for phase, day in planned.items():
        LabPhaseDate.objects.update_or_create(lab=fresh, phase=phase, defaults={"planned_on": day})
    audit_record(actor=actor, action="lab.phase_dates", target=fresh, space=fresh)


# Experiment log -----------------------------------------------------------------------
def _check_author(lab: Lab, *, by_user: User | None, by_organisation: str, by_college: str) -> None:
    given = sum(bool(x) for x in (by_user, by_organisation.strip(), by_college))
    if given == 0:
        raise DomainError(_("Say who did it: a member, an organisation or a college."))
    if given > 1:
        raise DomainError(_("Choose only one: a member, an organisation or a college."))
    if by_college and by_college not in LAB_COLLEGES:
        raise DomainError(_("Unknown college."))
    if by_user is not None and _role_in(lab, by_user) is None:
        raise DomainError(_("This person is not a member of the lab."))


def _check_entry_text(*, hypothesis: str, tried: str, happened_on: date) -> None:
    if not hypothesis.strip() or not tried.strip():
        raise DomainError(_("Write the hypothesis and what was tried."))
    if happened_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."))


def _snapshot(entry: ExperimentLogEntry, editor: User) -> ExperimentLogRevision:
    return ExperimentLogRevision.objects.create(
        entry=entry,
        number=entry.revision,
        happened_on=entry.happened_on,
        hypothesis=entry.hypothesis,
        tried=entry.tried,
        observed=entry.observed,
        by_user=entry.by_user,
        by_organisation=entry.by_organisation,
        by_college=entry.by_college,
        editor=editor,
    )


@transaction.atomic
def log_entry_create(
    *,
    actor: User,
    lab: Lab,
    happened_on: date,
    hypothesis: str,
    tried: str,
    observed: str = "",
    by_user: User | None = None,
    by_organisation: str = "",
    by_college: str = "",
) -> ExperimentLogEntry:
    """Add what was tried to the experiment log (members, during the experiment)."""
    _require_member(lab, actor)
    fresh = _locked_lab(lab)
    _require_phase(
        fresh, Phase.EXPERIMENT, _("The experiment log is written during the experiment phase.")
    )
    _check_entry_text(hypothesis=hypothesis, tried=tried, happened_on=happened_on)
    _check_author(fresh, by_user=by_user, by_organisation=by_organisation, by_college=by_college)
    entry = ExperimentLogEntry.objects.create(
        lab=fresh,
        happened_on=happened_on,
        hypothesis=hypothesis.strip(),
        tried=tried.strip(),
        observed=observed.strip(),
        by_user=by_user,
        by_organisation=by_organisation.strip(),
        by_college=by_college,
        creator=actor,
    )
    _snapshot(entry, actor)
    audit_record(actor=actor, action="lab.log_entry_create", target=entry, space=fresh)
    return entry


@transaction.atomic
def log_entry_edit(
    *,
    actor: User,
    entry: ExperimentLogEntry,
    base_revision: int,
    happened_on: date,
    hypothesis: str,
    tried: str,
    observed: str = "",
    by_user: User | None = None,
    by_organisation: str = "",
    by_college: str = "",
) -> ExperimentLogEntry:
    """Change an entry. Refused if someone saved it since `base_revision` was read."""
    fresh = ExperimentLogEntry.objects.select_for_update().select_related("lab").get(pk=entry.pk)
    lab = fresh.lab
    _require_member(lab, actor)
    if lab.phase not in (Phase.EXPERIMENT, Phase.EVALUATION):
        raise DomainError(
            _("Log entries can be changed only during the experiment and the evaluation.")
        )
    if fresh.revision != base_revision:
        raise DomainError(
            _(
                "Someone else changed this entry since you opened it. Your text is kept "
                "below: compare it with the current version, then save again."
            )
        )
    _check_entry_text(hypothesis=hypothesis, tried=tried, happened_on=happened_on)
    _check_author(lab, by_user=by_user, by_organisation=by_organisation, by_college=by_college)
    new = {
        "happened_on": happened_on,
        "hypothesis": hypothesis.strip(),
        "tried": tried.strip(),
        "observed": observed.strip(),
        "by_user_id": by_user.pk if by_user else None,
        "by_organisation": by_organisation.strip(),
        "by_college": by_college,
    }
    if lab.phase == Phase.EVALUATION and any(
        getattr(fresh, k) != v for k, v in new.items() if k != "observed"
    ):
        raise DomainError(
            _("During the evaluation, only what was observed can be added to an entry.")
        )
    if all(getattr(fresh, k) == v for k, v in new.items()):
        return fresh
    for k, v in new.items():
        setattr(fresh, k, v)
    fresh.revision += 1
    fresh.updated_at = timezone.now()
    fresh.save()
    _snapshot(fresh, actor)
    audit_record(
        actor=actor, action="lab.log_entry_edit", target=fresh, space=lab, revision=fresh.revision
    )
    return fresh


# Evaluation ---------------------------------------------------------------------------
def _evaluation_content(evaluation: Evaluation) -> dict:
    return {
        "worked": evaluation.worked,
        "did_not_work": evaluation.did_not_work,
        "indicators": evaluation.indicators,
        "decision": evaluation.decision,
        "decision_reason": evaluation.decision_reason,
    }


def _clean_indicators(indicators: list[dict]) -> list[dict]:
    cleaned = []
    for item in indicators:
        label, value = str(item.get("label", "")).strip(), str(item.get("value", "")).strip()
        if not label or not value:
            raise DomainError(_("Each indicator needs a name and a figure."))
        cleaned.append({"label": label[:200], "value": value[:100]})
    return cleaned


@transaction.atomic
def evaluation_save(
    *,
    actor: User,
    lab: Lab,
    base_revision: int,
    worked: str = "",
    did_not_work: str = "",
    indicators: list[dict] | None = None,
    decision: str = "",
    decision_reason: str = "",
) -> Evaluation:
    """Save the evaluation draft (members, during the experiment or the evaluation)."""
    _require_member(lab, actor)
    fresh = _locked_lab(lab)
    if fresh.phase not in (Phase.EXPERIMENT, Phase.EVALUATION):
        raise DomainError(
            _("The evaluation is written during the experiment and the evaluation phases.")
        )
    if decision and decision not in EvaluationDecision.values:
        raise DomainError(_("Unknown decision."))
    evaluation, _created = Evaluation.objects.select_for_update().get_or_create(lab=fresh)
    if evaluation.is_published:
        raise DomainError(_("The evaluation is published and can no longer change."))
    if evaluation.revision != base_revision:
        raise DomainError(
            _(
                "Someone else saved the evaluation since you opened it. Your text is kept "
                "below: compare it with the current version, then save again."
            )
        )
    evaluation.worked = worked.strip()
    evaluation.did_not_work = did_not_work.strip()
    evaluation.indicators = _clean_indicators(indicators or [])
    evaluation.decision = decision
    evaluation.decision_reason = decision_reason.strip()
    evaluation.revision += 1
    evaluation.updated_at = timezone.now()
    evaluation.save()
    EvaluationRevision.objects.create(
        evaluation=evaluation,
        number=evaluation.revision,
        content=_evaluation_content(evaluation),
        editor=actor,
    )
    audit_record(
        actor=actor,
        action="lab.evaluation_save",
        target=evaluation,
        space=fresh,
        revision=evaluation.revision,
    )
    return evaluation


@transaction.atomic
def evaluation_publish(*, actor: User, lab: Lab) -> Evaluation:
    """Publish the evaluation on the lab's public page (facilitator, evaluation phase)."""
    _require_facilitator(lab, actor)
    fresh = _locked_lab(lab)
    _require_phase(
        fresh, Phase.EVALUATION, _("The evaluation is published during the evaluation phase.")
    )
    evaluation = Evaluation.objects.select_for_update().filter(lab=fresh).first()
    if evaluation is None or not (evaluation.worked or evaluation.did_not_work):
        raise DomainError(_("Write what worked or what did not before publishing."))
    if evaluation.is_published:
        raise DomainError(_("The evaluation is already published."))
    if not evaluation.decision:
        raise DomainError(_("Choose a decision (generalise, adapt or stop) before publishing."))
    evaluation.published_at = timezone.now()
    evaluation.published_by = actor
    evaluation.save(update_fields=["published_at", "published_by"])
    audit_record(
        actor=actor,
        action="lab.evaluation_publish",
        target=evaluation,
        space=fresh,
        decision=evaluation.decision,
    )
    return evaluation
