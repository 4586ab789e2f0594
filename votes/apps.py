from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotesConfig(AppConfig):
    name = "votes"
    verbose_name = _("Votes")

    def ready(self):
        from accounts import deletion
        from core.templatetags.accueil import register_code_labels
        from votes import services, tasks  # noqa: F401 (tasks: Celery)
        from votes.models import Threshold

        register_code_labels(Threshold.choices)  # thresholds in the results' explanations
        deletion.register(("votes.Proxy", "giver"), services.proxies_revoke_person)
        deletion.register(("votes.Proxy", "holder"), services.proxies_revoke_person)
