"""What proposals add to a space's page (core.panels). Registered in ProposalsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from core.panels import Link, register_link


def register() -> None:
    register_link(
        Link(
            key="proposals.list",
            order=20,
            label=_("Proposals and votes"),
            url_name="proposals:proposal-list",
        )
    )
