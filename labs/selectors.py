from labs.models import Lab, Phase


def lab_phase_timeline(*, lab: Lab) -> list[dict]:
    """The lab's phases in order, each marked done, current or to come."""
    order = list(Phase)
    current = order.index(Phase(lab.phase))
    return [
        {
            "value": p.value,
            "label": p.label,
            "state": "done" if i < current else "current" if i == current else "todo",
        }
        for i, p in enumerate(order)
    ]
