"""What booklets add to a space's page (core.panels). Registered in BookletsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from core.panels import Link, register_link


def register() -> None:
    register_link(
        Link(key="booklets.list", order=30, label=_("Booklets"), url_name="booklets:booklet-list")
    )
