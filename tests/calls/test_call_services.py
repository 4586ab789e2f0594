"""Calls, applications, quotas, the lottery task, the draw, replacements and the purge."""

import hashlib
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from calls import services as cs
from calls.models import Call, CallVolunteer, Lottery, LotteryStatus, RandomValue, Replacement
from calls.selectors import volunteer_by_receipt
from calls.tasks import purge_call_answers
from core.exceptions import DomainError
from core.models import AuditEntry
from sortition import LeximinError, replacement_candidates
from tests.calls.call_helpers import (
    QUESTIONS,
    STANDARD_QUOTAS,
    apply_many,
    open_call,
    ready_call,
    record_value,
    set_phase,
    set_quotas,
    start_lottery,
)

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "verify_panel_draw.py"


def run_lottery(call, facilitator, capture):
    with capture(execute=True):
        start_lottery(call, facilitator)
    return Lottery.objects.get(call=call)


def drawn(call, facilitator, capture, value="drand round 4200: 9f3a"):
    lottery = run_lottery(call, facilitator, capture)
    record_value(lottery, facilitator, value)
    return cs.lottery_draw(actor=facilitator, lottery=lottery)


def quota_counts(call, pseudonyms):
    by = {v.pseudonym: v.answers for v in CallVolunteer.objects.filter(call=call)}
    return Counter((k, val) for p in pseudonyms for k, val in by[p].items())


def meets_standard_quotas(call, pseudonyms):
    counts = quota_counts(call, pseudonyms)
    keys = {"Gender": "gender", "Language group": "language-group"}
    return len(pseudonyms) == call.seats and all(
        low <= counts[keys[q], a] <= high for (q, a), (low, high) in STANDARD_QUOTAS.items()
    )


def verify(tmp_path, lottery, *extra):
    panels = tmp_path / "panels.txt"
    panels.write_bytes(lottery.panels_text.encode())
    out = subprocess.run(
        [sys.executable, str(SCRIPT), str(panels), lottery.list_hash, lottery.random_value, *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    return dict(line.split(": ", 1) for line in out.stdout.splitlines() if ": " in line)


class TestCall:
    def test_open_writes_questions_and_default_quotas(self, lab, facilitator):
        call = open_call(lab, facilitator, seats=4)
        questions = list(call.questions.all())
        assert [q.label for q in questions] == ["Gender", "Language group"]
        assert [q.key for q in questions] == ["gender", "language-group"]
        answers = list(questions[1].answers.all())
        assert [(a.label, a.min_seats, a.max_seats) for a in answers] == [
            ("Arabic", 0, 4),
            ("Dari", 0, 4),
            ("French", 0, 4),
        ]
        assert AuditEntry.objects.filter(action="call.open").count() == 1

    def test_only_in_the_call_phase(self, lab, facilitator):
        set_phase(lab, "selection", facilitator)
        with pytest.raises(DomainError, match="call phase"):
            open_call(lab, facilitator)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"seats": 11}, "between 1 and 10"),
            ({"college": ""}, "college"),
            ({"retention_days": 0}, "kept between"),
        ],
    )
    def test_bad_fields(self, lab, facilitator, kwargs, message):
        with pytest.raises(DomainError, match=message):
            open_call(lab, facilitator, **kwargs)
        assert not Call.objects.exists()

    def test_questions_need_two_answers(self, lab, facilitator):
        with pytest.raises(DomainError, match="at least two answers"):
            cs.call_open(
                actor=facilitator,
                space=lab,
                college="newcomers",
                title="T",
                seats=2,
                deadline=timezone.now() + timedelta(days=1),
                replacement_rule="lottery",
                retention_days=10,
                questions=[("Gender", ["woman"])],
            )

    def test_agora_call_has_no_college_and_counts_free_seats(self, agora, facilitator, members):
        call = open_call(agora, facilitator, seats=12, college="")
        assert call.college == ""
        with pytest.raises(DomainError, match="between 1 and 12"):
            open_call(agora, facilitator, seats=13, college="")

    def test_questions_frozen_once_someone_applied(self, lab, facilitator):
        call = open_call(lab, facilitator)
        apply_many(call, 1)
        with pytest.raises(DomainError, match="People have applied"):
            cs.call_update(
                actor=facilitator,
                call=call,
                title=call.title,
                seats=call.seats,
                deadline=call.deadline,
                replacement_rule="lottery",
                retention_days=30,
                questions=[("Gender", ["woman", "man", "other"])],
            )
        # unchanged questions: the other fields may still change
        cs.call_update(
            actor=facilitator,
            call=call,
            title="New title",
            seats=3,
            deadline=call.deadline,
            replacement_rule="alternates",
            retention_days=60,
            questions=QUESTIONS,
        )
        call.refresh_from_db()
        assert (call.title, call.seats, call.replacement_rule) == ("New title", 3, "alternates")
        assert set(call.questions.values_list("answers__max_seats", flat=True)) == {3}


