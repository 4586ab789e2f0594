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


def test_quorum_rule_edited_with_the_lab(client, lab, facilitator):
    from decimal import Decimal

    client.force_login(facilitator)
    response = client.post(
        f"/labs/{lab.slug}/edit/",
        {
            "name": lab.name,
            "question": lab.question,
            "starts_on": "2026-11-01",
            "ends_on": "2026-12-13",
            "phase": "sessions",
            "visibility": "public",
            "description": "",
            "quorum_fraction": "0.67",
            "quorum_min_per_college": "3",
        },
    )
    assert response.status_code == 302
    lab.refresh_from_db()
    assert lab.quorum_fraction == Decimal("0.67") and lab.quorum_min_per_college == 3
    assert AuditEntry.objects.filter(action="space.quorum").exists()


def test_bad_quorum_changes_nothing(client, lab, facilitator):
    client.force_login(facilitator)
    response = client.post(
        f"/labs/{lab.slug}/edit/",
        {
            "name": "Renamed",
            "question": lab.question,
            "starts_on": "2026-11-01",
            "ends_on": "2026-12-13",
            "phase": "call",
            "visibility": "public",
            "description": "",
            "quorum_fraction": "0.67",
            "quorum_min_per_college": "11",
        },
    )
    assert response.status_code == 200 and 'value="Renamed"' in response.content.decode()
    lab.refresh_from_db()
    assert lab.name == "Lab bank account" and lab.quorum_min_per_college == 0


def test_agora_edit_and_quorum(client, agora, facilitator):
    from decimal import Decimal

    from core.exceptions import DomainError
    from core.services import space_quorum_set

    client.force_login(facilitator)
    response = client.post(
        f"/agora/{agora.slug}/edit/",
        {
            "name": "Agora de la Métropole",
            "description": "",
            "meeting_rhythm": "Mardi",
            "visibility": "public",
            "quorum_fraction": "0.34",
        },
    )
    assert response.status_code == 302
    agora.refresh_from_db()
    assert agora.name == "Agora de la Métropole" and agora.quorum_fraction == Decimal("0.34")
    with pytest.raises(DomainError):  # the Agora has no colleges
        space_quorum_set(actor=facilitator, space=agora, fraction=Decimal("0.5"), min_per_college=2)
