"""Base predicates, in three layers (after adhocracy4): role, context (membership,
visibility) and, in later apps, phase. Apps compose these in their `rules.py`.

Predicates take `(user, space)`; memberships are read once per request and cached on
the user object, so a page that checks many spaces runs one query.
"""

import rules

from core.models import MembershipRole, Space
from core.roles import Role


def _active_roles(user) -> dict[int, str]:
    cache = getattr(user, "_accueil_space_roles", None)
    if cache is None:
        cache = dict(user.memberships.filter(ended_at__isnull=True).values_list("space_id", "role"))
        user._accueil_space_roles = cache
    return cache


def forget_cached_roles(user) -> None:
    """Long-lived holders of a user (a websocket) call this before re-checking."""
    real = getattr(user, "_wrapped", user)  # channels and Django wrap users lazily
    if hasattr(real, "__dict__"):
        real.__dict__.pop("_accueil_space_roles", None)


def _space_id(obj) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Space):
        return obj.pk
    return getattr(obj, "space_id", None)


# Role layer --------------------------------------------------------------------------
def has_role(role: str):
    @rules.predicate(name=f"has_role:{role}")
    def _has_role(user) -> bool:
        return bool(user.is_authenticated and user.role == role)

    return _has_role


is_facilitator_role = has_role(Role.FACILITATOR)
is_official_role = has_role(Role.OFFICIAL)
is_superuser = rules.is_superuser
is_authenticated = rules.is_authenticated


# Context layer ------------------------------------------------------------------------
@rules.predicate
def is_space_member(user, obj) -> bool:
    """Holds an active membership (seat or facilitator) in the object's space."""
    space_id = _space_id(obj)
    return bool(user.is_authenticated and space_id and space_id in _active_roles(user))


@rules.predicate
def is_space_facilitator(user, obj) -> bool:
    space_id = _space_id(obj)
    return bool(
        user.is_authenticated
        and space_id
        and _active_roles(user).get(space_id) == MembershipRole.FACILITATOR
    )


@rules.predicate
def is_public_space(user, obj) -> bool:
    space = obj if isinstance(obj, Space) else getattr(obj, "space", None)
    return bool(space is not None and space.is_public)
