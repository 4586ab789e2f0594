from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from core.languages import SPOKEN_LANGUAGES


def interface_language_choices():
    from django.utils.translation import get_language_info

    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


class ProfileFieldsMixin(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_("The name others see. A first name or a pseudonym is fine."),
    )
    languages_spoken = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interface_language = forms.ChoiceField(
        label=_("Language of the website"), choices=interface_language_choices
    )
    interpretation_language = forms.ChoiceField(
        label=_("Interpretation I need at meetings"),
        choices=[("", _("None"))] + SPOKEN_LANGUAGES,
        required=False,
    )

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Please choose a display name."))
        return name


class SignupForm(ProfileFieldsMixin, AllauthSignupForm):
    """allauth's sign-up (username, optional e-mail, password) plus the profile."""

    field_order = [
        "username",
        "display_name",
        "password1",
        "password2",
        "email",
        "interface_language",
        "languages_spoken",
        "interpretation_language",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interface_language"].initial = get_language()
        self.fields["email"].help_text = _(
            "Optional. Useful to get reminders and reset a password."
        )


class ProfileForm(ProfileFieldsMixin):
    other_needs = forms.CharField(
        label=_("Other needs"),
        max_length=200,
        required=False,
        help_text=_("Childcare, accessibility… Only facilitators of your spaces see this."),
    )
    show_name_publicly = forms.BooleanField(
        label=_("Show my display name on public pages"), required=False
    )


class InvitationForm(forms.Form):
    term_ends_on = forms.DateField(
        label=_("End of term (optional)"), required=False, widget=DateInput()
    )
