"""Admin actions whose selection is not a list of the model's keys are refused, not a 500.

Django's admin passes an action's ``_selected_action`` values to ``pk__in`` without parsing
them: a value that is not a key of the model (a letter, an empty string for an integer id)
raises ValueError while the queryset is evaluated, which is a 500 for every ModelAdmin, ours
and the libraries' (allauth's e-mail addresses, mfa's authenticators). This middleware,
placed after the CSRF check, parses the selection with the model's own key field before the
admin view runs and, when a value does not parse, sends the staff member back to the list
with the admin's own message. Every admin view carries its ModelAdmin (``model_admin``, set
by ``ModelAdmin.get_urls``), which is how the model is found.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _


class AdminSelectionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        model_admin = getattr(view_func, "model_admin", None)
        if model_admin is None or request.method != "POST":
            return None
        selected = request.POST.getlist("_selected_action")
        key = model_admin.model._meta.pk
        try:
            for value in selected:
                key.to_python(value)
        except (ValidationError, TypeError, ValueError):
            # Django's own message (its catalogues translate it).
            messages.warning(
                request,
                _(
                    "Items must be selected in order to perform actions on them. No items have "
                    "been changed."
                ),
            )
            return redirect(request.get_full_path())
        return None
