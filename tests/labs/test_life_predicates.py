"""Phase-gated permissions: each action × each phase × each role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from core.models import Space
from core.services import membership_start
from labs.models import Lab, Phase
from labs.predicates import is_lab, lab_in_phase, lab_of, lab_phase_at_least
from tests.conftest import first_free_seat
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PHASES = Phase.values
ROLES = ["anon", "outsider", "member", "facilitator"]
MEMBERS = {"member", "facilitator"}

# permission -> (roles allowed, phases where it holds; None = every phase)
EXPECTED = {
    "labs.change_phase": ({"facilitator"}, None),
    "labs.add_log_entry": (MEMBERS, {"experiment"}),
    "labs.edit_log_entry": (MEMBERS, {"experiment", "evaluation"}),
    "labs.view_log_history": (MEMBERS, None),
    "labs.view_evaluation_draft": (MEMBERS, None),
    "labs.edit_evaluation": (MEMBERS, {"experiment", "evaluation"}),
    "labs.publish_evaluation": ({"facilitator"}, {"evaluation"}),
    "proposals.add_proposal": (MEMBERS, {"recommendations"}),
}


@pytest.fixture
def people(lab, facilitator):
    member = UserFactory(role="newcomer")
    membership_start(actor=facilitator, seat=first_free_seat(lab, "newcomers"), user=member)
    return {
        "anon": AnonymousUser(),
        "outsider": UserFactory(role="partner"),
        "member": member,
        "facilitator": facilitator,
    }


@pytest.mark.parametrize("perm", sorted(EXPECTED))
@pytest.mark.parametrize("phase", PHASES)
def test_action_by_phase_and_role(lab, people, perm, phase):
    Lab.objects.filter(pk=lab.pk).update(phase=phase)
    lab.refresh_from_db()
    roles, phases = EXPECTED[perm]
    for role in ROLES:
        user = people[role]
        for obj in (lab, Space.objects.get(pk=lab.pk)):  # a Lab or its plain Space row
            expected = role in roles and (phases is None or phase in phases)
            got = user.has_perm(perm, obj)
            assert got == expected, f"{perm} {phase} {role} {type(obj).__name__}: {got}"


@pytest.mark.parametrize("phase", PHASES)
def test_view_log_follows_the_labs_visibility(lab, people, phase):
    Lab.objects.filter(pk=lab.pk).update(phase=phase)
    lab.refresh_from_db()
    assert all(people[r].has_perm("labs.view_log", lab) for r in ROLES)  # public lab
    Lab.objects.filter(pk=lab.pk).update(visibility="members")
    lab.refresh_from_db()
    seen = {r for r in ROLES if people[r].has_perm("labs.view_log", lab)}
    assert seen == MEMBERS


def test_agora_proposals_are_not_phase_gated(agora, members):
    assert members[0].user.has_perm("proposals.add_proposal", agora)
    assert not UserFactory().has_perm("proposals.add_proposal", agora)
    assert not is_lab(None, agora)
    assert not lab_in_phase(*PHASES)(None, agora)


def test_lab_of_reaches_the_lab_from_related_objects(lab, agora, facilitator):
    from proposals.models import Proposal

    proposal = Proposal.objects.create(space=Space.objects.get(pk=lab.pk), title="T", text="x")
    assert lab_of(lab) == lab
    assert lab_of(Space.objects.get(pk=lab.pk)) == lab
    assert lab_of(proposal) == lab
    assert lab_of(Space.objects.get(pk=agora.pk)) is None
    assert lab_of(None) is None
    assert lab_of(object()) is None


def test_phase_at_least():
    at_least_experiment = lab_phase_at_least(Phase.EXPERIMENT)
    lab = Lab(phase="sessions")
    assert not at_least_experiment(None, lab)
    for phase in ("experiment", "evaluation", "recommendations"):
        lab.phase = phase
        assert at_least_experiment(None, lab)


def test_factory_refuses_nonsense():
    with pytest.raises(ValueError):
        lab_in_phase()
    with pytest.raises(ValueError):
        lab_in_phase("party")