class TestApply:
    def test_receipt_code_is_shown_once_and_only_its_hash_kept(self, lab, facilitator):
        call = open_call(lab, facilitator)
        volunteer, code = cs.call_apply(
            call=call,
            contact="amina@example.org",
            answers={"gender": "woman", "language-group": "Arabic"},
            consent=True,
        )
        assert volunteer.pseudonym.startswith("V-") and len(volunteer.pseudonym) == 6
        assert code not in str(CallVolunteer.objects.filter(pk=volunteer.pk).values().get())
        assert volunteer.receipt_hash == hashlib.sha256(code.replace("-", "").encode()).hexdigest()
        assert volunteer_by_receipt(call=call, code=code.lower()) == volunteer
        assert volunteer_by_receipt(call=call, code="AAAA-BBBB-CCCC") is None
        assert volunteer_by_receipt(call=call, code="") is None
        entry = AuditEntry.objects.get(action="call.apply")
        assert "amina" not in str(entry.data) and entry.actor is None

    def test_consent_is_required(self, lab, facilitator):
        call = open_call(lab, facilitator)
        with pytest.raises(DomainError, match="consent"):
            cs.call_apply(
                call=call,
                contact="a@example.org",
                answers={"gender": "woman", "language-group": "Arabic"},
                consent=False,
            )
        assert not CallVolunteer.objects.exists()

    @pytest.mark.parametrize("contact", ["", "not an address", "a@b", "12"])
    def test_a_contact_is_required(self, lab, facilitator, contact):
        call = open_call(lab, facilitator)
        with pytest.raises(DomainError):
            cs.call_apply(
                call=call,
                contact=contact,
                answers={"gender": "woman", "language-group": "Arabic"},
                consent=True,
            )

    def test_every_question_needs_a_known_answer(self, lab, facilitator):
        call = open_call(lab, facilitator)
        with pytest.raises(DomainError, match="Language group"):
            cs.call_apply(
                call=call,
                contact="+33 6 12 34 56 78",
                answers={"gender": "woman", "language-group": "Klingon"},
                consent=True,
            )

    def test_closed_call_refuses(self, lab, facilitator):
        call = open_call(lab, facilitator)
        cs.call_close(actor=facilitator, call=call)
        with pytest.raises(DomainError, match="closed"):
            apply_many(call, 1)

    def test_lab_leaving_the_call_phase_closes_calls(self, lab, facilitator):
        call = open_call(lab, facilitator)
        set_phase(lab, "selection", facilitator)
        call.refresh_from_db()
        assert not cs.call_is_open(call)


class TestQuotas:
    def test_set_and_bad_bounds(self, lab, facilitator):
        call = open_call(lab, facilitator)
        set_quotas(call, facilitator, {("Gender", "woman"): (1, 3)})
        assert call.questions.get(key="gender").answers.get(label="woman").min_seats == 1
        with pytest.raises(DomainError, match="minimum"):
            set_quotas(call, facilitator, {("Gender", "woman"): (3, 1)})
        with pytest.raises(DomainError, match="minimum"):
            set_quotas(call, facilitator, {("Gender", "woman"): (0, 5)})

    def test_infeasible_quotas_refuse_the_lottery(self, lab, facilitator):
        call = open_call(lab, facilitator)
        apply_many(call, 10)
        set_quotas(call, facilitator, {("Gender", "woman"): (4, 4), ("Gender", "man"): (1, 4)})
        cs.call_close(actor=facilitator, call=call)
        set_phase(lab, "selection", facilitator)
        with pytest.raises(DomainError, match="Relax"):
            start_lottery(call, facilitator)
        assert not Lottery.objects.exists()


