"""Forms of recommendations: issuing one, the official's answer, commitments, updates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from proposals.forms import DateInput
from recommendations.models import Answer, Department, Implementation


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
