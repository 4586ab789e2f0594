from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Proposals and votes")

    def ready(self):
        from accounts import deletion
        from proposals import panels, services
        from votes.subjects import VoteSubject, register

        panels.register()  # its panels and links on a space's page (core.panels)
        deletion.register(("proposals.Proposal", "creator"), services.drafts_delete_person)
        deletion.register(
            ("proposals.ProposalAuthor", "user"), services.coauthor_invitations_drop_person
        )
        register(  # a vote on a proposal puts it in vote, then decides it (votes.subjects)
            VoteSubject(
                key="proposals.proposal",
                concerns=lambda vote: vote.proposal_id is not None,
                on_open=services.proposal_vote_opened,
                on_close=services.proposal_vote_closed,
            )
        )
