from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabsConfig(AppConfig):
    name = "labs"
    verbose_name = _("Hospitality labs")

    def ready(self):
        from accounts import deletion
        from core.models import SpaceKind
        from core.phases import register_gate
        from labs import call_services, panels, tasks  # noqa: F401 (tasks: core.queue)
        from labs.predicates import lab_gate

        register_gate(SpaceKind.LAB, lab_gate)
        panels.register()  # its panels and links on a space's page (core.panels)
        deletion.register(
            ("labs.CallVolunteer", "invitation.used_by"), call_services.applications_erase_person
        )
