"""Open a websocket to the real ASGI application as a signed-in person (shared by the
consumer tests and the websocket fuzz)."""

from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from config.asgi import application

ORIGIN = b"http://127.0.0.1:8000"


async def ws_connect(user, path: str, origin: bytes = ORIGIN):
    """(communicator, connected, close code). `user` None connects anonymously."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    headers = [(b"origin", origin)]
    if user is not None:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        await sync_to_async(session.save)()
        headers.append((b"cookie", f"sessionid={session.session_key}".encode()))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


def live_path(meeting) -> str:
    return f"/ws/meetings/{meeting.pk}/live/"


def presence_path(section, language: str) -> str:
    return f"/ws/booklets/sections/{section.pk}/{language}/presence/"
