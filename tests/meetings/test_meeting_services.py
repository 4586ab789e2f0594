from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from core.exceptions import DomainError
from core.models import AuditEntry
from core.services import membership_end
from meetings import recurrence, services
from meetings.models import Attendance, Meeting, MinutesRevision, ReminderDelivery, Rsvp
from meetings.selectors import meeting_quorum, rsvp_totals
from meetings.tasks import notify_meeting_change, send_due_reminders
from tests.conftest import make_past
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class TestScheduling:
    def test_series_makes_one_meeting_per_occurrence(self, agora, facilitator):
        rule = recurrence.Rule(
            freq="monthly",
            weekday=1,
            setpos=1,
            start_date=date(2027, 1, 1),
            start_time=time(18),
            duration=timedelta(hours=2, minutes=30),
            tz="Europe/Paris",
            until=date(2027, 6, 30),
        )
        series = services.series_create(
            actor=facilitator, space=agora, title="Agora", rule=rule, place_name="Salle du conseil"
        )
        meetings = list(series.meetings.order_by("starts_at"))
        assert len(meetings) == 6
        local = [m.starts_at.astimezone(ZoneInfo("Europe/Paris")) for m in meetings]
        assert all(d.weekday() == 1 and d.hour == 18 for d in local)
        assert meetings[0].place_name == "Salle du conseil"

    def test_recurrence_with_no_occurrence_is_refused(self, agora, facilitator):
        rule = recurrence.Rule(
            freq="weekly",
            weekday=0,
            start_date=date(2027, 1, 10),
            start_time=time(18),
            duration=timedelta(hours=1),
            tz="Europe/Paris",
            until=date(2027, 1, 5),
        )
        with pytest.raises(DomainError):
            services.series_create(actor=facilitator, space=agora, title="X", rule=rule)
        assert not Meeting.objects.exists()

    def test_meeting_ending_before_start_is_refused(self, agora, facilitator):
        now = timezone.now()
        with pytest.raises(DomainError):
            services.meeting_create(
                actor=facilitator,
                space=agora,
                title="X",
                starts_at=now,
                ends_at=now - timedelta(hours=1),
            )
        assert not Meeting.objects.exists()

    def test_edit_one_occurrence_leaves_the_others(self, agora, facilitator):
        rule = recurrence.Rule(
            freq="weekly",
            weekday=2,
            start_date=date(2027, 3, 1),
            start_time=time(10),
            duration=timedelta(hours=1),
            tz="Europe/Paris",
            count=4,
        )
        series = services.series_create(actor=facilitator, space=agora, title="Lab", rule=rule)
        first, second, *_ = series.meetings.order_by("starts_at")
        before = list(series.meetings.exclude(pk=second.pk).values("starts_at", "sequence"))
        services.meeting_update(
            actor=facilitator,
            meeting=second,
            starts_at=second.starts_at + timedelta(hours=2),
            ends_at=second.ends_at + timedelta(hours=2),
        )
        services.meeting_cancel(actor=facilitator, meeting=first)
        second.refresh_from_db()
        assert second.is_modified and second.sequence == 1
        assert (
            list(
                series.meetings.exclude(pk__in=[first.pk, second.pk]).values(
                    "starts_at", "sequence"
                )
            )
            == before[1:]
        )
        first.refresh_from_db()
        assert first.is_cancelled and first.sequence == 1

    def test_update_with_end_before_start_changes_nothing(self, meeting, facilitator):
        before = (meeting.starts_at, meeting.ends_at, meeting.sequence)
        with pytest.raises(DomainError):
            services.meeting_update(
                actor=facilitator, meeting=meeting, ends_at=meeting.starts_at - timedelta(minutes=1)
            )
        meeting.refresh_from_db()
        assert (meeting.starts_at, meeting.ends_at, meeting.sequence) == before