class TestLottery:
    def test_start_needs_selection_phase_and_closed_call(self, lab, facilitator):
        call = open_call(lab, facilitator)
        apply_many(call, 8)
        with pytest.raises(DomainError, match="selection phase"):
            start_lottery(call, facilitator)

    def test_too_few_volunteers(self, lab, facilitator):
        call = open_call(lab, facilitator, seats=4)
        apply_many(call, 3)
        cs.call_close(actor=facilitator, call=call)
        set_phase(lab, "selection", facilitator)
        with pytest.raises(DomainError, match="not enough"):
            start_lottery(call, facilitator)

    def test_task_end_to_end_publishes_hash_then_draws(
        self, lab, facilitator, eager_celery, django_capture_on_commit_callbacks, tmp_path
    ):
        call, applied = ready_call(lab, facilitator)
        lottery = run_lottery(call, facilitator, django_capture_on_commit_callbacks)
        assert lottery.status == LotteryStatus.PUBLISHED
        assert lottery.progress == 100
        assert lottery.n_panels == cs.N_PANELS
        assert lottery.list_hash == hashlib.sha256(lottery.panels_text.encode()).hexdigest()
        assert lottery.hash_published_at is not None and not lottery.random_value
        assert abs(sum(lottery.probabilities.values()) - call.seats) < 1e-6
        assert set(lottery.probabilities) == {v.pseudonym for v, _ in applied}
        lines = lottery.panels_text.splitlines()
        assert len(lines) == cs.N_PANELS
        assert all(meets_standard_quotas(call, line.split(",")) for line in set(lines))
        assert AuditEntry.objects.get(action="lottery.publish").data["list_hash"] == (
            lottery.list_hash
        )
        with pytest.raises(DomainError, match="random value"):
            cs.lottery_draw(actor=facilitator, lottery=lottery)
        value = "drand 4200: 0a1b2c"
        record_value(lottery, facilitator, value)
        lottery = cs.lottery_draw(actor=facilitator, lottery=lottery)
        assert lottery.status == LotteryStatus.DRAWN
        assert meets_standard_quotas(call, lottery.panel)
        out = verify(tmp_path, lottery)
        assert out["list_hash"] == f"OK {lottery.list_hash}"
        assert int(out["index"]) == lottery.index
        assert out["panel"] == ",".join(lottery.panel)
        with pytest.raises(DomainError):
            record_value(lottery, facilitator, "y")
        with pytest.raises(DomainError, match="already started"):
            start_lottery(call, facilitator)

    def test_random_value_cannot_exist_before_the_hash(
        self, lab, facilitator, django_capture_on_commit_callbacks
    ):
        call, _ = ready_call(lab, facilitator)
        with django_capture_on_commit_callbacks(execute=False):
            lottery = start_lottery(call, facilitator)
        assert lottery.status == LotteryStatus.QUEUED
        with pytest.raises(DomainError, match="after the list hash"):
            record_value(lottery, facilitator, "v")
        with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses too
            RandomValue.objects.create(lottery=lottery, kind="original", value="v")

    def test_failure_is_recorded_loudly_without_fallback(
        self, lab, facilitator, eager_celery, django_capture_on_commit_callbacks, monkeypatch
    ):
        call, _ = ready_call(lab, facilitator)

        def fail(problem, **kwargs):
            raise LeximinError("column generation exceeded 1 iterations")

        monkeypatch.setattr(cs.core, "compute_leximin", fail)
        lottery = run_lottery(call, facilitator, django_capture_on_commit_callbacks)
        assert lottery.status == LotteryStatus.FAILED
        assert "exceeded 1 iterations" in lottery.error
        assert not lottery.list_hash and not lottery.panels_text
        monkeypatch.undo()
        lottery = run_lottery(call, facilitator, django_capture_on_commit_callbacks)
        assert lottery.status == LotteryStatus.PUBLISHED and not lottery.error

    def test_duplicate_task_delivery_is_ignored(
        self, lab, facilitator, eager_celery, django_capture_on_commit_callbacks
    ):
        call, _ = ready_call(lab, facilitator)
        lottery = run_lottery(call, facilitator, django_capture_on_commit_callbacks)
        again = cs.lottery_compute(lottery_id=lottery.pk)
        assert again.list_hash == lottery.list_hash
        assert again.hash_published_at == lottery.hash_published_at


