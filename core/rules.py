"""Permissions on spaces. Each names a rule built only from core.predicates."""

import rules

from core.predicates import (
    is_authenticated,
    is_facilitator_role,
    is_public_space,
    is_space_facilitator,
    is_space_member,
    is_superuser,
)

# Create an Agora or a lab: the territory's facilitators.
rules.add_perm("core.add_space", is_facilitator_role | is_superuser)
# Read a space's page: public spaces to anyone, others to their members.
rules.add_perm("core.view_space", is_public_space | is_space_member | is_superuser)
# See who holds the seats (display names): members of the space only.
rules.add_perm("core.view_space_members", is_space_member | is_superuser)
# Seats, invitations, eligibility, ending memberships, editing the space.
rules.add_perm("core.manage_space", is_space_facilitator | is_superuser)
# Own profile, data download, account deletion.
rules.add_perm("accounts.manage_own_account", is_authenticated)
