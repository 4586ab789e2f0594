"""Websocket consumers shared by every app."""

from channels.generic.websocket import AsyncWebsocketConsumer

# Application close codes (4000-4999, RFC 6455 section 7.4.2), as HTTP statuses + 4000.
CLOSE_NOT_FOUND = 4404


class NotFoundConsumer(AsyncWebsocketConsumer):
    """The last websocket route: a path no app serves is refused with 4404 at the handshake,
    instead of Channels' "No route found" exception (a 500 in the server's log)."""

    async def connect(self):
        await self.close(code=CLOSE_NOT_FOUND)
