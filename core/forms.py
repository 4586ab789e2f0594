from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


QUORUM_CHOICES = [
    ("0.34", _("A third of the seats held")),
    ("0.50", _("Half of the seats held")),
    ("0.67", _("Two thirds of the seats held")),
    ("0.75", _("Three quarters of the seats held")),
]


class QuorumFields(forms.Form):
    quorum_fraction = forms.TypedChoiceField(
        label=_("Quorum"), choices=QUORUM_CHOICES, coerce=Decimal, initial="0.50"
    )
