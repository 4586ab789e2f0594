from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class InvitationForm(forms.Form):
    term_ends_on = forms.DateField(
        label=_("End of term (optional)"), required=False, widget=DateInput()
    )
