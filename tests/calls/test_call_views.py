"""Pages of the selection pipeline: bad input gives clear messages and keeps what was typed;
nothing private reaches public pages; the downloadable list is the published one."""

import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from calls import services as cs
from calls.models import Call, CallVolunteer, Lottery, LotteryStatus
from tests.calls.call_helpers import (
    apply_many,
    let_time_pass,
    open_call,
    ready_call,
    set_quotas,
    start_data,
    start_lottery,
)

VALID = {"contact": "+33 6 11 22 33 44", "q_gender": "woman", "q_language-group": "Dari"}


@pytest.fixture(autouse=True)
def _english(client, facilitator):
    facilitator.interface_language = "en"
    facilitator.save(update_fields=["interface_language"])
    with override("en"):
        client.cookies["django_language"] = "en"
        yield


@pytest.fixture
def call(lab, facilitator):
    return open_call(lab, facilitator)


class TestCallForm:
    def test_create_with_questions(self, client, lab, facilitator):
        client.force_login(facilitator)
        url = reverse("calls:call-create", args=[lab.slug])
        assert client.get(url).status_code == 200
        data = {
            "college": "partners",
            "title": "Partners wanted",
            "seats": "5",
            "deadline_date": (timezone.now() + timezone.timedelta(days=9)).date().isoformat(),
            "deadline_time": "18:00",
            "questions": "Organisation: association; public service\nArea: north; south",
            "replacement_rule": "alternates",
            "retention_days": "60",
        }
        response = client.post(url, data)
        call = Call.objects.get()
        assert response.status_code == 302 and response.url == reverse(
            "calls:call-detail", args=[call.pk]
        )
        assert [q.key for q in call.questions.all()] == ["organisation", "area"]

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"questions": "Gender woman man"}, "put a colon"),
            ({"questions": "Gender: woman"}, "at least two answers"),
            ({"seats": "11"}, "between 1 and 10"),
            ({"deadline_date": "2020-01-01"}, "in the future"),
        ],
    )
    def test_bad_input_keeps_what_was_typed(self, client, lab, facilitator, change, message):
        client.force_login(facilitator)
        data = {
            "college": "newcomers",
            "title": "Typed title",
            "seats": "4",
            "deadline_date": (timezone.now() + timezone.timedelta(days=9)).date().isoformat(),
            "deadline_time": "18:00",
            "questions": "Gender: woman; man",
            "replacement_rule": "lottery",
            "retention_days": "30",
        } | change
        response = client.post(reverse("calls:call-create", args=[lab.slug]), data)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert "Typed title" in response.content.decode()
        assert not Call.objects.exists()

    def test_outside_the_call_phase_says_why(self, client, lab, facilitator):
        from tests.calls.call_helpers import set_phase

        set_phase(lab, "selection", facilitator)
        client.force_login(facilitator)
        response = client.get(reverse("calls:call-create", args=[lab.slug]))
        assert response.status_code == 200
        assert "only in the lab's call phase" in response.content.decode()


class TestApply:
    @pytest.mark.parametrize("language", ["fr", "ar"])
    def test_public_form_without_account(self, client, call, language):
        client.cookies["django_language"] = language
        response = client.get(
            reverse("calls:call-apply", args=[call.pk]), HTTP_ACCEPT_LANGUAGE=language
        )
        assert response.status_code == 200
        assert 'name="consent"' in response.content.decode()

    def test_missing_consent_keeps_the_answers(self, client, call):
        data = dict(VALID)
        response = client.post(reverse("calls:call-apply", args=[call.pk]), data)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Tick this box to apply" in body
        assert "+33 6 11 22 33 44" in body
        assert 'value="Dari" checked' in body or 'value="Dari"\n' in body or "checked" in body
        assert not CallVolunteer.objects.exists()

    def test_bad_contact_message(self, client, call):
        response = client.post(
            reverse("calls:call-apply", args=[call.pk]),
            VALID | {"contact": "nope", "consent": "on"},
        )
        assert response.status_code == 200
        assert "e-mail address or a phone number" in response.content.decode()
        assert not CallVolunteer.objects.exists()

    def test_receipt_shown_once_not_cached(self, client, call):
        response = client.post(
            reverse("calls:call-apply", args=[call.pk]), VALID | {"consent": "on"}
        )
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        volunteer = CallVolunteer.objects.get()
        body = response.content.decode()
        assert volunteer.pseudonym in body
        code = body.split('id="receipt-code" dir="ltr">')[1].split("<")[0]
        assert hashlib.sha256(code.replace("-", "").encode()).hexdigest() == volunteer.receipt_hash

    def test_closed_call_says_so(self, client, call, facilitator):
        cs.call_close(actor=facilitator, call=call)
        response = client.post(
            reverse("calls:call-apply", args=[call.pk]), VALID | {"consent": "on"}
        )
        assert response.status_code == 200
        assert "This call is closed" in response.content.decode()
        assert not CallVolunteer.objects.exists()


