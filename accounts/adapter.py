"""How Accueil bends django-allauth: sign-up is by invitation only, and failed logins
are counted per (client address, account).

An invitation link stores its token in the session; sign-up is open while that token
is valid, and saving the new account takes the invited seat in the same transaction.
"""

import math

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.ratelimit import get_ip, parse_rates
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import ngettext

from accounts.models import Invitation
from accounts.selectors import invitation_get_by_token
from accounts.services import user_join_with_invitation
from core.exceptions import DomainError

SESSION_KEY = "accueil_invitation_token"


def session_invitation(request) -> Invitation | None:
    token = request.session.get(SESSION_KEY)
    invitation = invitation_get_by_token(token=token) if token else None
    if invitation is None or invitation.status() != Invitation.Status.VALID:
        return None
    return invitation


def lockout_minutes() -> int:
    """How long a throttled login waits at most: the longest window of the `login_failed`
    rate limits (settings.ACCOUNT_RATE_LIMITS), in whole minutes."""
    rates = parse_rates(settings.ACCOUNT_RATE_LIMITS.get("login_failed"))
    return max(1, math.ceil(max((rate.duration for rate in rates), default=60) / 60))


class AccountAdapter(DefaultAccountAdapter):
    def __init__(self, request=None):
        super().__init__(request)
        # Say for how long, in the reader's language (allauth only says "later").
        minutes = lockout_minutes()
        self.error_messages = {
            **self.error_messages,
            "too_many_login_attempts": ngettext(
                "Too many failed login attempts. Wait %(minutes)s minute, then try again, "
                "or reset your password.",
                "Too many failed login attempts. Wait %(minutes)s minutes, then try again, "
                "or reset your password.",
                minutes,
            )
            % {"minutes": minutes},
        }

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """The "key" of the `login_failed` rate limit: allauth's (site and login typed),
        prefixed with the client's address (IPv6 cut to its /64 as allauth's per-address
        limits do). By default the key is the account alone, so anyone typing five wrong
        passwords for a member locked her out everywhere. Clearing it after a password
        reset (allauth calls this method again) clears the count of the address that
        reset it. tests/accounts/test_login_security.py pins this hook."""
        return f"{get_ip(request)}:{super()._get_login_attempts_cache_key(request, **credentials)}"

    def is_open_for_signup(self, request) -> bool:
        return session_invitation(request) is not None

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        user.display_name = data["display_name"]
        user.languages_spoken = list(data.get("languages_spoken") or [])
        user.interface_language = data["interface_language"]
        user.interpretation_language = data.get("interpretation_language") or ""
        invitation = session_invitation(request)
        if invitation is None:
            raise ImmediateHttpResponse(redirect("account_signup"))
        try:
            membership = user_join_with_invitation(user=user, invitation=invitation)
        except DomainError as exc:
            messages.error(request, exc.message)
            raise ImmediateHttpResponse(redirect("portal:home")) from exc
        request.session.pop(SESSION_KEY, None)
        request.session["accueil_landing_space"] = membership.space.slug
        return user

    def get_signup_redirect_url(self, request):
        slug = request.session.pop("accueil_landing_space", None)
        if slug:
            from django.urls import reverse

            return reverse("portal:space", args=[slug])
        return super().get_signup_redirect_url(request)
