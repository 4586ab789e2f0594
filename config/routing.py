"""Websocket routes of every app; each consumer checks permissions on connect and per message."""

websocket_urlpatterns: list = []
