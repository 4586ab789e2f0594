from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, QuorumFields
from core.models import Visibility
from labs.models import Phase


class LabForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    question = forms.CharField(
        label=_("Question"),
        max_length=300,
        help_text=_("For example: how can a new arrival open a bank account in their first month?"),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=Visibility.choices, initial=Visibility.PUBLIC
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("A lab cannot end before it starts."))
        return data


class LabEditForm(QuorumFields, LabForm):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    quorum_min_per_college = forms.IntegerField(
        label=_("Quorum: at least this many from each college"),
        min_value=0,
        max_value=10,
        initial=0,
    )
