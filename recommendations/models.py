"""Recommendations to officials: an adopted proposal sent to an official or a department,
the answer, the commitments and the dated updates of what became of them.

The models left the proposals app (issue 11) with their tables, which keep their names
(`db_table`): the move changed no row (recommendations/migrations/0001 and proposals 0005
move the state only; 0002 renames their content types and audit labels).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Space
from proposals.models import Proposal, Theme


class Department(models.Model):
    """A service of the territory that can receive recommendations (e.g. "Housing
    department"). Its officials all see the recommendations addressed to it."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    officials = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="departments"
    )

    class Meta:
        db_table = "proposals_department"  # kept from proposals (issue 11)
        ordering = ["name"]
        verbose_name = _("department")

    def __str__(self) -> str:
        return self.name


class Answer(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY = "partly", _("Partly accepted")
    DECLINED = "declined", _("Declined")


class Implementation(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    ABANDONED = "abandoned", _("Abandoned")


class Recommendation(models.Model):
    """An adopted proposal sent to an official or a department, who must answer by the
    deadline. Title and text are frozen copies: the recommendation says what was adopted."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.PROTECT, related_name="recommendation"
    )
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="recommendations")
    theme = models.ForeignKey(Theme, on_delete=models.SET_NULL, null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    addressee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations_received",
        verbose_name=_("official"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("department"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateField(_("answer expected by"))
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    implementation = models.CharField(max_length=12, choices=Implementation.choices, blank=True)

    class Meta:
        db_table = "proposals_recommendation"  # kept from proposals (issue 11)
        ordering = ["-issued_at", "-pk"]
        indexes = [
            models.Index(fields=["-issued_at", "-id"], name="recommendation_recent"),
            models.Index(fields=["answered_at", "deadline"], name="recommendation_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(addressee__isnull=False, department__isnull=True)
                | Q(addressee__isnull=True, department__isnull=False),
                name="recommendation_one_addressee",
            ),
            models.CheckConstraint(
                condition=Q(answer="", answered_at__isnull=True)
                | (Q(answer__in=Answer.values) & Q(answered_at__isnull=False)),
                name="recommendation_answer_complete",
            ),
            models.CheckConstraint(
                condition=Q(implementation="") | Q(implementation__in=Implementation.values),
                name="recommendation_implementation_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def addressed_to(self) -> str:
        if self.department_id:
            return self.department.name
        return str(self.addressee) if self.addressee_id else ""

    def days_to_answer(self) -> int:
        """Days between issue and answer; for an open one, days elapsed so far."""
        end = self.answered_at or timezone.now()
        return (timezone.localdate(end) - timezone.localdate(self.issued_at)).days

    def days_overdue(self, today=None) -> int:
        """Days past the deadline without an answer (0 when answered or not yet due)."""
        if self.answered_at:
            late = (timezone.localdate(self.answered_at) - self.deadline).days
            return max(late, 0)
        return max(((today or timezone.localdate()) - self.deadline).days, 0)

    @property
    def is_overdue(self) -> bool:
        return not self.answered_at and timezone.localdate() > self.deadline


class Commitment(models.Model):
    """What the official commits to do, by whom, by when."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="commitments"
    )
    text = models.CharField(_("commitment"), max_length=500)
    owner = models.CharField(_("who is responsible"), max_length=150)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        max_length=12, choices=Implementation.choices, default=Implementation.PLANNED
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "proposals_commitment"  # kept from proposals (issue 11)
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text


class ImplementationUpdate(models.Model):
    """A dated report on what was done, for the whole recommendation or one commitment."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="updates"
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, null=True, blank=True, related_name="updates"
    )
    status = models.CharField(_("status"), max_length=12, choices=Implementation.choices)
    note = models.TextField(_("what happened"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "proposals_implementationupdate"  # kept from proposals (issue 11)
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="abandoned") | ~Q(note=""), name="abandoned_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status} on {self.recommendation_id}"


class RecommendationNotice(models.Model):
    """Idempotency record of reminders: a (recommendation, person, kind) is contacted once."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Recommendation received")
        ANSWERED = "answered", _("Answer published")
        SOON = "soon", _("Deadline in two weeks")
        LAST_DAYS = "last_days", _("Deadline in three days")
        OVERDUE = "overdue", _("Deadline passed")

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "proposals_recommendationnotice"  # kept from proposals (issue 11)
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "user", "kind"], name="recommendation_notice_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.recommendation_id} → {self.user_id}"
