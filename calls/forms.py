"""Forms of the selection pipeline: the call, the application, the quotas, the draw."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from calls.models import ReplacementRule
from core.forms import DateInput
from core.models import LAB_COLLEGES
from meetings.forms import TIME_ZONE, TimeInput

QUESTIONS_EXAMPLE = _(
    "Gender: woman; man; another answer\n"
    "Language group: Arabic; Dari or Pashto; Tigrinya; Ukrainian; French; another language\n"
    "Neighbourhood: north; south; centre; outside the city\n"
    "Time since arrival: less than a year; 1 to 3 years; more than 3 years\n"
    "Age: 18-29; 30-44; 45-64; 65 or more"
)


def parse_questions(text: str) -> list[tuple[str, list[str]]]:
    """One question per line: its text, a colon, then the answers separated by semicolons."""
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        label, sep, rest = line.partition(":")
        if not sep:
            raise forms.ValidationError(
                _("Line “%(line)s”: put a colon after the question, then the answers."),
                params={"line": line.strip()[:60]},
            )
        out.append((label.strip(), [v.strip() for v in rest.split(";") if v.strip()]))
    return out


def questions_text(questions) -> str:
    return "\n".join(f"{q.label}: {'; '.join(a.label for a in q.answers.all())}" for q in questions)


class CallForm(forms.Form):
    college = forms.ChoiceField(
        label=_("College"), choices=[(c.value, c.label) for c in LAB_COLLEGES]
    )
    title = forms.CharField(label=_("Title of the call"), max_length=200)
    description = forms.CharField(
        label=_("What volunteers are asked to do"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    seats = forms.IntegerField(label=_("Seats to fill"), min_value=1, max_value=16)
    deadline_date = forms.DateField(label=_("Applications close on"), widget=DateInput())
    deadline_time = forms.TimeField(label=_("at"), widget=TimeInput(), initial="18:00")
    questions = forms.CharField(
        label=_("Questions for the quotas"),
        widget=forms.Textarea(attrs={"rows": 6}),
        initial=QUESTIONS_EXAMPLE,
        help_text=_(
            "One question per line: the question, a colon, then the answers separated by "
            "semicolons. Ask only what the quotas need."
        ),
    )
    replacement_rule = forms.ChoiceField(
        label=_("If a selected person drops out"),
        choices=ReplacementRule.choices,
        initial=ReplacementRule.LOTTERY,
        widget=forms.RadioSelect,
    )
    retention_days = forms.IntegerField(
        label=_("Delete the answers and contacts this many days after the deadline"),
        min_value=1,
        max_value=730,
        initial=90,
    )

    def __init__(self, *args, with_college: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_college:
            del self.fields["college"]

    def clean_questions(self):
        return parse_questions(self.cleaned_data["questions"])

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["deadline"] = datetime.combine(
            data.pop("deadline_date"), data.pop("deadline_time")
        ).replace(tzinfo=ZoneInfo(TIME_ZONE))
        return data


class ApplyForm(forms.Form):
    name = forms.CharField(
        label=_("Your first name or a nickname (optional)"), max_length=120, required=False
    )
    contact = forms.CharField(
        label=_("Your e-mail address or phone number"),
        max_length=200,
        help_text=_("We use it only to tell you if you are selected."),
    )

    def __init__(self, *args, questions=(), consent_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.question_keys = []
        for q in questions:
            name = f"q_{q.key}"
            self.question_keys.append((name, q.key))
            self.fields[name] = forms.ChoiceField(
                label=q.label,
                choices=[(a.label, a.label) for a in q.answers.all()],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one answer.")},
            )
        self.fields["consent"] = forms.BooleanField(
            label=consent_text,
            required=True,
            error_messages={
                "required": _("Tick this box to apply: without your consent we keep nothing.")
            },
        )

    def answers(self) -> dict[str, str]:
        return {key: self.cleaned_data[name] for name, key in self.question_keys}


class QuotaForm(forms.Form):
    """Two numbers (at least, at most) per answer value."""

    def __init__(self, *args, questions=(), seats: int = 10, applied=None, **kwargs):
        super().__init__(*args, **kwargs)
        applied = applied or {}
        self.rows = []
        for q in questions:
            group = {"question": q, "answers": []}
            for a in q.answers.all():
                low, high = f"min_{a.pk}", f"max_{a.pk}"
                self.fields[low] = forms.IntegerField(
                    label=_("%(answer)s: at least") % {"answer": a.label},
                    min_value=0,
                    max_value=seats,
                    initial=a.min_seats,
                )
                self.fields[high] = forms.IntegerField(
                    label=_("%(answer)s: at most") % {"answer": a.label},
                    min_value=0,
                    max_value=seats,
                    initial=a.max_seats,
                )
                group["answers"].append((a, low, high))
            self.rows.append(group)
        self.table = [
            {
                "question": g["question"],
                "answers": [
                    {"answer": a, "applied": applied.get(a.pk, 0), "min": self[lo], "max": self[hi]}
                    for a, lo, hi in g["answers"]
                ],
            }
            for g in self.rows
        ]

    def bounds(self) -> dict[int, tuple[int, int]]:
        return {
            a.pk: (self.cleaned_data[low], self.cleaned_data[high])
            for group in self.rows
            for a, low, high in group["answers"]
        }

    def clean(self):
        data = super().clean()
        for group in self.rows:
            for _answer, low, high in group["answers"]:
                both = data.get(low) is not None and data.get(high) is not None
                if both and data[low] > data[high]:
                    self.add_error(low, _("The minimum is larger than the maximum."))
        return data


class RandomSourceForm(forms.Form):
    """Where the public random value will come from, and when it will be known: declared
    before the list of panels is computed and published."""

    random_source = forms.CharField(
        label=_("Where the random value will come from"),
        max_length=300,
        help_text=_(
            "A public draw that has not happened yet: for example the EuroMillions draw of "
            "that evening, or the drand round published at that time. Announce it in the "
            "space at the same time."
        ),
    )
    known_date = forms.DateField(label=_("The value will be known on"), widget=DateInput())
    known_time = forms.TimeField(label=_("after"), widget=TimeInput())

    def known_after(self) -> datetime:
        return datetime.combine(
            self.cleaned_data["known_date"], self.cleaned_data["known_time"]
        ).replace(tzinfo=ZoneInfo(TIME_ZONE))


class RandomValueForm(forms.Form):
    value = forms.CharField(
        label=_("The public random value, exactly as published"),
        max_length=300,
        strip=False,
        help_text=_("Recorded once: check it against the source before saving."),
    )


class RandomCorrectionForm(forms.Form):
    value = forms.CharField(
        label=_("The corrected value, exactly as published"), max_length=300, strip=False
    )
    reason = forms.CharField(
        label=_("Why (shown on the public verification page)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExcludeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why set this application aside (no personal details)"),
        max_length=300,
        help_text=_("For example: the same person applied twice; a test entry."),
    )


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Your receipt code"),
        max_length=40,
        help_text=_("The code you received when you applied, for example 7K3Q-M9XA-P2RT."),
    )
