"""What accounts add to a space's page (core.panels): the facilitators' seats and
invitations page. Registered in AccountsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from core.panels import Link, register_link


def register() -> None:
    register_link(
        Link(
            key="accounts.seats",
            order=10,
            label=_("Manage seats and invitations"),
            url_name="accounts:seat-list",
            menu="manage",
            permission="core.manage_space",
            style="",
        )
    )
