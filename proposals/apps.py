from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Proposals and votes")

    def ready(self):
        from proposals import panels

        panels.register()  # its panels and links on a space's page (core.panels)
