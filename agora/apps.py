from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgoraConfig(AppConfig):
    name = "agora"
    verbose_name = _("Agora")

    def ready(self):
        from agora import panels

        panels.register()  # its panels and links on a space's page (core.panels)
