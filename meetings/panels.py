"""What meetings add to a space's page (core.panels): the next meeting and the link to all
of them. Registered in MeetingsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from core.panels import Link, Panel, register_link, register_panel
from meetings.selectors import meeting_list_for_space


def _next_meeting(request, space) -> dict:
    return {"next_meeting": meeting_list_for_space(space=space, limit=1).first()}


def register() -> None:
    register_panel(
        Panel(
            key="meetings.next",
            order=30,
            template="meetings/_space_next_meeting.html",
            context=_next_meeting,
        )
    )
    register_link(
        Link(
            key="meetings.list",
            order=10,
            label=_("All meetings"),
            url_name="meetings:space-meetings",
        )
    )
