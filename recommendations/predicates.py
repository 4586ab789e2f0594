"""Predicates of recommendations: who may issue, see, answer them."""

import rules

from proposals.models import ProposalStatus
from recommendations.models import Recommendation


@rules.predicate
def is_adopted_not_recommended(user, proposal) -> bool:
    if proposal is None or proposal.status != ProposalStatus.ADOPTED:
        return False
    return not Recommendation.objects.filter(proposal=proposal).exists()


def is_addressee(user, recommendation: Recommendation) -> bool:
    """The official it is addressed to, or one of the officials of its department."""
    if not user.is_authenticated:
        return False
    if recommendation.addressee_id:
        return recommendation.addressee_id == user.pk
    return recommendation.department.officials.filter(pk=user.pk).exists()


@rules.predicate
def is_recommendation_addressee(user, recommendation) -> bool:
    return recommendation is not None and is_addressee(user, recommendation)


@rules.predicate
def is_official(user) -> bool:
    """An official, or anyone who answers for a department."""
    if not user.is_authenticated:
        return False
    return user.role == "official" or user.departments.exists()
