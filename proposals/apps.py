from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Proposals and votes")

    def ready(self):
        from proposals import panels, voting
        from votes.subjects import VoteSubject, register

        panels.register()  # its panels and links on a space's page (core.panels)
        register(  # a vote on a proposal decides it (votes.subjects)
            VoteSubject(
                key="proposals.proposal",
                concerns=lambda vote: vote.proposal_id is not None,
                on_close=voting.proposal_vote_closed,
            )
        )