class TestReplacement:
    @pytest.mark.parametrize("rule", ["lottery", "alternates"])
    def test_replacement_keeps_quotas_and_matches_the_script(
        self, lab, facilitator, eager_celery, django_capture_on_commit_callbacks, tmp_path, rule
    ):
        call, _ = ready_call(lab, facilitator, rule=rule)
        lottery = drawn(call, facilitator, django_capture_on_commit_callbacks)
        if rule == "alternates":
            assert (
                len(lottery.alternates)
                == len({m for line in lottery.panels_text.splitlines() for m in line.split(",")})
                - call.seats
            )
        dropouts = []
        problem = cs.problem_from_csv(lottery.pool_csv, lottery.quotas_csv, call.seats)
        for _ in range(2):
            lottery.refresh_from_db()
            replaceable = [  # a member someone can replace within the quotas
                m
                for m in sorted(lottery.current_panel)
                if replacement_candidates(problem, lottery.current_panel, m, [*dropouts, m])
            ]
            first = CallVolunteer.objects.get(call=call, pseudonym=replaceable[0])
            replacement = cs.volunteer_drop_out(actor=facilitator, lottery=lottery, volunteer=first)
            dropouts.append(first.pseudonym)
            lottery.refresh_from_db()
            assert replacement.replacement.pseudonym in lottery.current_panel
            assert first.pseudonym not in lottery.current_panel
            assert meets_standard_quotas(call, lottery.current_panel)
        assert list(Replacement.objects.values_list("number", flat=True)) == [1, 2]
        (tmp_path / "pool.csv").write_text(lottery.pool_csv)
        (tmp_path / "quotas.csv").write_text(lottery.quotas_csv)
        extra = ["--pool", str(tmp_path / "pool.csv"), "--quotas", str(tmp_path / "quotas.csv")]
        extra += ["--rule", rule]
        for d in dropouts:
            extra += ["--dropout", d]
        out = verify(tmp_path, lottery, *extra)
        assert out["final panel"] == ",".join(sorted(lottery.current_panel))
        if rule == "alternates":
            assert out["alternates"] == ",".join(lottery.alternates)

    def test_only_panel_members_drop_out(
        self, lab, facilitator, eager_celery, django_capture_on_commit_callbacks
    ):
        call, _ = ready_call(lab, facilitator)
        lottery = drawn(call, facilitator, django_capture_on_commit_callbacks)
        outsider = CallVolunteer.objects.filter(call=call).exclude(pseudonym__in=lottery.panel)[0]
        with pytest.raises(DomainError, match="not on the panel"):
            cs.volunteer_drop_out(actor=facilitator, lottery=lottery, volunteer=outsider)

    def test_no_candidate_left_asks_for_a_public_decision(
        self, lab, facilitator, eager_celery, django_capture_on_commit_callbacks
    ):
        call, _ = ready_call(lab, facilitator, n=5, seats=4)
        lottery = drawn(call, facilitator, django_capture_on_commit_callbacks)
        # 5 volunteers: one replacement at most can keep the quotas; go until it refuses
        with pytest.raises(DomainError, match="publicly"):
            for _ in range(5):
                lottery.refresh_from_db()
                member = CallVolunteer.objects.get(
                    call=call, pseudonym=sorted(lottery.current_panel)[0]
                )
                cs.volunteer_drop_out(actor=facilitator, lottery=lottery, volunteer=member)


class TestInvitations:
    def test_selected_people_get_seat_invitations(
        self, lab, facilitator, eager_celery, django_capture_on_commit_callbacks
    ):
        call, _ = ready_call(lab, facilitator)
        lottery = drawn(call, facilitator, django_capture_on_commit_callbacks)
        made = cs.panel_invite(actor=facilitator, lottery=lottery)
        assert sorted(v.pseudonym for v, _ in made) == sorted(lottery.panel)
        seats = {v.invitation.seat for v, _ in made}
        assert len(seats) == call.seats and {s.college for s in seats} == {"newcomers"}
        with pytest.raises(DomainError, match="already has an invitation"):
            cs.panel_invite(actor=facilitator, lottery=lottery)


class TestPurge:
    def test_purge_deletes_answers_and_contacts_once(
        self, lab, facilitator, eager_celery, django_capture_on_commit_callbacks
    ):
        call, _ = ready_call(lab, facilitator)
        lottery = drawn(call, facilitator, django_capture_on_commit_callbacks)
        assert cs.calls_purge_due() == 0  # not due yet
        later = call.purge_on() + timedelta(minutes=1)
        assert cs.calls_purge_due(now=later) == 1
        call.refresh_from_db()
        assert call.answers_deleted_at == later
        rows = list(call.volunteers.values_list("answers", "contact", "name"))
        assert len(rows) == 12 and all(row == ({}, "", "") for row in rows)
        lottery.refresh_from_db()
        assert lottery.pool_csv == "" and lottery.list_hash and lottery.panel
        assert cs.calls_purge_due(now=later + timedelta(days=1)) == 0
        assert AuditEntry.objects.filter(action="call.purge").count() == 1
        with pytest.raises(DomainError, match="deleted"):
            member = CallVolunteer.objects.get(call=call, pseudonym=lottery.panel[0])
            cs.volunteer_drop_out(actor=facilitator, lottery=lottery, volunteer=member)

    def test_beat_task_runs_the_purge(self, lab, facilitator):
        call = open_call(lab, facilitator)
        apply_many(call, 2)
        Call.objects.filter(pk=call.pk).update(deadline=timezone.now() - timedelta(days=31))
        assert purge_call_answers() == 1
        assert purge_call_answers() == 0
        assert not CallVolunteer.objects.exclude(contact="").exists()
