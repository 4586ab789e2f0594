"""What each app does when an account is deleted: a registry of steps, filled at startup.

accounts.export.LINKS declares every link to the person and what deletion makes of it;
a link marked OnDelete.SERVICE names a step registered here by the app that owns the model
(in its AppConfig.ready()), so accounts never imports the apps above it. user_delete runs
the steps in LINKS order, inside its transaction. A SERVICE link without a step fails at
startup's first deletion and in tests/accounts/test_export.py.

Example (meetings/apps.py):

    accounts.deletion.register(("meetings.Rsvp", "user"), meetings.services.rsvps_forget_person)
"""

from collections.abc import Callable
from datetime import datetime

# (user, now, actor): actor is None when the person deletes her own account.
Step = Callable[..., None]

_STEPS: dict[tuple[str, str], Step] = {}


def register(key: tuple[str, str], step: Step) -> None:
    existing = _STEPS.get(key)
    if existing is not None and existing is not step:
        raise ValueError(f"a deletion step for {key} is already registered")
    _STEPS[key] = step


def steps() -> dict[tuple[str, str], Step]:
    return dict(_STEPS)


def run(key: tuple[str, str], user, now: datetime, actor) -> None:
    try:
        step = _STEPS[key]
    except KeyError:
        raise LookupError(f"no deletion step registered for {key}") from None
    step(user, now, actor)
