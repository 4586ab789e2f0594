"""core.phases: the registry through which a kind of space opens and closes other apps'
actions (a lab's phases gate proposals without proposals importing labs)."""

import pytest

from core import phases
from core.models import SpaceKind
from labs.models import Lab, Phase
from labs.predicates import lab_gate

pytestmark = pytest.mark.django_db


def test_labs_registered_their_gate_at_startup():
    assert phases._gates[SpaceKind.LAB] is lab_gate


def test_a_lab_opens_proposals_only_in_its_recommendations_phase(lab):
    for phase in Phase.values:
        Lab.objects.filter(pk=lab.pk).update(phase=phase)
        lab.refresh_from_db()
        assert phases.action_open(lab, "proposals.add") is (phase == Phase.RECOMMENDATIONS)


def test_a_lab_opens_calls_in_its_call_phase_and_draws_in_its_selection_phase(lab):
    """calls asks core (calls never imports labs); the lab's gate answers."""
    for phase in Phase.values:
        Lab.objects.filter(pk=lab.pk).update(phase=phase)
        lab.refresh_from_db()
        assert phases.action_open(lab, "calls.open") is (phase == Phase.CALL)
        assert phases.action_open(lab, "calls.apply") is (phase == Phase.CALL)
        assert phases.action_open(lab, "calls.run_lottery") is (phase == Phase.SELECTION)


def test_an_action_the_kind_does_not_restrict_is_open(lab):
    assert lab.phase != Phase.RECOMMENDATIONS
    assert phases.action_open(lab, "booklets.write") is True


def test_a_kind_without_a_gate_restricts_nothing(agora):
    assert phases.action_open(agora, "proposals.add") is True
    assert phases.action_open(None, "proposals.add") is False


def test_the_predicate_finds_the_space_of_an_object(lab):
    class Thing:
        space = lab

    predicate = phases.is_action_open("proposals.add")
    Lab.objects.filter(pk=lab.pk).update(phase=Phase.RECOMMENDATIONS)
    lab.refresh_from_db()
    assert predicate(None, Thing()) is True
    Lab.objects.filter(pk=lab.pk).update(phase=Phase.CALL)
    lab.refresh_from_db()
    assert predicate(None, Thing()) is False


def test_a_second_gate_for_the_same_kind_is_refused():
    with pytest.raises(ValueError):
        phases.register_gate(SpaceKind.LAB, lambda space, action: True)
    phases.register_gate(SpaceKind.LAB, lab_gate)  # the same gate again is harmless
