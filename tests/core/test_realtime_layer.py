"""The channel layer is the real one of the environment: Redis under make test."""

import os
import uuid

import pytest
from channels.layers import get_channel_layer


@pytest.mark.asyncio
async def test_channel_layer_round_trip():
    layer = get_channel_layer()
    if os.environ.get("REDIS_URL"):
        assert type(layer).__module__.startswith("channels_redis")
    group = f"test.{uuid.uuid4().hex}"
    channel = await layer.new_channel()
    await layer.group_add(group, channel)
    await layer.group_send(group, {"type": "ping", "n": 1})
    assert await layer.receive(channel) == {"type": "ping", "n": 1}
    await layer.group_discard(group, channel)
