"""People's roles on the platform (a user's one role; a membership has its own, in a space).

Kept in core, the ground floor, so that core's predicates can ask for a role without
importing accounts (which sits above core); `accounts.models.User.role` uses it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    NEWCOMER = "newcomer", _("Newcomer representative")
    PARTNER = "partner", _("Local partner")
    OFFICIAL = "official", _("Official")
    FACILITATOR = "facilitator", _("Facilitator")