class TestRsvp:
    def test_answer_and_change(self, meeting, members):
        amina = members[0].user
        services.rsvp_set(user=amina, meeting=meeting, answer="yes", interpretation_language="ar")
        services.rsvp_set(
            user=amina,
            meeting=meeting,
            answer="maybe",
            interpretation_language="ar",
            childcare=True,
        )
        rsvp = Rsvp.objects.get(meeting=meeting, user=amina)
        assert rsvp.answer == "maybe" and rsvp.childcare
        assert Rsvp.objects.count() == 1

    def test_interpretation_totals_and_who_has_not_answered(self, meeting, members):
        amina, yonas, farid, olena = (m.user for m in members)
        services.rsvp_set(user=amina, meeting=meeting, answer="yes", interpretation_language="ar")
        services.rsvp_set(user=yonas, meeting=meeting, answer="yes", interpretation_language="ti")
        services.rsvp_set(
            user=farid,
            meeting=meeting,
            answer="maybe",
            interpretation_language="fa-af",
            accessibility="wheelchair",
        )
        extra = UserFactory()
        from core.services import membership_start
        from tests.conftest import first_free_seat

        membership_start(actor=None, seat=first_free_seat(meeting.space), user=extra)
        services.rsvp_set(user=extra, meeting=meeting, answer="yes", interpretation_language="ar")
        services.rsvp_set(user=olena, meeting=meeting, answer="no", interpretation_language="uk")
        totals = rsvp_totals(meeting=meeting)
        assert totals.interpretation == [("ar", 2), ("ti", 1), ("fa-af", 1)]
        assert totals.answers == {"yes": 3, "maybe": 1, "no": 1}
        assert totals.accessibility == ["wheelchair"]
        assert totals.not_answered == []

    @pytest.mark.parametrize("state", ["cancelled", "past"])
    def test_no_answer_to_a_cancelled_or_past_meeting(self, meeting, members, facilitator, state):
        amina = members[0].user
        services.rsvp_set(user=amina, meeting=meeting, answer="yes")
        if state == "cancelled":
            services.meeting_cancel(actor=facilitator, meeting=meeting)
        else:
            make_past(meeting, hours_ago=5)
        with pytest.raises(DomainError):
            services.rsvp_set(user=amina, meeting=meeting, answer="no")
        assert Rsvp.objects.get(user=amina).answer == "yes"

    def test_non_member_cannot_answer(self, meeting):
        with pytest.raises(DomainError):
            services.rsvp_set(user=UserFactory(), meeting=meeting, answer="yes")
        assert not Rsvp.objects.exists()

    def test_unknown_answer_or_language(self, meeting, members):
        with pytest.raises(DomainError):
            services.rsvp_set(user=members[0].user, meeting=meeting, answer="perhaps")
        with pytest.raises(DomainError):
            services.rsvp_set(
                user=members[0].user, meeting=meeting, answer="yes", interpretation_language="xx"
            )
        assert not Rsvp.objects.exists()


