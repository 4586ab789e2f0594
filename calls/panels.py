"""What the calls add to a space's page (core.panels): the link to its calls for volunteers,
in the manage menu of every kind of space (the Agora's free seats, a lab's colleges).
Registered in CallsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from core.panels import Link, register_link


def register() -> None:
    register_link(
        Link(
            key="calls.list",
            order=20,
            label=_("Calls for volunteers"),
            url_name="calls:call-list",
            menu="manage",
            permission="core.manage_space",
        )
    )
