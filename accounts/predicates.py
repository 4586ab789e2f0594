"""Who must use two-step login (TOTP): the people whose account, if stolen, exposes others.

Facilitators (by account role, or facilitating any space), officials, staff and
superusers see members' needs, invitations and the admin; a newcomer or a partner is
offered two-step login on their profile, not forced into it.
"""

import rules

from core.models import MembershipRole
from core.predicates import (
    _active_roles,
    is_authenticated,
    is_facilitator_role,
    is_official_role,
    is_superuser,
)


@rules.predicate
def is_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_staff)


@rules.predicate
def facilitates_a_space(user) -> bool:
    """An active facilitator membership in any space (the account role may say otherwise).
    Reads the memberships cached on the user, shared with the page's permission checks."""
    return bool(
        user.is_authenticated and MembershipRole.FACILITATOR in _active_roles(user).values()
    )


must_use_two_step = is_authenticated & (
    is_superuser | is_staff | is_facilitator_role | is_official_role | facilitates_a_space
)
