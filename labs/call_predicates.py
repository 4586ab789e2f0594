"""Predicates of the selection pipeline (calls, lottery), in the three layers of
core.predicates: role (facilitator of the call's space), context (public space, call open),
phase (calls open in the lab's call phase, the draw happens in its selection phase).

Objects are a Space (for opening a call) or a Call. The Agora has no phases: its calls may
open and be drawn at any time.
"""

import rules
from django.utils import timezone

from core.models import Space, SpaceKind
from labs.models import Call, CallStatus, Phase


def _space(obj) -> Space | None:
    if isinstance(obj, Space):
        return obj
    if isinstance(obj, Call):
        return obj.space
    return None


def _lab_phase(space: Space) -> str | None:
    if space.kind != SpaceKind.LAB:
        return None
    lab = getattr(space, "lab", None)
    return getattr(lab, "phase", None)


def lab_in_phase(*phases: str):
    """The object's space is a lab in one of `phases`, or is not a lab (no phases)."""

    @rules.predicate(name=f"lab_in_phase:{','.join(phases)}")
    def _in_phase(user, obj) -> bool:
        space = _space(obj)
        if space is None:
            return False
        phase = _lab_phase(space)
        return phase is None or phase in phases

    return _in_phase


in_call_phase = lab_in_phase(Phase.CALL)
in_selection_phase = lab_in_phase(Phase.SELECTION)


@rules.predicate
def is_call_open(user, call) -> bool:
    return bool(
        isinstance(call, Call) and call.status == CallStatus.OPEN and timezone.now() < call.deadline
    )


@rules.predicate
def is_call_on_public_space(user, call) -> bool:
    space = _space(call)
    return bool(space is not None and space.is_public)