class TestLookup:
    def test_bad_code(self, client, call):
        response = client.post(reverse("calls:call-lookup", args=[call.pk]), {"code": "ZZZZ"})
        assert response.status_code == 200
        assert "No application of this call has this receipt code" in response.content.decode()

    def test_empty_code(self, client, call):
        response = client.post(reverse("calls:call-lookup", args=[call.pk]), {"code": ""})
        assert response.status_code == 200
        assert "This field is required" in response.content.decode()

    def test_before_and_after_the_draw(
        self,
        client,
        lab,
        facilitator,
        eager_celery,
        django_capture_on_commit_callbacks,
    ):
        call, applied = ready_call(lab, facilitator)
        volunteer, code = applied[0]
        url = reverse("calls:call-lookup", args=[call.pk])
        body = client.post(url, {"code": code}).content.decode()
        assert volunteer.pseudonym in body and "not computed yet" in body
        client.force_login(facilitator)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("calls:lottery-start", args=[call.pk]), start_data())
        let_time_pass(Lottery.objects.get())
        client.post(reverse("calls:lottery-random", args=[call.pk]), {"value": "7-7-7"})
        client.post(reverse("calls:lottery-draw", args=[call.pk]))
        client.logout()
        lottery = Lottery.objects.get()
        assert lottery.status == LotteryStatus.DRAWN
        body = client.post(url, {"code": code.lower()}).content.decode()
        with override("en"):
            selected = volunteer.pseudonym in lottery.panel
            assert ("You are selected" in body) == selected
        assert "Your chance of being selected" in body
        # nobody else's pseudonym or answers on the page
        other = applied[1][0]
        assert other.pseudonym not in body


class TestQuotasPage:
    def test_infeasible_quotas_suggest_relaxation_in_words(self, client, call, facilitator):
        apply_many(call, 10)
        set_quotas(call, facilitator, {("Gender", "woman"): (4, 4), ("Gender", "man"): (1, 4)})
        client.force_login(facilitator)
        body = client.get(reverse("calls:call-quotas", args=[call.pk])).content.decode()
        assert "No panel of the volunteers meets every quota" in body
        assert "lower the minimum from" in body

    def test_min_above_max_keeps_the_form(self, client, call, facilitator):
        client.force_login(facilitator)
        answer = call.questions.get(key="gender").answers.get(label="woman")
        man = call.questions.get(key="gender").answers.get(label="man")
        data = {}
        for a in cs.CallAnswer.objects.filter(question__call=call):
            data[f"min_{a.pk}"], data[f"max_{a.pk}"] = "0", "4"
        data[f"min_{answer.pk}"], data[f"max_{answer.pk}"] = "3", "2"
        data[f"min_{man.pk}"] = "x"
        response = client.post(reverse("calls:call-quotas", args=[call.pk]), data)
        assert response.status_code == 200
        body = response.content.decode()
        assert "The minimum is larger than the maximum" in body
        assert "Enter a whole number" in body
        answer.refresh_from_db()
        assert (answer.min_seats, answer.max_seats) == (0, 4)

    def test_too_few_volunteers(self, client, call, facilitator):
        client.force_login(facilitator)
        body = client.get(reverse("calls:call-quotas", args=[call.pk])).content.decode()
        assert "a panel cannot be drawn yet" in body


