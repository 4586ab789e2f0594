"""Booklet predicates: the context (published?) layer on top of core's role predicates."""

import rules

from booklets.models import Edition


@rules.predicate
def is_published_edition(user, obj) -> bool:
    return isinstance(obj, Edition) and obj.is_published
