""" "Currently editing" over a websocket: who may connect, what others see."""

import pytest
from asgiref.sync import sync_to_async

from booklets.models import EditingPresence
from tests.booklets.conftest import write
from tests.factories import UserFactory
from tests.websockets import ORIGIN, presence_path, ws_connect

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


async def connect(user, section, language, origin=ORIGIN):
    return await ws_connect(user, presence_path(section, language), origin)


async def next_of(communicator, kind):
    while True:
        message = await communicator.receive_json_from(timeout=5)
        if message["type"] == kind:
            return message


async def test_two_editors_see_each_other_and_a_save(booklet, writer, facilitator):
    section = await sync_to_async(lambda: booklet.sections.first())()
    first, connected, _ = await connect(writer, section, "fr")
    assert connected
    assert (await next_of(first, "presence"))["editors"] == [str(writer)]
    second, connected, _ = await connect(facilitator, section, "fr")
    assert connected
    names = (await next_of(first, "presence"))["editors"]
    assert sorted(names) == sorted([str(writer), str(facilitator)])
    await sync_to_async(write)(section, facilitator, "fr", "Nouveau texte.")
    assert (await next_of(first, "saved"))["number"] == 2
    await second.disconnect()
    assert (await next_of(first, "presence"))["editors"] == [str(writer)]
    await first.disconnect()
    assert await sync_to_async(EditingPresence.objects.count)() == 0


async def test_refusals(booklet, writer):
    section = await sync_to_async(lambda: booklet.sections.first())()
    outsider = await sync_to_async(UserFactory)(role="partner")
    _c, connected, code = await connect(None, section, "fr")
    assert not connected and code == 4401
    _c, connected, code = await connect(outsider, section, "fr")
    assert not connected and code == 4403
    _c, connected, code = await connect(writer, section, "uk")  # not a language of the booklet
    assert not connected and code == 4403
    _c, connected, _code = await connect(writer, section, "fr", origin=b"http://evil.example")
    assert not connected


async def test_a_membership_ended_mid_session_is_refused_at_the_next_message(
    booklet, writer, facilitator
):
    from core.models import Membership
    from core.services import membership_end

    section = await sync_to_async(lambda: booklet.sections.first())()
    socket, connected, _ = await connect(writer, section, "fr")
    assert connected
    await next_of(socket, "presence")
    membership = await sync_to_async(Membership.objects.get)(user=writer, ended_at__isnull=True)
    await sync_to_async(membership_end)(actor=facilitator, membership=membership)
    await socket.send_json_to({"type": "who"})
    output = await socket.receive_output(timeout=5)
    assert output["type"] == "websocket.close" and output["code"] == 4403
