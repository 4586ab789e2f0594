"""One way to tell live pages that something changed.

Services call `broadcast` inside their transaction; the event leaves only once the
transaction commits (never for a rolled-back change). The payload is computed then,
once, and fanned out to every socket of the group, so a change costs the same whether
3 or 300 people watch. Group names follow "<app>.<thing>.<pk>" (channels does not allow
dots in group names, so they become underscores).
"""

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def group_name(name: str) -> str:
    return name.replace(".", "_")


def broadcast(name: str, event_type: str, payload: Callable[[], dict] | dict | None = None) -> None:
    def send() -> None:
        layer = get_channel_layer()
        if layer is None:
            return
        body = payload() if callable(payload) else (payload or {})
        _call(layer.group_send, group_name(name), {"type": event_type, **body})

    transaction.on_commit(send)


def _call(coroutine_function, *args) -> None:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        async_to_sync(coroutine_function)(*args)
        return
    # This thread already runs an event loop (a test driving a browser, or a service
    # called from async code): async_to_sync refuses that, so send from a helper thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(async_to_sync(coroutine_function), *args).result()


def person_group(user_id: int) -> str:
    """Every admitted socket of a person listens here (accounts.consumers.MemberSocket)."""
    return f"core.person.{user_id}"


def access_changed(*, user_id: int) -> None:
    """Tell every open socket of this person to check its permission again (after commit).
    Called by the services that take access away (membership_end, user_delete)."""
    broadcast(person_group(user_id), "access.changed")
