from datetime import date

import pytest

from core.exceptions import DomainError
from core.models import AuditEntry
from labs.models import Lab
from labs.selectors import lab_phase_timeline
from labs.services import lab_create, lab_update

pytestmark = pytest.mark.django_db


def test_lab_cannot_end_before_it_starts(facilitator):
    with pytest.raises(DomainError):
        lab_create(
            actor=facilitator,
            name="X",
            question="Q?",
            starts_on=date(2026, 12, 1),
            ends_on=date(2026, 11, 1),
        )
    assert not Lab.objects.exists()


def test_phase_change_is_audited_and_shown_in_order(lab, facilitator):
    lab_update(
        actor=facilitator,
        lab=lab,
        name=lab.name,
        question=lab.question,
        starts_on=lab.starts_on,
        ends_on=lab.ends_on,
        phase="sessions",
    )
    lab.refresh_from_db()
    assert lab.phase == "sessions"
    entry = AuditEntry.objects.get(action="lab.phase_change")
    assert entry.data == {"previous": "call", "phase": "sessions"}
    states = [p["state"] for p in lab_phase_timeline(lab=lab)]
    assert states == ["done", "done", "current", "todo", "todo", "todo"]


def test_unknown_phase_refused_and_nothing_changes(lab, facilitator):
    with pytest.raises(DomainError):
        lab_update(
            actor=facilitator,
            lab=lab,
            name="Changed",
            question=lab.question,
            starts_on=lab.starts_on,
            ends_on=lab.ends_on,
            phase="party",
        )
    lab.refresh_from_db()
    assert lab.name == "Lab bank account"


def test_slug_is_ascii_and_unique_even_for_arabic_names(facilitator):
    a = lab_create(
        actor=facilitator,
        name="مختبر",
        question="?",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 2, 1),
    )
    b = lab_create(
        actor=facilitator,
        name="مختبر",
        question="?",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 2, 1),
    )
    assert a.slug == "lab" and b.slug == "lab-2"
