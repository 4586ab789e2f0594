from django.utils import translation


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
