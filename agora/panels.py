"""What an Agora adds to its space's page (core.panels): its meeting rhythm and the edit
link. Registered in AgoraConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from agora.models import Agora
from core.models import SpaceKind
from core.panels import Link, Panel, register_link, register_panel

AGORA = frozenset({SpaceKind.AGORA})


def _intro(request, space) -> dict:
    return {"space": space if isinstance(space, Agora) else Agora.objects.get(pk=space.pk)}


def register() -> None:
    register_panel(
        Panel(
            key="agora.intro",
            order=10,
            template="agora/_space_intro.html",
            kinds=AGORA,
            context=_intro,
        )
    )
    register_link(
        Link(
            key="agora.edit",
            order=30,
            label=_("Edit the Agora"),
            url_name="agora:agora-edit",
            menu="manage",
            permission="core.manage_space",
            kinds=AGORA,
        )
    )
