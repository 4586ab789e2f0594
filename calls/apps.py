from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "calls"
    verbose_name = _("Calls for volunteers")

    def ready(self):
        from accounts import deletion
        from calls import panels, services, tasks  # noqa: F401 (tasks: registered for core.queue)

        panels.register()  # the link to a space's calls (core.panels)
        deletion.register(
            ("calls.CallVolunteer", "invitation.used_by"), services.applications_erase_person
        )