class TestRollCallAndQuorum:
    def test_quorum_on_the_agora(self, meeting, members, facilitator):
        make_past(meeting)
        statuses = {
            members[0].pk: "present",
            members[1].pk: "remote",
            members[2].pk: "excused",
            members[3].pk: "absent",
        }
        services.attendance_record(actor=facilitator, meeting=meeting, statuses=statuses)
        q = meeting_quorum(meeting=meeting)
        assert (q.attending, q.required, q.active_seats, q.reached) == (2, 2, 4, True)
        services.attendance_record(
            actor=facilitator, meeting=meeting, statuses={members[1].pk: "absent"}
        )
        assert not meeting_quorum(meeting=meeting).reached
        assert Attendance.objects.count() == 4

    def test_roll_call_for_a_non_member_is_refused_whole(self, meeting, members, lab, facilitator):
        from core.services import membership_start
        from tests.conftest import first_free_seat

        outsider = membership_start(
            actor=facilitator, seat=first_free_seat(lab, "partners"), user=UserFactory()
        )
        make_past(meeting)
        with pytest.raises(DomainError):
            services.attendance_record(
                actor=facilitator,
                meeting=meeting,
                statuses={members[0].pk: "present", outsider.pk: "present"},
            )
        assert not Attendance.objects.exists()

    def test_roll_call_refuses_unknown_status_and_future_meetings(
        self, meeting, members, facilitator
    ):
        with pytest.raises(DomainError):  # 3 days ahead
            services.attendance_record(
                actor=facilitator, meeting=meeting, statuses={members[0].pk: "present"}
            )
        make_past(meeting)
        with pytest.raises(DomainError):
            services.attendance_record(
                actor=facilitator, meeting=meeting, statuses={members[0].pk: "asleep"}
            )
        assert not Attendance.objects.exists()

    def test_per_college_quorum_in_a_lab(self, lab, facilitator):
        from core.models import Space
        from core.services import membership_start
        from tests.conftest import first_free_seat

        Space.objects.filter(pk=lab.pk).update(quorum_min_per_college=2)
        lab.refresh_from_db()
        people = {}
        for college in ("newcomers", "partners", "decision_makers"):
            people[college] = [
                membership_start(
                    actor=facilitator, seat=first_free_seat(lab, college), user=UserFactory()
                )
                for _ in range(3)
            ]
        now = timezone.now()
        m = services.meeting_create(
            actor=facilitator,
            space=lab,
            title="Lab session",
            starts_at=now - timedelta(minutes=30),
            ends_at=now + timedelta(hours=1),
        )
        statuses = {p.pk: "present" for p in people["partners"] + people["decision_makers"]}
        statuses[people["newcomers"][0].pk] = "present"
        services.attendance_record(actor=facilitator, meeting=m, statuses=statuses)
        q = meeting_quorum(meeting=m)
        assert q.attending == 7 and q.required == 5
        assert not q.reached and q.colleges_short == ("newcomers",)
        services.attendance_record(
            actor=facilitator, meeting=m, statuses={people["newcomers"][1].pk: "remote"}
        )
        assert meeting_quorum(meeting=m).reached

    def test_member_who_left_stays_on_past_roll_calls(self, meeting, members, facilitator):
        make_past(meeting)
        services.attendance_record(
            actor=facilitator, meeting=meeting, statuses={members[3].pk: "present"}
        )
        membership_end(actor=facilitator, membership=members[3])
        from meetings.selectors import roll_call

        assert members[3].pk in [m.pk for m in roll_call(meeting=meeting)]


class TestMinutes:
    def test_revisions_conflict_and_approval(self, meeting, facilitator, agora, members):
        r1 = services.minutes_save(actor=facilitator, meeting=meeting, text="Draft", base_number=0)
        r2 = services.minutes_save(
            actor=facilitator, meeting=meeting, text="Draft 2", base_number=1
        )
        assert (r1.number, r2.number) == (1, 2)
        with pytest.raises(services.MinutesConflict) as exc:
            services.minutes_save(
                actor=members[0].user, meeting=meeting, text="Mine", base_number=1
            )
        assert exc.value.latest == r2
        assert MinutesRevision.objects.filter(meeting=meeting).count() == 2
        services.minutes_comment_add(
            actor=members[0].user, revision=r2, text="Typo", suggestion="Draft two"
        )
        later = services.meeting_create(
            actor=facilitator,
            space=agora,
            title="Next",
            starts_at=meeting.starts_at + timedelta(days=30),
            ends_at=meeting.ends_at + timedelta(days=30),
        )
        with pytest.raises(DomainError):  # not the latest
            services.minutes_approve(actor=facilitator, revision=r1, approved_in=later)
        with pytest.raises(DomainError):  # approval at an earlier meeting
            services.minutes_approve(actor=facilitator, revision=r2, approved_in=meeting)
        services.minutes_approve(actor=facilitator, revision=r2, approved_in=later)
        r2.refresh_from_db()
        assert r2.approved_in == later and r2.approved_by == facilitator
        with pytest.raises(DomainError):
            services.minutes_comment_add(actor=members[0].user, revision=r2, text="Late")
        # A newer version is a new revision; the approved text is never changed.
        r3 = services.minutes_save(
            actor=facilitator, meeting=meeting, text="Corrected", base_number=2
        )
        r2.refresh_from_db()
        assert r3.number == 3 and r2.text == "Draft 2" and r2.approved_at

    def test_empty_minutes_refused(self, meeting, facilitator):
        with pytest.raises(DomainError):
            services.minutes_save(actor=facilitator, meeting=meeting, text="  ", base_number=0)


