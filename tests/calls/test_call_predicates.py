"""Who may open a call, manage it, run its lottery and read its public pages, by phase."""

import pytest

from core.services import membership_start
from labs.models import Phase
from tests.calls.call_helpers import open_call, set_phase
from tests.conftest import first_free_seat
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ALL_PHASES = list(Phase.values)


@pytest.fixture
def people(lab, facilitator):
    member = UserFactory(role="newcomer")
    membership_start(actor=facilitator, seat=first_free_seat(lab, "newcomers"), user=member)
    other_facilitator = UserFactory(role="facilitator")
    return {
        "facilitator": facilitator,
        "member": member,
        "other facilitator": other_facilitator,
        "stranger": UserFactory(role="partner"),
    }


@pytest.mark.parametrize("phase", ALL_PHASES)
def test_open_call_only_in_the_call_phase_and_only_for_the_lab_facilitators(
    lab, facilitator, people, phase
):
    if phase != Phase.CALL:
        set_phase(lab, phase, facilitator)
        lab.refresh_from_db()
    for who, user in people.items():
        expected = who == "facilitator" and phase == Phase.CALL
        assert user.has_perm("calls.open_call", lab) is expected, (who, phase)


@pytest.mark.parametrize("phase", ALL_PHASES)
def test_run_lottery_only_in_the_selection_phase(lab, facilitator, people, phase):
    call = open_call(lab, facilitator)
    if phase != Phase.CALL:
        set_phase(lab, phase, facilitator)
    call.refresh_from_db()
    for who, user in people.items():
        expected = who == "facilitator" and phase == Phase.SELECTION
        assert user.has_perm("calls.run_lottery", call) is expected, (who, phase)
        # managing the call (answers, quotas, replacements) does not depend on the phase
        assert user.has_perm("calls.manage_call", call) is (who == "facilitator")


def test_agora_calls_have_no_phase(agora, facilitator, members):
    call = open_call(agora, facilitator, college="")
    assert facilitator.has_perm("calls.open_call", agora)
    assert facilitator.has_perm("calls.run_lottery", call)
    assert not members[0].user.has_perm("calls.run_lottery", call)


def test_public_pages_follow_the_space_visibility(lab, facilitator, people):
    from django.contrib.auth.models import AnonymousUser

    call = open_call(lab, facilitator)
    assert AnonymousUser().has_perm("calls.view_call", call)
    lab.visibility = "members"
    lab.save(update_fields=["visibility"])
    call.refresh_from_db()
    assert not AnonymousUser().has_perm("calls.view_call", call)
    assert not people["stranger"].has_perm("calls.view_call", call)
    assert people["member"].has_perm("calls.view_call", call)
    assert not AnonymousUser().has_perm("calls.manage_call", call)
