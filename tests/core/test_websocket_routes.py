"""A websocket path that no app serves is refused cleanly (4404), whoever asks."""

import pytest
from channels.testing import WebsocketCommunicator

from config.asgi import application

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.mark.parametrize(
    "path", ["/ws/nowhere/", "/ws/meetings/abc/live/", "/", "/ws/booklets/sections/x/ar/"]
)
async def test_an_unknown_websocket_path_is_refused_with_4404(path):
    communicator = WebsocketCommunicator(
        application, path, headers=[(b"origin", b"http://127.0.0.1:8000")]
    )
    connected, code = await communicator.connect()
    assert (connected, code) == (False, 4404)
    await communicator.disconnect()
