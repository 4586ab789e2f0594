"""Permissions on proposals: role/context from core, phase (status) from here."""

import rules

from core.phases import is_action_open
from core.predicates import is_public_space, is_space_facilitator, is_space_member, is_superuser
from proposals.predicates import (
    is_draft,
    is_open_for_debate,
    is_proposal_author,
    is_withdrawable,
)

# Drafts are seen by their authors (and facilitators); the rest as the space is.
rules.add_perm(
    "proposals.view_proposal",
    (~is_draft & (is_public_space | is_space_member))
    | is_proposal_author
    | is_space_facilitator
    | is_superuser,
)
# A kind of space may open proposals only in some phases (a lab: its recommendations phase).
rules.add_perm("proposals.add_proposal", is_space_member & is_action_open("proposals.add"))
rules.add_perm("proposals.edit_proposal", is_proposal_author & is_draft)
rules.add_perm("proposals.submit_proposal", is_proposal_author & is_draft)
rules.add_perm("proposals.withdraw_proposal", is_proposal_author & is_withdrawable)
rules.add_perm("proposals.comment_proposal", is_space_member & is_open_for_debate)
rules.add_perm("proposals.amend_proposal", is_space_member & is_open_for_debate)
rules.add_perm(
    "proposals.decide_amendment", (is_proposal_author | is_space_facilitator) & is_open_for_debate
)
rules.add_perm("proposals.schedule_proposal", is_space_facilitator & is_open_for_debate)