class TestLotteryPages:
    def test_wrong_phase_message_not_500(self, client, call, facilitator):
        apply_many(call, 6)
        client.force_login(facilitator)
        response = client.post(reverse("calls:lottery-start", args=[call.pk]), follow=True)
        assert response.status_code == 200
        assert "selection phase" in response.content.decode()
        assert not Lottery.objects.exists()

    def test_progress_page_refreshes_without_js(
        self, client, lab, facilitator, django_capture_on_commit_callbacks
    ):
        call, _ = ready_call(lab, facilitator)
        client.force_login(facilitator)
        with django_capture_on_commit_callbacks(execute=False):
            client.post(reverse("calls:lottery-start", args=[call.pk]), start_data())
        body = client.get(reverse("calls:call-detail", args=[call.pk])).content.decode()
        assert '<meta http-equiv="refresh"' in body and "<progress" in body
        # no random value before the hash: the form is not offered, and a POST is refused
        response = client.post(
            reverse("calls:lottery-random", args=[call.pk]),
            {"value": "v"},
            follow=True,
        )
        assert "only after the list hash is published" in response.content.decode()
        assert Lottery.objects.get().random_value == ""

    def test_failed_lottery_shows_the_error(
        self,
        client,
        lab,
        facilitator,
        eager_celery,
        django_capture_on_commit_callbacks,
        monkeypatch,
    ):
        from sortition import LeximinError

        call, _ = ready_call(lab, facilitator)

        def fail(problem, **kwargs):
            raise LeximinError("HiGHS returned Time limit reached on the leximin LP")

        monkeypatch.setattr(cs.core, "compute_leximin", fail)
        client.force_login(facilitator)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("calls:lottery-start", args=[call.pk]), start_data())
        body = client.get(reverse("calls:call-detail", args=[call.pk])).content.decode()
        assert "The computation failed" in body and "Time limit reached" in body

    def test_verification_page_and_downloads(
        self,
        client,
        lab,
        facilitator,
        eager_celery,
        django_capture_on_commit_callbacks,
    ):
        call, applied = ready_call(lab, facilitator)
        verify_url = reverse("calls:lottery-verify", args=[call.pk])
        assert "not been computed yet" in client.get(verify_url).content.decode()
        assert client.get(reverse("calls:lottery-panels", args=[call.pk])).status_code == 404
        client.force_login(facilitator)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("calls:lottery-start", args=[call.pk]), start_data())
        let_time_pass(Lottery.objects.get())
        client.post(reverse("calls:lottery-random", args=[call.pk]), {"value": " spaced value "})
        client.post(reverse("calls:lottery-draw", args=[call.pk]))
        lottery = Lottery.objects.get()
        assert lottery.random_value == " spaced value "  # kept exactly, not trimmed
        pool = client.get(reverse("calls:lottery-pool", args=[call.pk]))
        assert pool.status_code == 200 and b"language-group" in pool.content
        client.logout()
        assert client.get(reverse("calls:lottery-pool", args=[call.pk])).status_code == 302
        panels = client.get(reverse("calls:lottery-panels", args=[call.pk]))
        assert hashlib.sha256(panels.content).hexdigest() == lottery.list_hash
        body = client.get(verify_url).content.decode()
        assert lottery.list_hash in body
        assert f'<dd id="chosen-index">{lottery.index}</dd>' in body
        assert "python3 scripts/verify_panel_draw.py panels.txt" in body
        # aggregates and pseudonyms only: no contact, no individual answer
        for volunteer, _ in applied:
            assert volunteer.contact not in body
        assert "+33" not in body

    def test_dropout_through_the_page(
        self,
        client,
        lab,
        facilitator,
        eager_celery,
        django_capture_on_commit_callbacks,
    ):
        call, _ = ready_call(lab, facilitator)
        client.force_login(facilitator)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("calls:lottery-start", args=[call.pk]), start_data())
        let_time_pass(Lottery.objects.get())
        client.post(reverse("calls:lottery-random", args=[call.pk]), {"value": "1"})
        client.post(reverse("calls:lottery-draw", args=[call.pk]))
        lottery = Lottery.objects.get()
        problem = cs.problem_from_csv(lottery.pool_csv, lottery.quotas_csv, call.seats)
        from sortition import replacement_candidates

        member = next(
            m for m in lottery.panel if replacement_candidates(problem, lottery.panel, m, [m])
        )
        volunteer = CallVolunteer.objects.get(call=call, pseudonym=member)
        response = client.post(
            reverse("calls:volunteer-dropout", args=[call.pk, volunteer.pk]), follow=True
        )
        assert "takes the seat" in response.content.decode()
        body = client.get(reverse("calls:lottery-verify", args=[call.pk])).content.decode()
        assert f"{member} dropped out" in body and "--dropout" in body
        # an unknown volunteer id is a 404, not a 500
        assert (
            client.post(reverse("calls:volunteer-dropout", args=[call.pk, 99999])).status_code
            == 404
        )

    def test_invitations_shown_once(
        self,
        client,
        lab,
        facilitator,
        eager_celery,
        django_capture_on_commit_callbacks,
    ):
        call, _ = ready_call(lab, facilitator)
        client.force_login(facilitator)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("calls:lottery-start", args=[call.pk]), start_data())
        let_time_pass(Lottery.objects.get())
        client.post(reverse("calls:lottery-random", args=[call.pk]), {"value": "1"})
        client.post(reverse("calls:lottery-draw", args=[call.pk]))
        response = client.post(reverse("calls:panel-invite", args=[call.pk]))
        assert response["Cache-Control"] == "no-store"
        assert response.content.decode().count('<span class="copy-link">http') == call.seats
        again = client.post(reverse("calls:panel-invite", args=[call.pk]), follow=True)
        assert "already has an invitation" in again.content.decode()


class TestAfterThePurge:
    def test_pages_say_the_answers_are_deleted(
        self, client, lab, facilitator, eager_celery, django_capture_on_commit_callbacks
    ):
        call, _ = ready_call(lab, facilitator)
        with django_capture_on_commit_callbacks(execute=True):
            start_lottery(call, facilitator)
        cs.call_purge(call=call)
        client.force_login(facilitator)
        for name in ("calls:call-quotas", "calls:call-detail", "calls:lottery-verify"):
            response = client.get(reverse(name, args=[call.pk]))
            assert response.status_code == 200, name
            assert "Answers deleted on" in response.content.decode(), name
        assert client.get(reverse("calls:lottery-pool", args=[call.pk])).status_code == 404


def test_edit_form_shows_the_local_deadline(client, call, facilitator):
    from zoneinfo import ZoneInfo

    client.force_login(facilitator)
    body = client.get(reverse("calls:call-edit", args=[call.pk])).content.decode()
    local = call.deadline.astimezone(ZoneInfo("Europe/Paris"))
    assert f'value="{local.date().isoformat()}"' in body
    assert f'value="{local:%H:%M}"' in body
    assert "Gender: woman; man" in body
