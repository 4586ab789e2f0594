from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from accounts import deletion
        from meetings import panels, services
        from votes.subjects import VoteSubject, register

        panels.register()  # its panels and links on a space's page (core.panels)
        deletion.register(("meetings.Rsvp", "user"), services.rsvps_forget_person)
        deletion.register(
            ("meetings.SpeakerRequest", "user"), services.speaker_requests_withdraw_person
        )
        register(  # a vote on the approval of minutes approves them (votes.subjects)
            VoteSubject(
                key="meetings.minutes",
                concerns=lambda vote: vote.minutes_revision_id is not None,
                on_close=services.minutes_vote_closed,
                title=services.minutes_vote_title,
            )
        )