class TestReminders:
    def test_each_reminder_is_sent_once(self, meeting, members, facilitator):
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=timezone.now() + timedelta(hours=20),
            ends_at=timezone.now() + timedelta(hours=22),
        )
        services.rsvp_set(user=members[3].user, meeting=meeting, answer="no")
        assert send_due_reminders() == 3
        assert send_due_reminders() == 0  # the task ran twice: nothing more
        assert len(mail.outbox) == 3
        assert {m.to[0] for m in mail.outbox} == {
            "amina@example.org",
            "yonas@example.org",
            "farid@example.org",
        }
        assert ReminderDelivery.objects.filter(kind="1d", sent_at__isnull=False).count() == 3
        # In each recipient's language: Amina reads Arabic.
        amina_mail = next(m for m in mail.outbox if m.to == ["amina@example.org"])
        assert "Monthly session" in amina_mail.subject and "غداً" in amina_mail.subject

    def test_week_reminder_then_day_reminder(self, meeting, members):
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=timezone.now() + timedelta(days=6),
            ends_at=timezone.now() + timedelta(days=6, hours=2),
        )
        assert send_due_reminders() == 4
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=timezone.now() + timedelta(hours=10),
            ends_at=timezone.now() + timedelta(hours=12),
        )
        assert send_due_reminders() == 4
        assert send_due_reminders() == 0
        kinds = sorted(ReminderDelivery.objects.values_list("kind", flat=True))
        assert kinds == ["1d"] * 4 + ["7d"] * 4

    def test_cancelled_meeting_gets_no_reminder(self, meeting, members, facilitator):
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=timezone.now() + timedelta(hours=20),
            ends_at=timezone.now() + timedelta(hours=22),
        )
        services.meeting_cancel(actor=facilitator, meeting=meeting)
        mail.outbox.clear()
        assert send_due_reminders() == 0

    def test_change_notifies_those_who_answered(
        self, meeting, members, facilitator, django_capture_on_commit_callbacks, eager_celery
    ):
        services.rsvp_set(user=members[0].user, meeting=meeting, answer="yes")
        services.rsvp_set(user=members[1].user, meeting=meeting, answer="no")
        with django_capture_on_commit_callbacks(execute=True):
            services.meeting_update(
                actor=facilitator,
                meeting=meeting,
                starts_at=meeting.starts_at + timedelta(hours=1),
                ends_at=meeting.ends_at + timedelta(hours=1),
            )
        assert len(mail.outbox) == 2
        meeting.refresh_from_db()
        assert notify_meeting_change(meeting.pk, "changed", meeting.sequence) == 0  # once
        with django_capture_on_commit_callbacks(execute=True):
            services.meeting_cancel(actor=facilitator, meeting=meeting)
        assert len(mail.outbox) == 4
        assert members[0].user.notifications.count() == 2  # in-app too

    def test_people_without_email_get_in_app_notices(self, meeting, members):
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=timezone.now() + timedelta(hours=20),
            ends_at=timezone.now() + timedelta(hours=22),
        )
        olena = members[3].user
        olena.email = ""
        olena.save()
        send_due_reminders()
        assert olena.notifications.count() == 1
        assert "olena@example.org" not in {m.to[0] for m in mail.outbox}


def test_every_write_is_audited(meeting, members, facilitator):
    services.rsvp_set(user=members[0].user, meeting=meeting, answer="yes")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"meeting.create", "agenda.add", "rsvp.set"} <= actions


def test_designated_member_writes_the_minutes(client, meeting, members, facilitator):
    from django.urls import reverse

    amina, yonas = members[0].user, members[1].user
    client.force_login(amina)
    assert client.get(reverse("meetings:minutes-edit", args=[meeting.pk])).status_code == 403
    services.meeting_update(actor=facilitator, meeting=meeting, minutes_taker_id=amina.pk)
    meeting.refresh_from_db()
    assert meeting.sequence == 0  # not a change calendars need to know about
    assert client.get(reverse("meetings:minutes-edit", args=[meeting.pk])).status_code == 200
    client.force_login(yonas)
    assert client.get(reverse("meetings:minutes-edit", args=[meeting.pk])).status_code == 403
    with pytest.raises(DomainError):
        services.meeting_update(
            actor=facilitator, meeting=meeting, minutes_taker_id=UserFactory().pk
        )
