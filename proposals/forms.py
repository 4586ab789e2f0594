from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from meetings.models import AgendaItem
from proposals.models import Theme
from votes.models import Threshold, VoteMethod


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Your proposal"), widget=forms.Textarea(attrs={"rows": 8}))
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), required=False, empty_label=_("No theme")
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))


class AmendmentForm(forms.Form):
    text = forms.CharField(
        label=_("The text as you propose it"), widget=forms.Textarea(attrs={"rows": 8})
    )
    reason = forms.CharField(label=_("Why (optional)"), max_length=300, required=False)


class CoauthorInviteForm(forms.Form):
    """Who to invite as co-author. Any member id parses here; the service decides whether
    that person may be invited (same space, not already an author)."""

    user = forms.ModelChoiceField(
        queryset=User.objects.all(),
        error_messages={
            "required": _("Choose a member to invite."),
            "invalid_choice": _("Choose a member to invite."),
        },
    )


class ScheduleForm(forms.Form):
    """Which agenda item takes the proposal (the service checks its meeting and space)."""

    agenda_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.select_related("meeting"),
        error_messages={
            "required": _("Choose an agenda item."),
            "invalid_choice": _("Choose an agenda item."),
        },
    )


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class VoteForm(forms.Form):
    title = forms.CharField(label=_("Question"), max_length=250)
    method = forms.ChoiceField(
        label=_("Method"),
        choices=VoteMethod.choices,
        widget=forms.RadioSelect,
        initial=VoteMethod.FOR_AGAINST,
    )
    threshold = forms.ChoiceField(
        label=_("Majority needed"), choices=Threshold.choices, initial=Threshold.SIMPLE
    )
    options = forms.CharField(
        label=_("Options (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For approval, ranked choice and majority judgment."),
    )
    secret = forms.BooleanField(label=_("Secret ballot"), required=False)
    require_each_college = forms.BooleanField(
        label=_("Majority needed in each college"), required=False
    )
    proposal = forms.TypedChoiceField(
        label=_("About the proposal"), required=False, coerce=int, empty_value=None
    )
    meeting = forms.TypedChoiceField(
        label=_("Live, during the meeting"), required=False, coerce=int, empty_value=None
    )
    deadline = forms.DateTimeField(
        label=_("Or online, closing at"), required=False, widget=DateTimeInput()
    )

    def __init__(self, *args, proposals=(), meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].choices = [("", _("None"))] + [(p.pk, p.title) for p in proposals]
        self.fields["meeting"].choices = [("", _("None (online vote)"))] + [
            (m.pk, f"{m.starts_at:%d/%m/%Y} — {m.title}") for m in meetings
        ]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
