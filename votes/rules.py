"""Permissions on votes: role/context from core."""

import rules

from core.predicates import is_public_space, is_space_facilitator, is_space_member, is_superuser

# Votes: prepared and run by facilitators; cast by members on the roll (checked by the
# service); results are shown only once the vote is closed.
rules.add_perm("votes.view_vote", is_public_space | is_space_member | is_superuser)
rules.add_perm("votes.manage_vote", is_space_facilitator | is_superuser)
rules.add_perm("votes.cast_vote", is_space_member)
