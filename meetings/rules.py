"""Permissions on meetings, built from core's predicates (role, membership, visibility).
Time rules (past, cancelled, live or not) are checked by the services with a message."""

import rules

from core.predicates import is_public_space, is_space_facilitator, is_space_member, is_superuser
from meetings.predicates import is_minutes_taker

# Title, date, agenda: as visible as the space itself.
rules.add_perm("meetings.view_meeting", is_public_space | is_space_member | is_superuser)
# Where and how to join (address, room, online link): members only.
rules.add_perm("meetings.view_meeting_place", is_space_member | is_superuser)
# Documents and minutes may name people: members only.
rules.add_perm("meetings.view_documents", is_space_member | is_superuser)
rules.add_perm("meetings.view_minutes", is_space_member | is_superuser)
# Schedule, edit, cancel, agenda, documents, roll call, RSVP totals, run the live session.
rules.add_perm("meetings.manage_meeting", is_space_facilitator | is_superuser)
rules.add_perm("meetings.rsvp", is_space_member)
rules.add_perm("meetings.join_live", is_space_member | is_superuser)
rules.add_perm("meetings.write_minutes", is_space_facilitator | is_minutes_taker | is_superuser)
rules.add_perm("meetings.comment_minutes", is_space_member)
