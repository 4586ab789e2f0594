import rules

from proposals.models import ProposalStatus


@rules.predicate
def is_proposal_author(user, proposal) -> bool:
    if not user.is_authenticated or proposal is None:
        return False
    return proposal.authors.filter(user=user, accepted_at__isnull=False).exists()


@rules.predicate
def is_draft(user, proposal) -> bool:
    return proposal is not None and proposal.status == ProposalStatus.DRAFT


@rules.predicate
def is_open_for_debate(user, proposal) -> bool:
    return proposal is not None and proposal.status in (
        ProposalStatus.SUBMITTED,
        ProposalStatus.ON_AGENDA,
    )


@rules.predicate
def is_withdrawable(user, proposal) -> bool:
    return proposal is not None and proposal.status in (
        ProposalStatus.DRAFT,
        ProposalStatus.SUBMITTED,
        ProposalStatus.ON_AGENDA,
    )
