from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import Space


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
