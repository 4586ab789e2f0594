from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import College, Space


class Phase(models.TextChoices):
    CALL = "call", _("Call for volunteers")
    SELECTION = "selection", _("Selection of the panel")
    SESSIONS = "sessions", _("Working sessions")
    EXPERIMENT = "experiment", _("Experiment")
    EVALUATION = "evaluation", _("Evaluation")
    RECOMMENDATIONS = "recommendations", _("Recommendations")


class Lab(Space):
    """A hospitality lab: one question, a panel of three colleges of 10, phases."""

    question = models.CharField(_("question"), max_length=300)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.CALL)

    class Meta:
        verbose_name = _("hospitality lab")
        verbose_name_plural = _("hospitality labs")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="lab_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(phase__in=Phase.values), name="lab_phase_valid"),
        ]


# --- The lab's life --------------------------------------------------------------------
# Planned dates of the phases, the history of phase changes, the experiment log (with its
# revisions) and the evaluation (with its revisions). Writes in labs.services.

PHASE_ORDER: list[str] = list(Phase.values)


class LabPhaseDate(models.Model):
    """When a phase of a lab is planned to start, and when it really started."""

    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="phase_dates")
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    planned_on = models.DateField(_("planned start"), null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)

    class Meta:
        verbose_name = _("phase date")
        verbose_name_plural = _("phase dates")
        constraints = [
            models.UniqueConstraint(fields=["lab", "phase"], name="lab_phase_date_once"),
            models.CheckConstraint(
                condition=Q(phase__in=Phase.values), name="lab_phase_date_phase_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lab_id} {self.phase} {self.planned_on}"


class LabPhaseChange(models.Model):
    """One move of a lab from a phase to another. Going back carries its reason."""

    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(max_length=20, choices=Phase.choices)
    to_phase = models.CharField(max_length=20, choices=Phase.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_phase=F("to_phase")), name="lab_phase_change_moves"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_phase} → {self.to_phase}"

    @property
    def is_backwards(self) -> bool:
        return PHASE_ORDER.index(self.to_phase) < PHASE_ORDER.index(self.from_phase)


class ExperimentLogEntry(models.Model):
    """What the lab tried during its experiment, and what it observed.

    "By whom" is one of: a member of the lab (`by_user`), an organisation named in
    words (`by_organisation`), or a college as a whole (`by_college`). Public pages show
    a newcomer's name only if they chose so (`User.public_name`).
    """

    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="log_entries")
    happened_on = models.DateField(_("when"))
    hypothesis = models.TextField(_("hypothesis"))
    tried = models.TextField(_("what was tried"))
    observed = models.TextField(_("what was observed"), blank=True)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by a member"),
    )
    by_organisation = models.CharField(_("by an organisation"), max_length=120, blank=True)
    by_college = models.CharField(
        _("by a college"), max_length=20, choices=College.choices, blank=True
    )
    revision = models.PositiveIntegerField(default=1)
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("experiment log entry")
        verbose_name_plural = _("experiment log")
        ordering = ["-happened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.happened_on} {self.hypothesis[:40]}"

    # The space predicates of core read `space_id`/`space`: an entry belongs to its lab.
    @property
    def space_id(self) -> int:
        return self.lab_id

    @property
    def space(self) -> Lab:
        return self.lab


class ExperimentLogRevision(models.Model):
    """Every saved state of a log entry, number 1 being the first: no edit is lost."""

    entry = models.ForeignKey(
        ExperimentLogEntry, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    happened_on = models.DateField()
    hypothesis = models.TextField()
    tried = models.TextField()
    observed = models.TextField(blank=True)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_organisation = models.CharField(max_length=120, blank=True)
    by_college = models.CharField(max_length=20, choices=College.choices, blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["entry", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="log_revision_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} #{self.number}"


class EvaluationDecision(models.TextChoices):
    GENERALISE = "generalise", _("Generalise: extend it to the whole territory")
    ADAPT = "adapt", _("Adapt: try again with changes")
    STOP = "stop", _("Stop: it does not work")


class Evaluation(models.Model):
    """The lab's evaluation: what worked, what did not, the figures, and the decision.

    A draft, seen and written by the lab's members during the evaluation phase, until
    the facilitator publishes it; then it is on the public page and no longer changes.
    `indicators` is a list of {"label": ..., "value": ...}.
    """

    lab = models.OneToOneField(Lab, on_delete=models.CASCADE, related_name="evaluation")
    worked = models.TextField(_("what worked"), blank=True)
    did_not_work = models.TextField(_("what did not work"), blank=True)
    indicators = models.JSONField(_("indicators and figures"), default=list, blank=True)
    decision = models.CharField(
        _("decision"), max_length=12, choices=EvaluationDecision.choices, blank=True
    )
    decision_reason = models.TextField(_("why this decision"), blank=True)
    revision = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="") | Q(decision__in=EvaluationDecision.values),
                name="evaluation_decision_valid",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | ~Q(decision=""),
                name="evaluation_published_with_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"evaluation of {self.lab_id}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class EvaluationRevision(models.Model):
    """Every saved state of the evaluation draft, with who saved it."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["evaluation", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "number"], name="evaluation_revision_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation_id} #{self.number}"


# --- end of the lab's life
