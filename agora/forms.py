from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import QuorumFields
from core.models import Visibility


class AgoraForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    meeting_rhythm = forms.CharField(
        label=_("Meeting rhythm"),
        required=False,
        max_length=120,
        help_text=_("For example: first Tuesday of each month, 18:00, with interpretation."),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=Visibility.choices, initial=Visibility.PUBLIC
    )


class AgoraEditForm(QuorumFields, AgoraForm):
    pass
