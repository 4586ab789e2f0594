"""Permissions of the calls for volunteers and the lottery. Each names a rule built from
core's role/context predicates; whether a phase of the space allows the action is asked of
core.phases (a lab registers its gate: calls in its call phase, the draw in its selection
phase). The Agora has no phases: its calls may open and be drawn at any time."""

import rules

from core.phases import is_action_open
from core.predicates import is_public_space, is_space_facilitator, is_space_member, is_superuser

# Objects: a Space (opening a call) or a Call.
_call_facilitator = is_space_facilitator | is_superuser
# Open a call for volunteers: the space's facilitators, in the lab's call phase.
rules.add_perm("calls.open_call", _call_facilitator & is_action_open("calls.open"))
# Manage a call: applications with their answers and contacts, quotas, closing, invitations,
# drop-outs and their replacements (any phase once drawn).
rules.add_perm("calls.manage_call", _call_facilitator)
# Compute the lottery, record the random value, draw: facilitators, in the selection phase.
rules.add_perm("calls.run_lottery", _call_facilitator & is_action_open("calls.run_lottery"))
# The call's public pages (apply form, receipt lookup, verification): anyone when the space
# is public; members and facilitators of a members-only space.
rules.add_perm("calls.view_call", is_public_space | is_space_member | is_superuser)
