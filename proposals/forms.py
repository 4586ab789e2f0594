from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from meetings.models import AgendaItem
from proposals.models import (
    Answer,
    Department,
    Implementation,
    Theme,
    Threshold,
    VoteMethod,
)


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


class RecommendationIssueForm(forms.Form):
    """Send an adopted proposal to one official or one department."""

    addressee = forms.ModelChoiceField(
        label=_("Official"), queryset=None, required=False, empty_label=_("— none —")
    )
    department = forms.ModelChoiceField(
        label=_("or a department"), queryset=None, required=False, empty_label=_("— none —")
    )
    deadline = forms.DateField(label=_("Answer expected by"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressee"].queryset = User.objects.filter(
            role=Role.OFFICIAL, is_active=True
        ).order_by("display_name")
        self.fields["addressee"].label_from_instance = lambda u: u.display_name or u.username
        self.fields["department"].queryset = Department.objects.all()

    def clean(self):
        data = super().clean()
        if bool(data.get("addressee")) == bool(data.get("department")):
            raise forms.ValidationError(_("Choose either an official or a department."))
        return data


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Your answer"), choices=(), widget=forms.RadioSelect)
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Published with your answer on the public tracking page."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = Answer.choices


class CommitmentForm(forms.Form):
    text = forms.CharField(label=_("What will be done"), max_length=500)
    owner = forms.CharField(label=_("Who is responsible"), max_length=150)
    due_on = forms.DateField(label=_("By when"), widget=DateInput())


class ImplementationUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=(), widget=forms.RadioSelect)
    commitment = forms.ModelChoiceField(
        label=_("About"), queryset=None, required=False, empty_label=_("The whole recommendation")
    )
    note = forms.CharField(
        label=_("What happened"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when it is abandoned: say why."),
    )

    def __init__(self, *args, recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Implementation.choices
        self.fields["commitment"].queryset = recommendation.commitments.all()
