import pytest
from django.core.management import call_command

from accounts.models import User
from core.models import AuditEntry, Membership, Seat

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        User.objects.count(),
        Membership.objects.filter(ended_at__isnull=True).count(),
        Seat.objects.count(),
        AuditEntry.objects.count(),
    )


def test_seed_demo_is_complete_and_idempotent(capsys):
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first
    agora_members = Membership.objects.filter(
        space__slug="agora", role="member", ended_at__isnull=True
    )
    lab_members = Membership.objects.filter(
        space__slug="lab-bank-account", role="member", ended_at__isnull=True
    )
    assert agora_members.count() == 16
    assert lab_members.count() == 30
    for college in ("newcomers", "partners", "decision_makers"):
        assert lab_members.filter(seat__college=college).count() == 10
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == {"newcomer", "partner", "official", "facilitator"}
    assert User.objects.get(username="amina").interface_language == "ar"
