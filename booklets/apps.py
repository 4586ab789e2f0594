from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookletsConfig(AppConfig):
    name = "booklets"
    verbose_name = _("Booklets")

    def ready(self):
        from accounts import deletion
        from booklets import panels, services, tasks  # noqa: F401 (tasks: for core.queue)
        from votes.subjects import VoteSubject, register

        panels.register()  # its panels and links on a space's page (core.panels)
        deletion.register(("booklets.AuthorCredit", "user"), services.credits_remove_person_step)
        register(  # a vote on an edition approves it or not (votes.subjects)
            VoteSubject(
                key="booklets.edition",
                concerns=services.vote_concerns_an_edition,
                on_close=services.edition_vote_closed,
                title=services.edition_vote_title,
            )
        )
