"""What a space's page is made of: panels and links that feature apps contribute.

The space page (portal) knows no feature. Each app registers, in its AppConfig.ready(),
the panels it adds to a space's page and the links it adds to its menus:

    # meetings/apps.py
    def ready(self):
        from core.panels import Panel, register_panel
        register_panel(Panel(
            key="meetings.next", order=40, template="meetings/_space_panel.html",
            context=lambda request, space: {"next_meeting": ...},
        ))

A panel has an `order` (smaller first), an optional django-rules `permission` checked on
the space, optional `kinds` (the kinds of space it belongs to; None for every kind), a
`context` function `(request, space) -> dict | None` (None: nothing to show for this
reader) and may `replace` other panels on the spaces it applies to (a lab's life shows its
working sessions, so it replaces the generic next-meeting panel). Links work the same way,
in two menus: "browse" (everyone who may see the space) and "manage" (buttons for
facilitators). Adding a feature adds a panel without editing core or the portal.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from core.models import Space


def _no_context(request, space) -> dict:
    return {}


@dataclass(frozen=True)
class Panel:
    key: str
    order: int
    template: str
    context: Callable[..., dict | None] = _no_context
    permission: str | None = None
    kinds: frozenset[str] | None = None
    replaces: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    key: str
    order: int
    label: str  # a lazy translation
    url_name: str  # reversed with the space's slug
    menu: str = "browse"  # or "manage"
    permission: str | None = None
    kinds: frozenset[str] | None = None
    style: str = field(default="secondary")  # for "manage" buttons: "" (primary) or "secondary"


_panels: dict[str, Panel] = {}
_links: dict[str, Link] = {}


def _register(registry: dict, item) -> None:
    if registry.get(item.key) not in (None, item):
        raise ValueError(f"{item.key!r} is already registered")
    registry[item.key] = item


def register_panel(panel: Panel) -> None:
    _register(_panels, panel)


def register_link(link: Link) -> None:
    _register(_links, link)


def _applies(item, request, space: Space) -> bool:
    if item.kinds is not None and str(space.kind) not in item.kinds:
        return False
    return item.permission is None or request.user.has_perm(item.permission, space)


def space_panels(request, space: Space, base: dict) -> list[SafeString]:
    """The space's panels for this reader, rendered in order (`base` is the page's context)."""
    panels = [p for p in _panels.values() if _applies(p, request, space)]
    replaced = {key for p in panels for key in p.replaces}
    rendered = []
    for panel in sorted(panels, key=lambda p: (p.order, p.key)):
        if panel.key in replaced:
            continue
        context = panel.context(request, space)
        if context is None:
            continue
        rendered.append(render_to_string(panel.template, {**base, **context}, request=request))
    return rendered


def space_links(request, space: Space, menu: str) -> list[dict]:
    """The links of one menu of the space's page, for this reader."""
    links = [
        link for link in _links.values() if link.menu == menu and _applies(link, request, space)
    ]
    return [
        {"label": link.label, "url": reverse(link.url_name, args=[space.slug]), "style": link.style}
        for link in sorted(links, key=lambda link: (link.order, link.key))
    ]
