"""Permissions on booklets, named from core.predicates and booklets.predicates.

Objects are a Space (creating), a Booklet, Section or Edition (each knows its space).
Drafts are for members of the space; the public reads published editions only, and
only where the space itself is public.
"""

import rules

from booklets.predicates import is_published_edition
from core.predicates import is_public_space, is_space_facilitator, is_space_member, is_superuser

# Create a booklet in a space.
rules.add_perm("booklets.add_booklet", is_space_facilitator | is_superuser)
# See drafts, sections, history, coverage, editions in preparation.
rules.add_perm("booklets.view_booklet", is_space_member | is_superuser)
# Write and translate sections, restore revisions, approve others' translations.
rules.add_perm("booklets.edit_booklet", is_space_member | is_superuser)
# Settings, sections added or removed, editions, approval, publication, moderation.
rules.add_perm("booklets.manage_booklet", is_space_facilitator | is_superuser)
# Read an edition (online and PDF): published ones in public spaces, any for members.
rules.add_perm(
    "booklets.read_edition",
    (is_published_edition & is_public_space) | is_space_member | is_superuser,
)
