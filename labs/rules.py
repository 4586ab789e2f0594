"""Permissions of the labs. Each names a rule built from predicates."""

import rules

# --- Calls, volunteers and the lottery ------------------------------------------------------
from core.predicates import is_space_facilitator, is_space_member, is_superuser
from labs.call_predicates import in_call_phase, in_selection_phase, is_call_on_public_space

_facilitator = is_space_facilitator | is_superuser
# Open a call for volunteers (object: the space): its facilitators, in the lab's call phase.
rules.add_perm("labs.open_call", _facilitator & in_call_phase)
# Manage a call: applications with their answers and contacts, quotas, closing, invitations.
rules.add_perm("labs.manage_call", _facilitator)
# Compute the lottery, record the random value, draw: facilitators, in the selection phase.
rules.add_perm("labs.run_lottery", _facilitator & in_selection_phase)
# Record a drop-out and its replacement (any phase once drawn): facilitators.
rules.add_perm("labs.replace_volunteer", _facilitator)
# The call's public pages (apply form, receipt lookup, verification): anyone, when the space
# is public; members and facilitators of a members-only space.
rules.add_perm("labs.view_call", is_call_on_public_space | is_space_member | is_superuser)
