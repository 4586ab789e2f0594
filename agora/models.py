from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Space


class Agora(Space):
    """The standing assembly: 16 seats held by refugees or asylum seekers."""

    meeting_rhythm = models.CharField(
        _("meeting rhythm"),
        max_length=120,
        blank=True,
        help_text=_("For example: first Tuesday of each month, 18:00, with interpretation."),
    )

    class Meta:
        verbose_name = _("Agora")
        verbose_name_plural = _("Agoras")
