from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from booklets.models import Approval


def _language_choices():
    return [(code, name) for code, name in settings.LANGUAGES]


class BookletForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    source_language = forms.ChoiceField(
        label=_("Language the sections are written in"), choices=_language_choices, initial="fr"
    )
    target_languages = forms.MultipleChoiceField(
        label=_("Languages to translate into"),
        choices=_language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    approval = forms.ChoiceField(
        label=_("Editions are approved"),
        choices=Approval.choices,
        initial=Approval.VOTE,
        widget=forms.RadioSelect,
    )
    sections = forms.MultipleChoiceField(
        label=_("Start from these sections (you can add others later)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, template=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.template = list(template)
        self.fields["sections"].choices = [(key, fr) for key, fr, _en in self.template]
        self.fields["sections"].initial = [key for key, _fr, _en in self.template]

    def section_titles(self) -> list[tuple[str, str]]:
        """(key, title) of the chosen template sections, in the source language when
        the template has it (French or English), else in French."""
        chosen = set(self.cleaned_data.get("sections") or [])
        english = self.cleaned_data.get("source_language") == "en"
        return [(key, en if english else fr) for key, fr, en in self.template if key in chosen]


class BookletSettingsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    target_languages = forms.MultipleChoiceField(
        label=_("Languages to translate into"),
        choices=_language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    approval = forms.ChoiceField(
        label=_("Editions are approved"), choices=Approval.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, booklet=None, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        for code in booklet.target_languages if booklet else []:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title in %(language)s") % {"language": names.get(code, code)},
                max_length=160,
                required=False,
                initial=booklet.title_translations.get(code, ""),
                widget=forms.TextInput(attrs={"lang": code, "dir": "auto"}),
            )

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("title_")}
        data["title_translations"] = {
            k.removeprefix("title_"): v
            for k, v in self.cleaned_data.items()
            if k.startswith("title_")
        }
        return data


class SectionAddForm(forms.Form):
    title = forms.CharField(label=_("Title of the new section"), max_length=200)


class SectionForm(forms.Form):
    """The edit form carries the revision it started from: a stale save is refused."""

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "dir": "auto", "class": "bk-editor"}),
    )
    base_number = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    minor = forms.BooleanField(
        label=_("Minor change (a typo): translations stay up to date"), required=False
    )
    ready_for_review = forms.BooleanField(
        label=_("My translation is ready: ask someone to review it"), required=False
    )

    def __init__(self, *args, is_source: bool = True, help_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if is_source:
            del self.fields["ready_for_review"]
        else:
            del self.fields["minor"]
        if help_text:
            self.fields["body"].help_text = help_text
        self.fields["title"].widget.attrs["dir"] = "auto"


class EditionForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages of this edition"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        self.fields["languages"].choices = [(code, names.get(code, code)) for code in languages]


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=_("Did this help you?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("A short comment (optional, do not write your name)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
    # A field people never see: robots fill it in.
    website = forms.CharField(required=False, label=_("Leave empty"))


class ImageForm(forms.Form):
    image = forms.FileField(
        label=_("Add an image (PNG, JPEG, GIF or WebP, at most 2 MB)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}
        ),
    )
