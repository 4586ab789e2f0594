"""Writes about recommendations: issuing an adopted proposal to an official or a
department, the official's answer, commitments, implementation updates and reminders.

Rules (each service checks its own, views only translate the refusal):
- only a facilitator of the space issues, only an adopted proposal, once;
- only the official addressed (or an official of the department addressed) answers,
  once, with reasons; commitments and updates come after the answer;
- a declined recommendation has nothing to implement; abandoning needs a reason.
Notices to people (answer, reminders) are queued after commit and sent by Celery.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from core.exceptions import DomainError
from core.models import Membership, MembershipRole
from core.notifications import notify
from core.queue import enqueue_on_commit
from core.services import audit_record
from proposals.models import Proposal, ProposalAuthor, ProposalStatus
from recommendations.models import (
    Answer,
    Commitment,
    Department,
    Implementation,
    ImplementationUpdate,
    Recommendation,
    RecommendationNotice,
)
from recommendations.predicates import is_addressee
from votes.models import VoterRollEntry

# Reminder windows before the deadline, in days (the last one wins when both apply).
SOON_DAYS = 14
LAST_DAYS = 3


def default_deadline(today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=settings.RECOMMENDATION_ANSWER_DAYS)


def addressees(recommendation: Recommendation) -> list[User]:
    """Who is written to about the recommendation: never someone whose account is deleted
    (the recommendation still shows who was asked, as "a former member")."""
    if recommendation.addressee_id:
        addressee = recommendation.addressee
        return [] if addressee.deleted_at is not None else [addressee]
    return list(recommendation.department.officials.filter(is_active=True, deleted_at__isnull=True))


@transaction.atomic
def recommendation_issue(
    *,
    actor: User,
    proposal: Proposal,
    addressee: User | None = None,
    department: Department | None = None,
    deadline: date | None = None,
) -> Recommendation:
    proposal = Proposal.objects.select_for_update().select_related("space").get(pk=proposal.pk)
    if not actor.has_perm("recommendations.issue_recommendation", proposal):
        raise DomainError(_("Only a facilitator of this space can send recommendations."))
    if proposal.status != ProposalStatus.ADOPTED:
        raise DomainError(_("Only an adopted proposal can become a recommendation."))
    if Recommendation.objects.filter(proposal=proposal).exists():
        raise DomainError(_("This proposal has already been sent as a recommendation."))
    if (addressee is None) == (department is None):
        raise DomainError(_("Choose either an official or a department, not both."))
    if addressee is not None and (addressee.role != Role.OFFICIAL or not addressee.is_active):
        raise DomainError(_("Recommendations are addressed to officials."))
    if department is not None and not department.officials.exists():
        raise DomainError(_("This department has no official to answer yet."))
    deadline = deadline or default_deadline()
    if deadline <= timezone.localdate():
        raise DomainError(_("The deadline must be in the future."))
    recommendation = Recommendation.objects.create(
        proposal=proposal,
        space=proposal.space,
        theme=proposal.theme,
        title=proposal.title,
        text=proposal.text,
        addressee=addressee,
        department=department,
        issued_by=actor,
        deadline=deadline,
    )
    audit_record(
        actor=actor, action="recommendation.issue", target=recommendation, space=proposal.space
    )
    audit_record(actor=actor, action="proposal.recommend", target=proposal, space=proposal.space)
    rec_id = recommendation.pk
    enqueue_on_commit("recommendations.tasks.notify_recommendation_received", rec_id)
    return recommendation


def _locked(recommendation: Recommendation) -> Recommendation:
    return (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("space", "department", "addressee")
        .get(pk=recommendation.pk)
    )


def _check_addressee(actor: User, recommendation: Recommendation) -> None:
    if not is_addressee(actor, recommendation):
        raise DomainError(_("Only the official addressed can answer this recommendation."))


@transaction.atomic
def recommendation_answer(
    *, actor: User, recommendation: Recommendation, answer: str, reasons: str
) -> Recommendation:
    recommendation = _locked(recommendation)
    _check_addressee(actor, recommendation)
    if recommendation.answered_at:
        raise DomainError(
            _("This recommendation has already been answered; report progress as updates.")
        )
    if answer not in Answer.values:
        raise DomainError(_("Choose accepted, partly accepted or declined."))
    if not reasons.strip():
        raise DomainError(_("Give the reasons for your answer: they are published with it."))
    recommendation.answer = answer
    recommendation.reasons = reasons.strip()
    recommendation.answered_by = actor
    recommendation.answered_at = timezone.now()
    if answer != Answer.DECLINED:
        recommendation.implementation = Implementation.PLANNED
    recommendation.save(
        update_fields=["answer", "reasons", "answered_by", "answered_at", "implementation"]
    )
    audit_record(
        actor=actor,
        action="recommendation.answer",
        target=recommendation,
        space=recommendation.space,
        answer=answer,
    )
    rec_id = recommendation.pk
    enqueue_on_commit("recommendations.tasks.notify_recommendation_answered", rec_id)
    return recommendation


def _check_implementable(recommendation: Recommendation) -> None:
    if not recommendation.answered_at:
        raise DomainError(_("Answer the recommendation first."))
    if recommendation.answer == Answer.DECLINED:
        raise DomainError(_("A declined recommendation has nothing to implement."))


@transaction.atomic
def commitment_add(
    *, actor: User, recommendation: Recommendation, text: str, owner: str, due_on: date
) -> Commitment:
    recommendation = _locked(recommendation)
    _check_addressee(actor, recommendation)
    _check_implementable(recommendation)
    if not text.strip() or not owner.strip():
        raise DomainError(_("A commitment says what will be done and who is responsible."))
    if due_on < timezone.localdate(recommendation.answered_at):
        raise DomainError(_("The due date cannot be before the answer."))
    commitment = Commitment.objects.create(
        recommendation=recommendation, text=text.strip(), owner=owner.strip(), due_on=due_on
    )
    audit_record(
        actor=actor,
        action="recommendation.commit",
        target=recommendation,
        space=recommendation.space,
    )
    return commitment


@transaction.atomic
def implementation_update_add(
    *,
    actor: User,
    recommendation: Recommendation,
    status: str,
    note: str = "",
    commitment: Commitment | None = None,
) -> ImplementationUpdate:
    """A dated progress report; it moves the commitment's status (or, without a
    commitment, the recommendation's). Nothing is overwritten: updates are a history."""
    recommendation = _locked(recommendation)
    _check_addressee(actor, recommendation)
    _check_implementable(recommendation)
    if status not in Implementation.values:
        raise DomainError(_("Choose planned, in progress, done or abandoned."))
    if status == Implementation.ABANDONED and not note.strip():
        raise DomainError(_("Say why it was abandoned: the reason is published."))
    if commitment is not None and commitment.recommendation_id != recommendation.pk:
        raise DomainError(_("This commitment belongs to another recommendation."))
    update = ImplementationUpdate.objects.create(
        recommendation=recommendation,
        commitment=commitment,
        status=status,
        note=note.strip(),
        author=actor,
    )
    if commitment is not None:
        Commitment.objects.filter(pk=commitment.pk).update(status=status)
    else:
        recommendation.implementation = status
        recommendation.save(update_fields=["implementation"])
    audit_record(
        actor=actor,
        action="recommendation.update",
        target=recommendation,
        space=recommendation.space,
        status=status,
    )
    return update


