from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookletsConfig(AppConfig):
    name = "booklets"
    verbose_name = _("Booklets")

    def ready(self):
        from booklets import panels, tasks  # noqa: F401 (tasks: registered for core.queue)

        panels.register()  # its panels and links on a space's page (core.panels)
