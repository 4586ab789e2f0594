"""One way for every view to load a space and check a permission on it.

An object the visitor may not see answers 404 whether it exists or not, for anonymous
visitors too: no existence oracle (tests/core/test_existence_oracle.py). The 404 page
offers a signed-out visitor the login page, with the path to come back to. Only on an
object she may see does a missing permission answer 403, or send an anonymous visitor
to the login page: its existence is no secret to her.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.selectors import space_get


def object_view(
    loader, perm: str | None = None, view_perm: str = "core.view_space", kwarg: str = "pk"
):
    """Load the object named by the URL argument `kwarg` (`loader(**{kwarg: value})`
    returns it or None), answer 404 unless `view_perm` holds, then check `perm` on it."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            obj = loader(**{kwarg: kwargs.pop(kwarg)})
            if obj is None or not request.user.has_perm(view_perm, obj):
                raise Http404  # hidden and missing answer alike
            if perm and not request.user.has_perm(perm, obj):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, obj, *args, **kwargs)

        return wrapper

    return decorator


def space_view(perm: str | None = None):
    """Resolve `slug` to the space, 404 unless viewable, then check `perm` on it."""
    return object_view(space_get, perm=perm, kwarg="slug")


def perm_required(perm: str):
    """Decorator for views without an object: a global permission such as add_space."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.has_perm(perm):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
