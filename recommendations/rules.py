"""Permissions on recommendations: role and space from core, the rest from here."""

import rules

from core.predicates import is_public_space, is_space_facilitator, is_space_member, is_superuser
from recommendations.predicates import (
    is_adopted_not_recommended,
    is_official,
    is_recommendation_addressee,
)

# Recommendations: issued by facilitators from an adopted proposal; seen as the space is
# (and by the officials addressed); answered and reported on by the officials addressed.
rules.add_perm(
    "recommendations.issue_recommendation", is_space_facilitator & is_adopted_not_recommended
)
rules.add_perm(
    "recommendations.view_recommendation",
    is_public_space | is_space_member | is_recommendation_addressee | is_superuser,
)
rules.add_perm("recommendations.answer_recommendation", is_recommendation_addressee)
rules.add_perm("recommendations.view_inbox", is_official)
