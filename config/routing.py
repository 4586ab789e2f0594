"""Websocket routes of every app; each consumer checks permissions on connect and per message."""

from booklets.routing import websocket_urlpatterns as booklets_ws
from meetings.routing import websocket_urlpatterns as meetings_ws

websocket_urlpatterns: list = [*meetings_ws, *booklets_ws]
