"""Forms of a lab: creating and editing it; its life: phase change and dates, log entries, the
evaluation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import DateInput, QuorumFields
from core.models import LAB_COLLEGES, Membership, Visibility
from labs.models import PHASE_ORDER, EvaluationDecision, Phase


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


class RevisionField(forms.IntegerField):
    """The version a form was built on (hidden). A hidden field's error would not show:
    a missing or altered value counts as 'unknown' (-1), which the service answers with
    its clear 'someone else saved meanwhile' message, showing the current version."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        try:
            return super().clean(value)
        except forms.ValidationError:
            return -1


class PhaseChangeForm(forms.Form):
    phase = forms.ChoiceField(label=_("Move the lab to the phase"), choices=Phase.choices)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        help_text=_("Needed when the lab goes back to an earlier phase."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PhaseDatesForm(forms.Form):
    """One optional date per phase: when it is planned to start."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for phase in Phase:
            self.fields[f"planned_{phase.value}"] = forms.DateField(
                label=phase.label, required=False, widget=DateInput()
            )

    def planned(self) -> dict:
        return {p: self.cleaned_data.get(f"planned_{p}") for p in PHASE_ORDER}


def parse_indicators(text: str) -> tuple[list[dict], list[int]]:
    """'Label: figure' per line → ([{"label", "value"}], numbers of the lines that are not)."""
    indicators, bad = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label, colon, value = line.partition(":")
        if not colon or not label.strip() or not value.strip():
            bad.append(number)
            continue
        indicators.append({"label": label.strip(), "value": value.strip()})
    return indicators, bad


def indicators_as_text(indicators: list[dict]) -> str:
    return "\n".join(f"{i['label']}: {i['value']}" for i in indicators)


BY_MEMBER, BY_ORGANISATION, BY_COLLEGE = "member", "organisation", "college"


class LogEntryForm(forms.Form):
    happened_on = forms.DateField(label=_("When"), widget=DateInput())
    hypothesis = forms.CharField(
        label=_("Hypothesis"),
        help_text=_("What you expected. For example: a letter from the town hall is enough."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    tried = forms.CharField(label=_("What was tried"), widget=forms.Textarea(attrs={"rows": 3}))
    observed = forms.CharField(
        label=_("What was observed"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    by_kind = forms.ChoiceField(
        label=_("Who did it"),
        choices=[
            (BY_MEMBER, _("A member of the lab")),
            (BY_ORGANISATION, _("An organisation")),
            (BY_COLLEGE, _("A college")),
        ],
        initial=BY_MEMBER,
        widget=forms.RadioSelect,
    )
    by_user = forms.ModelChoiceField(
        label=_("Member"), queryset=User.objects.none(), required=False
    )
    by_organisation = forms.CharField(label=_("Organisation"), max_length=120, required=False)
    by_college = forms.ChoiceField(
        label=_("College"),
        choices=[("", "—")] + [(c.value, c.label) for c in LAB_COLLEGES],
        required=False,
    )
    revision = RevisionField()

    def __init__(self, *args, lab, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["by_user"].queryset = User.objects.filter(
            pk__in=Membership.objects.filter(space_id=lab.pk, ended_at__isnull=True).values("user")
        ).order_by("display_name", "username")

    def clean(self):
        data = super().clean()
        kind = data.get("by_kind")
        needed = {
            BY_MEMBER: "by_user",
            BY_ORGANISATION: "by_organisation",
            BY_COLLEGE: "by_college",
        }
        if kind in needed and not data.get(needed[kind]):
            self.add_error(needed[kind], _("Say who: this field is needed for your choice."))
        return data

    def author(self) -> dict:
        """Only the kind of author chosen is kept (the other fields may still hold text)."""
        kind = self.cleaned_data["by_kind"]
        return {
            "by_user": self.cleaned_data.get("by_user") if kind == BY_MEMBER else None,
            "by_organisation": self.cleaned_data.get("by_organisation", "")
            if kind == BY_ORGANISATION
            else "",
            "by_college": self.cleaned_data.get("by_college", "") if kind == BY_COLLEGE else "",
        }

    def entry_fields(self) -> dict:
        d = self.cleaned_data
        return {
            "happened_on": d["happened_on"],
            "hypothesis": d["hypothesis"],
            "tried": d["tried"],
            "observed": d.get("observed", ""),
            **self.author(),
        }


class EvaluationForm(forms.Form):
    worked = forms.CharField(
        label=_("What worked"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    did_not_work = forms.CharField(
        label=_("What did not work"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    indicators = forms.CharField(
        label=_("Indicators and figures"),
        required=False,
        help_text=_(
            "One per line: the indicator, a colon, the figure. Example: Accounts opened: 12"
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("", _("Not decided yet"))] + list(EvaluationDecision.choices),
        required=False,
    )
    decision_reason = forms.CharField(
        label=_("Why this decision"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    revision = RevisionField()

    def clean_indicators(self):
        indicators, bad = parse_indicators(self.cleaned_data.get("indicators", ""))
        if bad:
            raise forms.ValidationError(
                _(
                    "Line %(lines)s: write the indicator, a colon, then the figure "
                    "(for example: Accounts opened: 12)."
                )
                % {"lines": ", ".join(str(n) for n in bad)}
            )
        return indicators
