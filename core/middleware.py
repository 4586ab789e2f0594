"""Request size limits at the ASGI level, in front of Django.

Django's ASGIHandler reads the whole request body (spooled to a temporary file) before any
middleware or the CSRF check runs: an anonymous 300 MB POST would be read whole. This
wrapper answers 413 first: at once when Content-Length is above the limit (not one byte is
read), else by counting the bytes of the ``http.request`` messages as they arrive and
cutting the request off at the limit (a body streamed without Content-Length, or longer
than it said). The limit is settings.REQUEST_MAX_BYTES, or UPLOAD_REQUEST_MAX_BYTES for the
views named in settings.UPLOAD_URL_NAMES (their forms then refuse a too-large file with a
message).
"""

from django.conf import settings
from django.http import HttpRequest
from django.http.cookie import parse_cookie
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.csp import CSP, build_policy


def body_limit(scope) -> int:
    path = scope.get("path", "/")
    root = scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :] or "/"
    try:
        view_name = resolve(path).view_name
    except Resolver404:
        return settings.REQUEST_MAX_BYTES
    if view_name in settings.UPLOAD_URL_NAMES:
        return settings.UPLOAD_REQUEST_MAX_BYTES
    return settings.REQUEST_MAX_BYTES


def declared_length(scope) -> int | None:
    """The largest Content-Length the request declares (None if absent or malformed:
    the byte count still applies)."""
    lengths = []
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                lengths.append(int(value))
            except ValueError:
                continue
    return max(lengths, default=None)


def _language(scope) -> str:
    """The visitor's language from the language cookie or Accept-Language (the account's
    preference needs the session, which this layer does not open)."""
    request = HttpRequest()
    for name, value in scope.get("headers", []):
        if name == b"accept-language":
            request.META["HTTP_ACCEPT_LANGUAGE"] = value.decode("latin-1")
        elif name == b"cookie":
            request.COOKIES.update(parse_cookie(value.decode("latin-1")))
    return translation.get_language_from_request(request)


def too_large_page(scope, limit: int) -> bytes:
    with translation.override(_language(scope)):
        return render_to_string("413.html", {"limit_mb": limit / (1024 * 1024)}).encode()


async def refuse(scope, send, limit: int) -> None:
    body = too_large_page(scope, limit)
    headers = [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"connection", b"close"),
    ]
    if settings.SECURE_CSP:
        policy = build_policy(settings.SECURE_CSP)
        headers.append((CSP.HEADER_ENFORCE.lower().encode(), policy.encode()))
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class RequestSizeLimit:
    """ASGI middleware: wrap the HTTP application (config/asgi.py)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = body_limit(scope)
        declared = declared_length(scope)
        if declared is not None and declared > limit:
            await refuse(scope, send, limit)
            return
        state = {"received": 0, "refused": False, "started": False}

        async def counted_receive():
            if state["refused"]:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit and not state["started"]:
                    # Answer now; the application is told the client left, so it stops
                    # reading and never answers (Django raises RequestAborted).
                    state["refused"] = True
                    await refuse(scope, send, limit)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message):
            if state["refused"]:
                return
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        await self.app(scope, counted_receive, guarded_send)
