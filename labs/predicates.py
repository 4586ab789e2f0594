"""Phase predicates of the labs (the third layer after core's role and context layers).

A lab runs in phases (`labs.models.Phase`); an action belongs to one or more phases.
Every predicate here takes `(user, obj)` where `obj` is a `Lab`, a `Space` of kind lab,
or anything with a `.lab` or a `.space` (a proposal, a meeting, an experiment-log entry).
For a space that is not a lab (the Agora) the phase predicates are false; combine with
`~is_lab` where an action is phase-gated only inside labs:

    rules.add_perm("labs.edit_log", is_space_member & lab_in_phase(Phase.EXPERIMENT))

Other apps never import this module: they ask `core.phases`, and `lab_gate` below answers
for labs (registered in LabsConfig.ready()).

The lab is looked up without a query when `obj` is a `Lab` or carries a loaded one;
a plain `Space` of kind lab costs one query the first time (Django caches the child).
"""

import rules

from core.models import Space, SpaceKind
from labs.models import Lab, Phase


def lab_of(obj) -> Lab | None:
    """The lab `obj` belongs to, or None (no object, or a space that is not a lab)."""
    if obj is None:
        return None
    if isinstance(obj, Lab):
        return obj
    if isinstance(obj, Space):
        if obj.kind != SpaceKind.LAB:
            return None
        try:
            return obj.lab
        except Lab.DoesNotExist:
            return None
    for attr in ("lab", "space"):
        related = getattr(obj, attr, None)
        if related is not None:
            return lab_of(related)
    return None


@rules.predicate
def is_lab(user, obj) -> bool:
    return lab_of(obj) is not None


def lab_in_phase(*phases: str):
    """Predicate factory: true when the object's lab is in one of `phases`."""
    wanted = frozenset(Phase(p).value for p in phases)
    if not wanted:
        raise ValueError("lab_in_phase needs at least one phase")

    @rules.predicate(name=f"lab_in_phase:{'|'.join(sorted(wanted))}")
    def _lab_in_phase(user, obj) -> bool:
        lab = lab_of(obj)
        return lab is not None and lab.phase in wanted

    return _lab_in_phase


def lab_phase_at_least(phase: str):
    """Predicate factory: true when the object's lab has reached `phase` (or a later one)."""
    order = list(Phase.values)
    start = order.index(Phase(phase).value)
    return lab_in_phase(*order[start:])


# The lab's gate (core.phases): which actions of other apps each phase opens. An action
# that is not listed is not restricted by the lab's phase.
ACTION_PHASES: dict[str, frozenset[str]] = {
    "proposals.add": frozenset({Phase.RECOMMENDATIONS}),
    # calls: a call opens and takes applications in the call phase; the lottery is
    # computed, its value recorded and the panel drawn in the selection phase.
    "calls.open": frozenset({Phase.CALL}),
    "calls.apply": frozenset({Phase.CALL}),
    "calls.run_lottery": frozenset({Phase.SELECTION}),
}


def lab_gate(space, action: str) -> bool | None:
    """Registered for spaces of kind lab in LabsConfig.ready()."""
    phases = ACTION_PHASES.get(action)
    if phases is None:
        return None
    lab = lab_of(space)
    return lab is not None and lab.phase in phases


# Named phases, for rules.py modules.
is_call_phase = lab_in_phase(Phase.CALL)
is_selection_phase = lab_in_phase(Phase.SELECTION)
is_sessions_phase = lab_in_phase(Phase.SESSIONS)
is_experiment_phase = lab_in_phase(Phase.EXPERIMENT)
is_evaluation_phase = lab_in_phase(Phase.EVALUATION)
is_recommendations_phase = lab_in_phase(Phase.RECOMMENDATIONS)
