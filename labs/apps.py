from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabsConfig(AppConfig):
    name = "labs"
    verbose_name = _("Hospitality labs")

    def ready(self):
        from core.models import SpaceKind
        from core.phases import register_gate
        from labs import panels
        from labs.predicates import lab_gate

        register_gate(SpaceKind.LAB, lab_gate)  # its phases open proposals, calls and draws
        panels.register()  # its panels and links on a space's page (core.panels)
