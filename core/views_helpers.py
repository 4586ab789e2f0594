"""One way for every view to load a space and check a permission on it.

A space the user may not see answers 404, never 403, so private spaces do not leak
their existence. A permission the user lacks on a visible space answers 403, or sends
an anonymous visitor to the login page.
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
                if obj is not None and not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise Http404
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
