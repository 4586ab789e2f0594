from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from core.languages import SPOKEN_LANGUAGES
from meetings.models import AttendanceStatus, Meeting, MinutesRevision, RsvpAnswer


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
REPEAT = [
    ("none", _("Once")),
    ("weekly", _("Every week")),
    ("monthly", _("Every month, on a given weekday")),
]
SETPOS = [(1, _("first")), (2, _("second")), (3, _("third")), (4, _("fourth")), (-1, _("last"))]
TIME_ZONE = "Europe/Paris"


class PlaceFields(forms.Form):
    place_name = forms.CharField(label=_("Place"), max_length=160, required=False)
    address = forms.CharField(label=_("Address"), max_length=250, required=False)
    room = forms.CharField(label=_("Room"), max_length=100, required=False)
    access_notes = forms.CharField(
        label=_("How to get there, access"), max_length=300, required=False
    )
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    interpretation = forms.BooleanField(
        label=_("With interpretation"), required=False, initial=True
    )


class MeetingForm(PlaceFields):
    title = forms.CharField(label=_("Title"), max_length=160)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    field_order = ["title", "date", "start_time", "end_time"]

    def clean(self):
        data = super().clean()
        if (
            data.get("start_time")
            and data.get("end_time")
            and (data["end_time"] <= data["start_time"])
        ):
            self.add_error("end_time", _("A meeting must end after it starts."))
        return data

    def aware(self, which: str) -> datetime:
        return datetime.combine(self.cleaned_data["date"], self.cleaned_data[which]).replace(
            tzinfo=ZoneInfo(TIME_ZONE)
        )


class MeetingEditForm(MeetingForm):
    minutes_taker = forms.TypedChoiceField(
        label=_("Minutes taken by (besides facilitators)"),
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minutes_taker"].choices = [("", _("Nobody else"))] + [
            (m.user_id, str(m.user)) for m in members
        ]


class ScheduleForm(MeetingForm):
    """One-off or recurring: "first Tuesday of each month, 18:00–20:30"."""

    repeat = forms.ChoiceField(
        label=_("Repeat"), choices=REPEAT, initial="none", widget=forms.RadioSelect
    )
    setpos = forms.TypedChoiceField(
        label=_("Which week of the month"), choices=SETPOS, coerce=int, required=False
    )
    until = forms.DateField(label=_("Repeat until"), widget=DateInput(), required=False)
    field_order = ["title", "date", "start_time", "end_time", "repeat", "setpos", "until"]

    def clean(self):
        data = super().clean()
        if data.get("repeat") in ("weekly", "monthly"):
            if not data.get("until"):
                self.add_error("until", _("Say until when the meetings repeat."))
            elif data.get("date") and data["until"] < data["date"]:
                self.add_error("until", _("The end of the repetition is before the first date."))
            if data.get("repeat") == "monthly" and not data.get("setpos"):
                self.add_error("setpos", _("Choose which week of the month."))
        return data

    @property
    def duration(self) -> timedelta:
        return self.aware("end_time") - self.aware("start_time")


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Short description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=600, initial=15
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File (PDF, image, ODT, DOCX; 10 MB at most)"))


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Are you coming?"), choices=RsvpAnswer.choices, widget=forms.RadioSelect
    )
    interpretation_language = forms.ChoiceField(
        label=_("Interpretation I need"),
        choices=[("", _("None"))] + SPOKEN_LANGUAGES,
        required=False,
    )
    childcare = forms.BooleanField(label=_("I need childcare"), required=False)
    accessibility = forms.CharField(
        label=_("Other needs (access, hearing…)"), max_length=200, required=False
    )


class MinutesForm(forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 16}))
    base_number = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MinutesApprovalForm(forms.Form):
    """The revision approved and the later meeting that approved it (or votes on it). The
    revision must be this meeting's; the service checks the later meeting."""

    revision = forms.ModelChoiceField(queryset=MinutesRevision.objects.none())
    approved_in = forms.ModelChoiceField(
        queryset=Meeting.objects.select_related("space", "current_item")
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].queryset = MinutesRevision.objects.filter(meeting=meeting)


class MinutesCommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))
    suggestion = forms.CharField(
        label=_("Suggested wording (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


ATTENDANCE_CHOICES = AttendanceStatus.choices
