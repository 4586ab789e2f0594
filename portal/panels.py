"""The portal's own panel on a space's page: its description, under the kind's intro."""

from core.panels import Panel, register_panel


def register() -> None:
    register_panel(Panel(key="portal.about", order=20, template="portal/_about.html"))
