"""Websocket routes of every app; each consumer checks permissions on connect and per message.
The last route answers every other path with 4404 (core.consumers.NotFoundConsumer)."""

from django.urls import re_path

from booklets.routing import websocket_urlpatterns as booklets_ws
from core.consumers import NotFoundConsumer
from meetings.routing import websocket_urlpatterns as meetings_ws

websocket_urlpatterns: list = [
    *meetings_ws,
    *booklets_ws,
    re_path(r"", NotFoundConsumer.as_asgi()),
]
