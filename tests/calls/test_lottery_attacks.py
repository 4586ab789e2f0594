"""Attacks on the lottery (issue 10): a facilitator who tries random values until the draw
suits them, and anyone who stuffs the pool with applications.

Each test was first run against the code before the fix and failed there."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from calls import services as cs
from calls.models import CallVolunteer, Lottery, LotteryStatus, RandomValue
from calls.selectors import duplicate_flags, normalise_contact, normalise_name
from core.exceptions import DomainError
from core.models import AuditEntry
from sortition import draw_panel
from tests.calls.call_helpers import (
    apply_many,
    declaration,
    let_time_pass,
    open_call,
    ready_call,
    record_value,
    start_data,
    start_lottery,
)

FIRST, SECOND = "12-5-33-8-41", "99-1-2-3-4"
REASON = "Typed 41 instead of 42: the published numbers are 12-5-33-8-42."


@pytest.fixture(autouse=True)
def _english(client):
    with override("en"):
        client.cookies["django_language"] = "en"
        yield


@pytest.fixture
def published(lab, facilitator, django_capture_on_commit_callbacks, eager_celery):
    call, _ = ready_call(lab, facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        start_lottery(call, facilitator)
    lottery = Lottery.objects.get(call=call)
    assert lottery.status == LotteryStatus.PUBLISHED
    return lottery


# 1. The random value cannot be tried again and again ------------------------------------
class TestRandomValueOnce:
    def test_a_second_value_is_refused_by_the_service_and_by_the_database(
        self, published, facilitator
    ):
        record_value(published, facilitator, FIRST)
        with pytest.raises(DomainError, match="already recorded"):
            record_value(published, facilitator, SECOND)
        # Around the service: a second insert, an UPDATE and a save() all fail in PostgreSQL.
        with pytest.raises(IntegrityError), transaction.atomic():
            RandomValue.objects.create(lottery=published, kind="original", value=SECOND)
        with pytest.raises(DatabaseError), transaction.atomic():
            RandomValue.objects.filter(lottery=published).update(value=SECOND)
        row = RandomValue.objects.get(lottery=published)
        row.value = SECOND
        with pytest.raises(DatabaseError), transaction.atomic():
            row.save()
        assert Lottery.objects.get(pk=published.pk).random_value == FIRST
        assert list(RandomValue.objects.values_list("value", flat=True)) == [FIRST]

    def test_the_page_and_the_audit_log_hold_the_one_value_and_its_time(
        self, client, published, facilitator
    ):
        record_value(published, facilitator, FIRST)
        with pytest.raises(DomainError):
            record_value(published, facilitator, SECOND)
        row = RandomValue.objects.get(lottery=published)
        entry = AuditEntry.objects.get(action="lottery.random")
        assert entry.data["value"] == FIRST
        assert entry.data["recorded_at"] == row.recorded_at.isoformat()
        assert entry.data["random_source"] == published.random_source
        body = client.get(reverse("calls:lottery-verify", args=[published.call_id])).content
        body = body.decode()
        assert FIRST in body and SECOND not in body
        assert published.random_source in body
        assert "recorded on" in body and "known after" in body

    def test_the_view_refuses_a_second_value_and_keeps_the_first(
        self, client, published, facilitator
    ):
        let_time_pass(published)
        client.force_login(facilitator)
        url = reverse("calls:lottery-random", args=[published.call_id])
        client.post(url, {"value": FIRST})
        response = client.post(url, {"value": SECOND})
        assert response.status_code == 200
        assert "ne peut pas être remplacée" in response.content.decode()  # (the site is in French)
        assert Lottery.objects.get(pk=published.pk).random_value == FIRST

    def test_no_value_before_the_hash_even_in_the_database(
        self, lab, facilitator, django_capture_on_commit_callbacks
    ):
        call, _ = ready_call(lab, facilitator)
        with django_capture_on_commit_callbacks(execute=False):
            lottery = start_lottery(call, facilitator)
        with pytest.raises(DomainError, match="after the list hash"):
            record_value(lottery, facilitator, FIRST)
        with pytest.raises(IntegrityError), transaction.atomic():
            RandomValue.objects.create(lottery=lottery, kind="original", value=FIRST)

    def test_the_source_is_declared_before_the_list_and_in_the_future(
        self, lab, facilitator, django_capture_on_commit_callbacks, eager_celery
    ):
        call, _ = ready_call(lab, facilitator)
        with pytest.raises(DomainError, match="in the future"):
            cs.lottery_start(actor=facilitator, call=call, **declaration(hours=-1))
        with pytest.raises(DomainError, match="where the random value"):
            cs.lottery_start(
                actor=facilitator,
                call=call,
                random_source="  ",
                random_known_after=timezone.now() + timedelta(hours=1),
            )
        with pytest.raises(TypeError):  # no lottery without a declared source
            cs.lottery_start(actor=facilitator, call=call)
        assert not Lottery.objects.exists()
        with django_capture_on_commit_callbacks(execute=True):
            lottery = start_lottery(call, facilitator)
        lottery.refresh_from_db()
        assert lottery.random_declared_at < lottery.hash_published_at < lottery.random_known_after
        entry = AuditEntry.objects.get(action="lottery.start")
        assert entry.data["random_source"] == lottery.random_source
        # the value does not exist before the declared time: recording it then is refused
        with pytest.raises(DomainError, match="not known yet"):
            cs.lottery_record_random(actor=facilitator, lottery=lottery, value=FIRST)
        # and the source cannot be swapped for another once the list is out
        with pytest.raises(DomainError, match="cannot change"):
            cs.lottery_declare_source(actor=facilitator, lottery=lottery, **_new_source(hours=3))

    def test_a_list_published_after_the_value_was_known_needs_a_new_source(
        self, published, facilitator
    ):
        # the computation ended after the declared time (simulated): the value may have
        # been known before the list was fixed, so it cannot be used
        Lottery.objects.filter(pk=published.pk).update(
            random_known_after=published.hash_published_at,
            random_declared_at=published.hash_published_at - timedelta(minutes=5),
        )
        with pytest.raises(DomainError, match="declare a new source"):
            record_value(published, facilitator, FIRST)
        with pytest.raises(DomainError, match="in the future"):
            cs.lottery_declare_source(actor=facilitator, lottery=published, **_new_source(hours=-1))
        cs.lottery_declare_source(actor=facilitator, lottery=published, **_new_source(hours=2))
        entry = AuditEntry.objects.get(action="lottery.declare_source")
        assert entry.data["void_known_after"] == published.hash_published_at.isoformat()
        record_value(published, facilitator, FIRST)
        assert Lottery.objects.get(pk=published.pk).random_value == FIRST


def _new_source(hours):
    return {
        "source": "drand quicknet round at that time",
        "known_after": timezone.now() + timedelta(hours=hours),
    }


class TestCorrection:
    def test_a_typo_is_corrected_once_publicly_and_the_draw_uses_the_correction(
        self, client, published, facilitator
    ):
        record_value(published, facilitator, FIRST)
        lottery = cs.lottery_draw(actor=facilitator, lottery=published)
        with pytest.raises(DomainError, match="at least 20"):
            cs.lottery_correct_random(
                actor=facilitator, lottery=lottery, value=SECOND, reason="typo"
            )
        with pytest.raises(DomainError, match="same as"):
            cs.lottery_correct_random(
                actor=facilitator, lottery=lottery, value=FIRST, reason=REASON
            )
        corrected = "12-5-33-8-42"
        lottery = cs.lottery_correct_random(
            actor=facilitator, lottery=lottery, value=corrected, reason=REASON
        )
        expected = draw_panel(cs.lottery_panels(lottery), corrected)
        assert lottery.random_value == corrected
        assert lottery.index == expected.index and lottery.panel == list(expected.panel)
        with pytest.raises(DomainError, match="already corrected"):
            cs.lottery_correct_random(
                actor=facilitator, lottery=lottery, value=SECOND, reason=REASON
            )
        with pytest.raises(IntegrityError), transaction.atomic():
            RandomValue.objects.create(
                lottery=lottery, kind="correction", value=SECOND, reason=REASON
            )
        entry = AuditEntry.objects.get(action="lottery.random_correct")
        assert entry.data["original"] == FIRST and entry.data["value"] == corrected
        assert entry.data["reason"] == REASON and entry.data["redrawn"] is True
        body = client.get(reverse("calls:lottery-verify", args=[lottery.call_id])).content
        body = body.decode()
        assert 'id="random-original"' in body and FIRST in body
        assert 'id="random-correction"' in body and corrected in body and REASON in body
        assert f'<dd id="chosen-index">{lottery.index}</dd>' in body

    def test_a_correction_without_reason_is_refused_by_the_database(self, published, facilitator):
        record_value(published, facilitator, FIRST)
        with pytest.raises(IntegrityError), transaction.atomic():
            RandomValue.objects.create(lottery=published, kind="correction", value=SECOND)

    def test_no_correction_once_seat_invitations_are_made(self, published, facilitator):
        record_value(published, facilitator, FIRST)
        lottery = cs.lottery_draw(actor=facilitator, lottery=published)
        cs.panel_invite(actor=facilitator, lottery=lottery)
        with pytest.raises(DomainError, match="Seat invitations"):
            cs.lottery_correct_random(
                actor=facilitator, lottery=lottery, value=SECOND, reason=REASON
            )
        assert Lottery.objects.get(pk=lottery.pk).random_value == FIRST


# 2. The pool cannot be stuffed -----------------------------------------------------------
VALID = {
    "name": "Ali",
    "contact": "+33 6 11 22 33 44",
    "q_gender": "woman",
    "q_language-group": "Dari",
    "consent": "on",
}


class TestStuffing:
    def test_300_rapid_applications_from_one_address(self, client, lab, facilitator):
        call = open_call(lab, facilitator)
        url = reverse("calls:call-apply", args=[call.pk])
        codes = [client.post(url, VALID).status_code for _ in range(300)]
        assert codes.count(200) == 10 and codes.count(429) == 290
        assert CallVolunteer.objects.filter(call=call).count() == 10
        # the refusal says why, and the form keeps what was typed
        response = client.post(url, VALID)
        body = response.content.decode()
        assert response.status_code == 429
        assert "Too many applications" in body and 'value="+33 6 11 22 33 44"' in body
        # a forged X-Forwarded-For header does not give a fresh address
        forged = client.post(url, VALID, HTTP_X_FORWARDED_FOR="203.0.113.9")
        assert forged.status_code == 429

    def test_many_addresses_hit_the_limit_of_the_call(self, client, lab, facilitator):
        call = open_call(lab, facilitator)
        url = reverse("calls:call-apply", args=[call.pk])
        codes = [
            client.post(url, VALID, REMOTE_ADDR=f"198.51.{i // 200}.{i % 200 + 1}").status_code
            for i in range(140)
        ]
        assert codes.count(200) == 100 and codes.count(429) == 40
        assert CallVolunteer.objects.filter(call=call).count() == 100
        # another call is not blocked by this one
        other = open_call(lab, facilitator, college="partners")
        other_url = reverse("calls:call-apply", args=[other.pk])
        assert client.post(other_url, VALID, REMOTE_ADDR="192.0.2.1").status_code == 200

    def test_a_form_with_errors_does_not_use_up_the_limit(self, client, lab, facilitator):
        call = open_call(lab, facilitator)
        url = reverse("calls:call-apply", args=[call.pk])
        for _ in range(15):
            assert client.post(url, {**VALID, "consent": ""}).status_code == 200
        assert client.post(url, VALID).status_code == 200

    def test_duplicates_are_flagged_to_the_facilitator(self, client, lab, facilitator):
        call = open_call(lab, facilitator)
        answers = {"gender": "woman", "language-group": "Dari"}
        applied = [
            cs.call_apply(call=call, contact=contact, answers=answers, consent=True, name=name)[0]
            for contact, name in [
                ("Ali.Mansour@Example.org", "Ali"),
                ("ali.mansour+2@example.org", "Someone"),
                ("+33 6 12 34 56 78", "Zoë  Martin"),
                ("06 12 34 56 78", "Paul"),
                ("hawa@example.org", "zoe martin"),
                ("lina@example.org", "Lina"),
            ]
        ]
        flags = {v.pseudonym: [(o, why) for o, why in f] for v, f in _flags(applied).items()}
        assert flags[applied[0].pseudonym] == [(applied[1].pseudonym, "contact")]
        assert flags[applied[2].pseudonym] == sorted(
            [(applied[3].pseudonym, "contact"), (applied[4].pseudonym, "name")]
        )
        assert applied[5].pseudonym not in flags
        client.force_login(facilitator)
        body = client.get(reverse("calls:call-detail", args=[call.pk])).content.decode()
        assert f"Même contact que {applied[1].pseudonym}" in body
        assert f"Même nom et mêmes réponses que {applied[2].pseudonym}" in body
        assert "5 ressemblent à d" in body  # "… à d’autres candidatures"

    def test_set_aside_applications_leave_the_pool_and_the_hash(
        self, client, lab, facilitator, eager_celery, django_capture_on_commit_callbacks
    ):
        call, applied = ready_call(lab, facilitator, n=14)
        twin = applied[0][0]
        with pytest.raises(DomainError, match="at least 10"):
            cs.volunteer_exclude(actor=facilitator, volunteer=twin, reason="dup")
        cs.volunteer_exclude(
            actor=facilitator, volunteer=twin, reason="Same person as another application"
        )
        entry = AuditEntry.objects.get(action="call.volunteer_exclude")
        assert entry.data["pseudonym"] == twin.pseudonym and entry.actor == facilitator
        with django_capture_on_commit_callbacks(execute=True):
            start_lottery(call, facilitator)
        lottery = Lottery.objects.get(call=call)
        assert lottery.pool_size == 13 and lottery.excluded_count == 1
        assert twin.pseudonym not in lottery.pool_csv
        assert twin.pseudonym not in lottery.panels_text
        assert twin.pseudonym not in lottery.probabilities
        body = client.get(reverse("calls:lottery-verify", args=[call.pk])).content.decode()
        assert '<dd id="pool-size">13 (1 application set aside' in body
        # once the lottery is under way, nothing can be set aside or brought back
        other = applied[1][0]
        with pytest.raises(DomainError, match="pool is fixed"):
            cs.volunteer_exclude(
                actor=facilitator, volunteer=other, reason="Same person as another application"
            )
        with pytest.raises(DomainError, match="pool is fixed"):
            cs.volunteer_reinstate(actor=facilitator, volunteer=twin)
        client.force_login(facilitator)
        response = client.post(
            reverse("calls:volunteer-exclude", args=[call.pk, other.pk]),
            {"reason": "Same person as another application"},
            follow=True,
        )
        assert "le vivier est figé" in response.content.decode()
        assert CallVolunteer.objects.get(pk=other.pk).excluded_at is None

    def test_set_aside_and_back_through_the_page(self, client, lab, facilitator):
        call = open_call(lab, facilitator)
        volunteer, _ = apply_many(call, 3)[0]
        client.force_login(facilitator)
        url = reverse("calls:volunteer-exclude", args=[call.pk, volunteer.pk])
        response = client.post(url, {"reason": ""}, follow=True)
        assert "Dites pourquoi" in response.content.decode()
        client.post(url, {"reason": "A test entry made by the team"})
        assert CallVolunteer.objects.get(pk=volunteer.pk).excluded_at is not None
        public = client.get(reverse("calls:call-apply", args=[call.pk])).content.decode()
        assert '<p id="pool-size">2 candidatures pour l' in public
        client.post(reverse("calls:volunteer-reinstate", args=[call.pk, volunteer.pk]))
        assert CallVolunteer.objects.get(pk=volunteer.pk).excluded_at is None
        assert AuditEntry.objects.filter(action="call.volunteer_reinstate").count() == 1
        assert (
            client.post(reverse("calls:volunteer-exclude", args=[call.pk, 99999])).status_code
            == 404
        )


def _flags(volunteers):
    data = [
        {
            "id": v.pk,
            "pseudonym": v.pseudonym,
            "contact": v.contact,
            "name": v.name,
            "answers": v.answers,
        }
        for v in volunteers
    ]
    by_id = {v.pk: v for v in volunteers}
    return {by_id[pk]: found for pk, found in duplicate_flags(data).items()}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Ali@Example.org", "ali@example.org", True),
        ("ali+x@example.org", "ali@example.org", True),
        ("a.li@gmail.com", "ali@googlemail.com", True),
        ("a.li@example.org", "ali@example.org", False),
        ("+33 6 12 34 56 78", "0033612345678", True),
        ("+33 6 12 34 56 78", "06.12.34.56.78", True),
        ("+33 6 12 34 56 78", "+33 6 12 34 56 79", False),
    ],
)
def test_normalised_contacts(a, b, same):
    assert (normalise_contact(a) == normalise_contact(b)) is same


def test_normalised_names():
    assert normalise_name(" Zoë   MARTIN ") == normalise_name("zoe-martin") == "zoe martin"
    assert normalise_name("") == ""


def test_start_form_keeps_what_was_typed(client, lab, facilitator):
    call, _ = ready_call(lab, facilitator)
    client.force_login(facilitator)
    data = {**start_data(hours=-2)}
    response = client.post(reverse("calls:lottery-start", args=[call.pk]), data)
    body = response.content.decode()
    assert response.status_code == 200 and "dans le futur" in body
    assert data["random_source"] in body and not Lottery.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_recordings_at_once_keep_exactly_one(lab, facilitator, eager_celery):
    """Two facilitators (or two tabs) record different values at the same moment."""
    import threading

    from django.db import connection

    call, _ = ready_call(lab, facilitator)
    lottery = cs.lottery_compute(lottery_id=start_lottery(call, facilitator).pk)
    barrier = threading.Barrier(2)
    outcomes = []

    def record(value):
        try:
            barrier.wait()
            record_value(lottery, facilitator, value)
            outcomes.append(("ok", value))
        except DomainError as exc:
            outcomes.append(("refused", str(exc.message)))
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(v,)) for v in (FIRST, SECOND)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(kind for kind, _ in outcomes) == ["ok", "refused"]
    won = next(value for kind, value in outcomes if kind == "ok")
    assert list(RandomValue.objects.values_list("value", flat=True)) == [won]
    assert AuditEntry.objects.filter(action="lottery.random").count() == 1
