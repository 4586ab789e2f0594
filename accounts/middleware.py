from urllib.parse import urlsplit

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.predicates import must_use_two_step


class UserLanguageMiddleware:
    """A signed-in person sees the site in the interface language of their profile.

    Runs after LocaleMiddleware and AuthenticationMiddleware; the language switcher
    writes the profile, so the choice follows the person from phone to computer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.interface_language:
            translation.activate(user.interface_language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class TwoStepRequiredMiddleware:
    """Facilitators, officials and staff without an authenticator app go to enrolment.

    Placed last in MIDDLEWARE. Until such a person has a TOTP authenticator, every page
    they open (GET/HEAD) redirects to allauth's TOTP activation page with a message saying
    why; any other method is refused with a 403 page. Exempt: allauth's two-step pages
    (enrolment, the list of authenticators where allauth sends an unverified e-mail
    address), the e-mail pages needed to verify that address, re-entering the password
    (allauth asks for it before enrolment), logging out, choosing a language, and static
    and media files. `TWO_STEP_REQUIRED=false` turns it off.
    """

    EXEMPT_URL_NAMES = frozenset(
        {
            "account_logout",
            "account_reauthenticate",
            "account_email",
            "account_confirm_email",
            "account_email_verification_sent",
            "accounts:set-language",
        }
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.TWO_STEP_REQUIRED or self._exempt(request):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not must_use_two_step(user):
            return None
        if is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            return None
        if request.method in ("GET", "HEAD"):
            messages.warning(request, two_step_required_message())
            return redirect("mfa_activate_totp")
        return render(
            request,
            "accounts/two_step_required.html",
            {"reason": two_step_required_message()},
            status=403,
        )

    def _exempt(self, request) -> bool:
        path = request.path_info
        for prefix in (settings.STATIC_URL, settings.MEDIA_URL):
            prefix_path = "/" + urlsplit(prefix or "").path.lstrip("/")
            if prefix_path != "/" and path.startswith(prefix_path):
                return True
        match = request.resolver_match
        name = match.view_name if match else ""
        return name in self.EXEMPT_URL_NAMES or name.startswith("mfa_")


def two_step_required_message() -> str:
    return _(
        "Your role lets you see other people's information, so your account needs "
        "two-step login: a code from an app on your phone, as well as your password. "
        "Setting it up takes two minutes; until then, the rest of the site stays closed."
    )
