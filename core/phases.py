"""Phase gates: "is this action open now in this space?", answered by the space's kind.

Feature apps name the actions that a kind of space may restrict ("proposals.add",
"calls.open", "calls.run_lottery") and ask core, never the kind's app: `action_open(space,
action)` in services, `is_action_open(action)` in rules. Each kind of space registers one
gate at startup, in its AppConfig.ready() (the registry is explicit, so a reader finds every
gate with one grep for `register_gate`):

    # labs/apps.py
    def ready(self):
        from core.phases import register_gate
        from labs.predicates import lab_gate
        register_gate(SpaceKind.LAB, lab_gate)

A gate is a function `(space, action) -> bool | None`: True or False when the kind decides
the action now, None when it does not restrict that action. A kind with no gate (the Agora)
restricts nothing. This is how proposals follow a lab's phases without importing labs (after
adhocracy4's phase features, which ask the current phase of a module).
"""

from collections.abc import Callable

import rules

from core.models import Space

Gate = Callable[[Space, str], bool | None]
_gates: dict[str, Gate] = {}


def register_gate(kind: str, gate: Gate) -> None:
    """Declare the gate of a kind of space (once; a second registration is a mistake)."""
    kind = str(kind)
    if _gates.get(kind) not in (None, gate):
        raise ValueError(f"a gate is already registered for spaces of kind {kind!r}")
    _gates[kind] = gate


def space_of(obj) -> Space | None:
    """The space an object belongs to: a Space, or anything with a `.space`."""
    if obj is None or isinstance(obj, Space):
        return obj
    return getattr(obj, "space", None)


def action_open(space: Space | None, action: str) -> bool:
    """Whether `action` is open now in `space`, as the space's kind decides."""
    if space is None:
        return False
    gate = _gates.get(str(space.kind))
    if gate is None:
        return True
    decision = gate(space, action)
    return True if decision is None else bool(decision)


def is_action_open(action: str):
    """Predicate factory for rules.py: true when `action` is open in the object's space."""

    @rules.predicate(name=f"action_open:{action}")
    def _is_action_open(user, obj) -> bool:
        return action_open(space_of(obj), action)

    return _is_action_open
