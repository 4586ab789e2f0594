from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Proposals and votes")

    def ready(self):
        from accounts import deletion
        from core.templatetags.accueil import register_code_labels
        from proposals import panels, services, tasks, voting  # noqa: F401 (tasks: core.queue)
        from proposals.models import Threshold
        from votes.subjects import VoteSubject, register

        panels.register()  # its panels and links on a space's page (core.panels)
        register_code_labels(Threshold.choices)  # thresholds in the results' explanations
        deletion.register(("proposals.Proposal", "creator"), services.drafts_delete_person)
        deletion.register(
            ("proposals.ProposalAuthor", "user"), services.coauthor_invitations_drop_person
        )
        deletion.register(("proposals.Proxy", "giver"), services.proxies_revoke_person)
        deletion.register(("proposals.Proxy", "holder"), services.proxies_revoke_person)
        register(  # a vote on a proposal decides it (votes.subjects)
            VoteSubject(
                key="proposals.proposal",
                concerns=lambda vote: vote.proposal_id is not None,
                on_close=voting.proposal_vote_closed,
            )
        )
