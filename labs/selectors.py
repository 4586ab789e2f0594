"""Reads of a lab: its phases, then its life: the dated timeline, the public panel, the log,
the evaluation, the outcomes. Each runs a fixed number of queries whatever the size of the
panel or log.

Privacy: the public panel never names a newcomer who did not choose so
(`User.show_name_publicly`): a seat of the newcomers' college reads "Newcomer
representative 3" (the seat number), and anyone else who is a newcomer reads "A newcomer
representative" (`User.public_name`). Members of the lab may see names (`names=True`).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.models import LAB_COLLEGES, College, Membership, MembershipRole
from labs.models import (
    Evaluation,
    EvaluationRevision,
    ExperimentLogEntry,
    ExperimentLogRevision,
    Lab,
    LabPhaseChange,
    LabPhaseDate,
    Phase,
)
from meetings.selectors import meeting_list_for_space
from proposals.models import Proposal, ProposalStatus


def lab_phase_timeline(*, lab: Lab) -> list[dict]:
    """The lab's phases in order, each marked done, current or to come."""
    order = list(Phase)
    current = order.index(Phase(lab.phase))
    return [
        {
            "value": p.value,
            "label": p.label,
            "state": "done" if i < current else "current" if i == current else "todo",
        }
        for i, p in enumerate(order)
    ]


def lab_phase_timeline_dated(*, lab: Lab) -> list[dict]:
    """`lab_phase_timeline` with each phase's planned and actual start (one query)."""
    dates = {d.phase: d for d in LabPhaseDate.objects.filter(lab=lab)}
    timeline = lab_phase_timeline(lab=lab)
    for step in timeline:
        row = dates.get(step["value"])
        step["planned_on"] = row.planned_on if row else None
        step["started_on"] = row.started_on if row else None
    return timeline


def lab_phase_planned(*, lab: Lab) -> dict[str, date | None]:
    return dict(LabPhaseDate.objects.filter(lab=lab).values_list("phase", "planned_on"))


def lab_phase_changes(*, lab: Lab) -> QuerySet[LabPhaseChange]:
    return LabPhaseChange.objects.filter(lab=lab).select_related("actor")


def _public_name(membership: Membership) -> str:
    user = membership.user
    if user.show_name_publicly:
        return str(user)
    if membership.seat.college == College.NEWCOMERS:
        return _("Newcomer representative %(number)s") % {"number": membership.seat.number}
    return user.public_name


@dataclass
class PanelCollege:
    college: str
    label: str
    seats: int
    names: list[str] = field(default_factory=list)


def lab_panel(*, lab: Lab, names: bool = False) -> list[PanelCollege]:
    """The panel by college: seats, and who holds them (pseudonymous for the public).
    Two queries whatever the panel size."""
    colleges = {
        c.value: PanelCollege(college=c.value, label=str(c.label), seats=0) for c in LAB_COLLEGES
    }
    for college in lab.seats.values_list("college", flat=True):
        if college in colleges:
            colleges[college].seats += 1
    memberships = (
        Membership.objects.filter(
            space_id=lab.pk, ended_at__isnull=True, role=MembershipRole.MEMBER
        )
        .select_related("user", "seat")
        .order_by("seat__college", "seat__number")
    )
    for m in memberships:
        if m.seat.college in colleges:
            colleges[m.seat.college].names.append(str(m.user) if names else _public_name(m))
    return list(colleges.values())


def log_author_label(entry, *, names: bool) -> str:
    """Who did it, as the reader may see it."""
    if entry.by_user_id:
        return str(entry.by_user) if names else entry.by_user.public_name
    if entry.by_organisation:
        return entry.by_organisation
    if entry.by_college:
        return str(College(entry.by_college).label)
    return ""


def log_entry_list(*, lab: Lab, names: bool = False, limit: int | None = None) -> list:
    """The experiment log, latest first, each entry with `.by_label` (one query)."""
    qs = ExperimentLogEntry.objects.filter(lab=lab).select_related("by_user")
    entries = list(qs[:limit] if limit else qs)
    for entry in entries:
        entry.by_label = log_author_label(entry, names=names)
    return entries


def log_entry_get(*, pk: int) -> ExperimentLogEntry | None:
    """An entry with its lab (the object of the log permissions)."""
    return ExperimentLogEntry.objects.select_related("lab", "by_user").filter(pk=pk).first()


def log_entry_revisions(*, entry: ExperimentLogEntry, names: bool) -> list:
    revisions = list(
        ExperimentLogRevision.objects.filter(entry=entry).select_related("by_user", "editor")
    )
    for rev in revisions:
        rev.by_label = log_author_label(rev, names=names)
    return revisions


def evaluation_for(*, lab: Lab, include_draft: bool) -> Evaluation | None:
    evaluation = Evaluation.objects.filter(lab=lab).first()
    if evaluation is None or (not include_draft and not evaluation.is_published):
        return None
    return evaluation


def evaluation_revisions(*, evaluation: Evaluation | None) -> list[EvaluationRevision]:
    """Who saved the evaluation, and when, latest first (members only)."""
    if evaluation is None:
        return []
    return list(EvaluationRevision.objects.filter(evaluation=evaluation).select_related("editor"))


def lab_outcomes(*, lab: Lab) -> QuerySet:
    """The lab's adopted proposals: its recommendations that became outcomes."""
    return Proposal.objects.filter(space_id=lab.pk, status=ProposalStatus.ADOPTED).order_by(
        "-updated_at", "-pk"
    )


def lab_sessions(*, lab: Lab) -> dict:
    """The lab's meetings, to come and past (the meetings app's selector)."""
    return {
        "upcoming": list(meeting_list_for_space(space=lab, upcoming=True, limit=10)),
        "past": list(meeting_list_for_space(space=lab, upcoming=False, limit=10)),
    }


def lab_page(*, lab: Lab, user) -> dict:
    """Everything the lab's page shows of its life, for this reader."""
    names = user.has_perm("core.view_space_members", lab)
    evaluation = evaluation_for(
        lab=lab, include_draft=user.has_perm("labs.view_evaluation_draft", lab)
    )
    return {
        "phases": lab_phase_timeline_dated(lab=lab),
        "panel": lab_panel(lab=lab, names=False),
        "sessions": lab_sessions(lab=lab),
        "log_entries": log_entry_list(lab=lab, names=names, limit=5),
        "evaluation": evaluation,
        "outcomes": list(lab_outcomes(lab=lab)[:20]),
        "can_change_phase": user.has_perm("labs.change_phase", lab),
        "can_add_log_entry": user.has_perm("labs.add_log_entry", lab),
        "can_add_proposal": user.has_perm("proposals.add_proposal", lab),
    }
