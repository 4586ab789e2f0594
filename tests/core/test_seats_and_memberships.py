from datetime import date

import pytest
from django.db import IntegrityError, transaction

from core.exceptions import AlreadyMember, DomainError, SeatTaken
from core.models import AuditEntry, Membership, MembershipRole, Seat
from core.services import membership_end, membership_record_eligibility, membership_start
from tests.conftest import first_free_seat
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def fill(space, college="", count=None):
    seats = Seat.objects.filter(space=space, college=college).order_by("number")
    return [
        membership_start(actor=None, seat=seat, user=UserFactory())
        for seat in seats[: count or seats.count()]
    ]


class TestAgoraSeats:
    def test_agora_has_sixteen_seats_and_its_creator_facilitates(self, agora, facilitator):
        assert Seat.objects.filter(space=agora).count() == 16
        assert set(Seat.objects.filter(space=agora).values_list("college", flat=True)) == {""}
        m = Membership.objects.get(space=agora, user=facilitator)
        assert m.role == MembershipRole.FACILITATOR and m.seat is None
        assert AuditEntry.objects.filter(action="agora.create", space=agora).exists()

    def test_database_refuses_a_seventeenth_seat(self, agora):
        with pytest.raises(IntegrityError), transaction.atomic():
            Seat.objects.create(space=agora, college="", number=17)

    def test_database_refuses_a_duplicate_seat_number(self, agora):
        with pytest.raises(IntegrityError), transaction.atomic():
            Seat.objects.create(space=agora, college="", number=3)

    def test_seventeenth_person_is_refused_when_all_seats_are_held(self, agora):
        fill(agora)
        assert first_free_seat(agora) is None
        held_seat = Seat.objects.filter(space=agora).first()
        with pytest.raises(SeatTaken) as exc:
            membership_start(actor=None, seat=held_seat, user=UserFactory())
        assert exc.value.message == SeatTaken.default_message
        assert Membership.objects.filter(space=agora, role="member").count() == 16


class TestLabSeats:
    def test_lab_has_three_colleges_of_ten(self, lab):
        counts = {
            c: Seat.objects.filter(space=lab, college=c).count()
            for c in ("newcomers", "partners", "decision_makers")
        }
        assert counts == {"newcomers": 10, "partners": 10, "decision_makers": 10}
        assert not Seat.objects.filter(space=lab, college="").exists()

    def test_database_refuses_an_eleventh_seat_in_a_college(self, lab):
        with pytest.raises(IntegrityError), transaction.atomic():
            Seat.objects.create(space=lab, college="partners", number=11)

    def test_database_refuses_a_lab_seat_without_college_beyond_agora_shape(self, lab):
        with pytest.raises(IntegrityError), transaction.atomic():
            Seat.objects.create(space=lab, college="unknown", number=1)

    def test_full_panel_of_thirty(self, lab):
        for college in ("newcomers", "partners", "decision_makers"):
            fill(lab, college)
        assert (
            Membership.objects.filter(space=lab, ended_at__isnull=True, role="member").count() == 30
        )


class TestMemberships:
    def test_one_active_membership_per_person_and_space(self, agora, newcomer):
        membership_start(actor=None, seat=first_free_seat(agora), user=newcomer)
        with pytest.raises(AlreadyMember):
            membership_start(actor=None, seat=first_free_seat(agora), user=newcomer)
        assert Membership.objects.filter(space=agora, user=newcomer).count() == 1

    def test_database_holds_one_active_membership_per_person_and_space(self, agora, newcomer):
        membership_start(actor=None, seat=first_free_seat(agora), user=newcomer)
        with pytest.raises(IntegrityError), transaction.atomic():
            Membership.objects.create(space=agora, user=newcomer, seat=first_free_seat(agora))

    def test_database_holds_one_active_membership_per_seat(self, agora, newcomer):
        seat = first_free_seat(agora)
        membership_start(actor=None, seat=seat, user=newcomer)
        with pytest.raises(IntegrityError), transaction.atomic():
            Membership.objects.create(space=agora, user=UserFactory(), seat=seat)

    def test_database_refuses_a_member_without_seat(self, agora, newcomer):
        with pytest.raises(IntegrityError), transaction.atomic():
            Membership.objects.create(space=agora, user=newcomer, role="member", seat=None)

    def test_same_person_may_sit_in_two_spaces(self, agora, lab, newcomer):
        membership_start(actor=None, seat=first_free_seat(agora), user=newcomer)
        membership_start(actor=None, seat=first_free_seat(lab, "newcomers"), user=newcomer)
        assert Membership.objects.filter(user=newcomer, ended_at__isnull=True).count() == 2

    def test_ending_a_membership_frees_the_seat_and_keeps_history(
        self, agora, newcomer, facilitator
    ):
        seat = first_free_seat(agora)
        m = membership_start(
            actor=facilitator, seat=seat, user=newcomer, term_ends_on=date(2027, 6, 30)
        )
        membership_end(actor=facilitator, membership=m)
        m.refresh_from_db()
        assert m.ended_at is not None
        successor = membership_start(actor=facilitator, seat=seat, user=UserFactory())
        assert successor.seat == seat
        assert Membership.objects.filter(seat=seat).count() == 2
        entry = AuditEntry.objects.get(action="membership.end")
        assert entry.actor == facilitator and entry.target_id == str(m.pk)

    def test_ending_twice_is_refused(self, agora, newcomer, facilitator):
        m = membership_start(actor=facilitator, seat=first_free_seat(agora), user=newcomer)
        membership_end(actor=facilitator, membership=m)
        with pytest.raises(DomainError):
            membership_end(actor=facilitator, membership=m)

    def test_person_can_come_back_after_leaving(self, agora, newcomer, facilitator):
        m = membership_start(actor=facilitator, seat=first_free_seat(agora), user=newcomer)
        membership_end(actor=facilitator, membership=m)
        again = membership_start(actor=facilitator, seat=first_free_seat(agora), user=newcomer)
        assert again.is_active


class TestEligibility:
    def test_records_only_who_and_when(self, agora, newcomer, facilitator):
        m = membership_start(actor=facilitator, seat=first_free_seat(agora), user=newcomer)
        membership_record_eligibility(actor=facilitator, membership=m)
        m.refresh_from_db()
        assert m.eligibility_checked_by == facilitator
        assert m.eligibility_checked_on is not None
        entry = AuditEntry.objects.get(action="membership.eligibility_checked")
        assert entry.data == {}  # no payload: never documents, never status

    def test_refused_for_partner_seats(self, lab, facilitator):
        m = membership_start(
            actor=facilitator,
            seat=first_free_seat(lab, "partners"),
            user=UserFactory(role="partner"),
        )
        with pytest.raises(DomainError):
            membership_record_eligibility(actor=facilitator, membership=m)
        m.refresh_from_db()
        assert m.eligibility_checked_on is None

    def test_allowed_for_lab_newcomer_college(self, lab, facilitator, newcomer):
        m = membership_start(
            actor=facilitator, seat=first_free_seat(lab, "newcomers"), user=newcomer
        )
        membership_record_eligibility(actor=facilitator, membership=m)
        m.refresh_from_db()
        assert m.eligibility_checked_by == facilitator

    def test_refused_for_ended_membership(self, agora, newcomer, facilitator):
        m = membership_start(actor=facilitator, seat=first_free_seat(agora), user=newcomer)
        membership_end(actor=facilitator, membership=m)
        with pytest.raises(DomainError):
            membership_record_eligibility(actor=facilitator, membership=m)
