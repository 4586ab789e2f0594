"""What a lab adds to its space's page (core.panels): its question, dates and phases at the
top, its life (panel, working sessions, log, evaluation, outcomes) below, and the edit link.
Registered in LabsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from core.models import SpaceKind
from core.panels import Link, Panel, register_link, register_panel
from labs.models import Lab
from labs.selectors import lab_page

LAB = frozenset({SpaceKind.LAB})


def _lab_context(request, space) -> dict:
    """The lab and its life for this reader, computed once per request for both panels."""
    cached = getattr(request, "_accueil_lab_page", None)
    if cached is None or cached["space"].pk != space.pk:
        lab = space if isinstance(space, Lab) else Lab.objects.get(pk=space.pk)
        cached = {"space": lab, **lab_page(lab=lab, user=request.user)}
        request._accueil_lab_page = cached
    return cached


def register() -> None:
    register_panel(
        Panel(
            key="labs.intro",
            order=10,
            template="labs/_space_intro.html",
            kinds=LAB,
            context=_lab_context,
        )
    )
    register_panel(
        Panel(
            key="labs.life",
            order=30,
            template="labs/_lab_life.html",
            kinds=LAB,
            context=_lab_context,
            replaces=("meetings.next",),
        )
    )
    register_link(
        Link(
            key="labs.edit",
            order=30,
            label=_("Edit the lab"),
            url_name="labs:lab-edit",
            menu="manage",
            permission="core.manage_space",
            kinds=LAB,
        )
    )
