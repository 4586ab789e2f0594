"""Websocket pieces shared by every app: close codes, the reading of a frame, and the
route of last resort. The base of the apps' consumers is accounts.consumers.MemberSocket
(it needs the two-step rule, which lives in accounts)."""

import json

from channels.generic.websocket import AsyncWebsocketConsumer

# Application close codes (4000-4999, RFC 6455 section 7.4.2), as HTTP statuses + 4000.
CLOSE_BAD_FRAME = 4400
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_SERVER_ERROR = 1011

# The largest message any page sends is a few hundred characters; 8 KiB leaves room.
MAX_FRAME_CHARS = 8192


class FrameRefused(ValueError):
    pass


def decode_frame(text_data: str | None, bytes_data: bytes | None) -> dict:
    """The JSON object a frame holds, or FrameRefused."""
    if bytes_data is not None or text_data is None or len(text_data) > MAX_FRAME_CHARS:
        raise FrameRefused
    try:
        content = json.loads(text_data)
    except (ValueError, RecursionError) as exc:  # ValueError includes too many digits
        raise FrameRefused from exc
    if not isinstance(content, dict):
        raise FrameRefused
    return content


class NotFoundConsumer(AsyncWebsocketConsumer):
    """The last websocket route: a path no app serves is refused with 4404 at the handshake,
    instead of Channels' "No route found" exception (a 500 in the server's log)."""

    async def connect(self):
        await self.close(code=CLOSE_NOT_FOUND)
