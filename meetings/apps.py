from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from meetings import panels, services
        from votes.subjects import VoteSubject, register

        panels.register()  # its panels and links on a space's page (core.panels)
        register(  # a vote on the approval of minutes approves them (votes.subjects)
            VoteSubject(
                key="meetings.minutes",
                concerns=lambda vote: vote.minutes_revision_id is not None,
                on_close=services.minutes_vote_closed,
            )
        )