# --- Notices ---------------------------------------------------------------------------


def _url(recommendation: Recommendation) -> str:
    return reverse("recommendations:recommendation-detail", args=[recommendation.pk])


def _notify_once(recommendation: Recommendation, user: User, kind: str, template: str) -> bool:
    """Claim (recommendation, person, kind) and send, in one transaction: a second run
    hits the unique constraint and skips; a crash before commit leaves no claim."""
    try:
        with transaction.atomic():
            RecommendationNotice.objects.create(recommendation=recommendation, user=user, kind=kind)
            notify(
                user=user,
                template=template,
                context={"recommendation": recommendation, "kind": kind},
                url=_url(recommendation),
            )
    except IntegrityError:
        return False
    return True


def notify_received(*, recommendation: Recommendation) -> int:
    return sum(
        _notify_once(recommendation, u, "received", "recommendations/email/recommendation_received")
        for u in addressees(recommendation)
    )


def answer_recipients(recommendation: Recommendation) -> list[User]:
    """Who wrote the proposal or took part in its votes. Secret ballots do not say who
    voted for, so everyone who voted is told (the roll's register, not the ballots)."""
    authors = ProposalAuthor.objects.filter(
        proposal_id=recommendation.proposal_id, accepted_at__isnull=False
    ).values("user")
    voters = VoterRollEntry.objects.filter(
        vote__proposal_id=recommendation.proposal_id, voted_at__isnull=False
    ).values("user")
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(pk__in=authors) | Q(pk__in=voters))
        .order_by("pk")
    )


def notify_answered(*, recommendation: Recommendation) -> int:
    return sum(
        _notify_once(recommendation, u, "answered", "recommendations/email/recommendation_answered")
        for u in answer_recipients(recommendation)
    )


def reminders_send(*, today: date | None = None) -> int:
    """Before the deadline, remind the officials addressed (two weeks, then three days
    before); once it has passed, tell them and the space's facilitators. Each notice is
    sent once per person, however often this runs."""
    today = today or timezone.localdate()
    sent = 0
    pending = Recommendation.objects.filter(
        answered_at__isnull=True, deadline__lte=today + timedelta(days=SOON_DAYS)
    ).select_related("space", "department", "addressee")
    for recommendation in pending:
        left = (recommendation.deadline - today).days
        if left < 0:
            kind = RecommendationNotice.Kind.OVERDUE
            facilitators = [
                m.user
                for m in Membership.objects.filter(
                    space=recommendation.space_id,
                    role=MembershipRole.FACILITATOR,
                    ended_at__isnull=True,
                ).select_related("user")
            ]
            people = {u.pk: u for u in addressees(recommendation) + facilitators}.values()
        else:
            kind = (
                RecommendationNotice.Kind.LAST_DAYS
                if left <= LAST_DAYS
                else RecommendationNotice.Kind.SOON
            )
            people = addressees(recommendation)
        for user in people:
            sent += _notify_once(
                recommendation, user, kind, "recommendations/email/recommendation_reminder"
            )
    return sent
