"""The live session's websocket: join, presence, hands, agenda, refusals."""

import pytest
from asgiref.sync import sync_to_async

from meetings.consumers import run_action
from meetings.models import LivePresence, Meeting, SpeakerRequest
from meetings.services import live_open
from tests.factories import UserFactory
from tests.websockets import ORIGIN, live_path, ws_connect

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


async def connect(user, meeting, origin=ORIGIN):
    return await ws_connect(user, live_path(meeting), origin)


async def next_state(communicator):
    while True:
        message = await communicator.receive_json_from(timeout=5)
        if message["type"] == "state":
            return message["state"]


async def next_error(communicator):
    while True:
        message = await communicator.receive_json_from(timeout=5)
        if message["type"] == "error":
            return message


async def drain(communicator):
    while not await communicator.receive_nothing(timeout=0.3):
        await communicator.receive_json_from()


async def test_member_joins_and_sees_the_facilitator_advance(meeting, members, facilitator):
    await sync_to_async(live_open)(actor=facilitator, meeting=meeting)
    amina = members[0].user
    member, connected, _ = await connect(amina, meeting)
    assert connected
    state = await next_state(member)
    assert state["live_status"] == "live" and state["current_item"]["title"] == "Welcome"
    staff, connected, _ = await connect(facilitator, meeting)
    assert connected
    await drain(member)
    await drain(staff)
    await staff.send_json_to({"action": "next_item"})
    state = await next_state(member)
    assert state["current_item"]["title"] == "Housing booklet"
    assert sorted(state["present"]) == sorted([str(amina), str(facilitator)])
    await member.disconnect()
    await staff.disconnect()


async def test_presence_and_hand_raising(meeting, members, facilitator):
    await sync_to_async(live_open)(actor=facilitator, meeting=meeting)
    amina, yonas = members[0].user, members[1].user
    a, ok_a, _ = await connect(amina, meeting)
    y, ok_y, _ = await connect(yonas, meeting)
    assert ok_a and ok_y
    await drain(a)
    await drain(y)
    await a.send_json_to({"action": "raise_hand"})
    state = await next_state(y)
    assert [q["name"] for q in state["queue"]] == [str(amina)]
    await y.disconnect()
    await next_state(a)  # the raised hand
    state = await next_state(a)
    assert state["present"] == [str(amina)]
    staff, _ok, _ = await connect(facilitator, meeting)
    await drain(staff)
    await staff.send_json_to({"action": "give_floor"})
    state = await next_state(staff)
    assert state["speaking"]["name"] == str(amina) and state["queue"] == []
    await a.disconnect()
    await staff.disconnect()


async def test_member_cannot_run_the_session(meeting, members, facilitator):
    await sync_to_async(live_open)(actor=facilitator, meeting=meeting)
    member, _c, _ = await connect(members[0].user, meeting)
    await drain(member)
    for action in ("next_item", "close", "give_floor", "goto_item"):
        await member.send_json_to({"action": action})
        reply = await next_error(member)
        assert reply["code"] == "forbidden"
    current = await sync_to_async(lambda: Meeting.objects.get(pk=meeting.pk).current_item.title)()
    assert current == "Welcome"
    await member.disconnect()


async def test_refused_connections(meeting, members, facilitator):
    outsider = await sync_to_async(UserFactory)(role="partner")
    for user in (None, outsider):
        communicator, connected, code = await connect(user, meeting)
        assert not connected
        assert code in (4401, 4403)
    # A page from another site cannot open the socket, even with a member's cookie.
    communicator, connected, _ = await connect(
        members[0].user, meeting, origin=b"https://evil.example"
    )
    assert not connected


async def test_membership_ended_mid_session_closes_the_socket(meeting, members, facilitator):
    from core.services import membership_end

    await sync_to_async(live_open)(actor=facilitator, meeting=meeting)
    member, _c, _ = await connect(members[0].user, meeting)
    await drain(member)
    await sync_to_async(membership_end)(actor=facilitator, membership=members[0])
    closing = await member.receive_output(timeout=5)
    while closing["type"] != "websocket.close":  # a last state may be on its way
        closing = await member.receive_output(timeout=5)
    assert closing["code"] == 4403
    assert not await sync_to_async(LivePresence.objects.exists)()
    # The permission is also checked at every message (a socket that missed the event).
    with pytest.raises(PermissionError):
        await sync_to_async(run_action)(members[0].user, meeting, "raise_hand", {})
    assert not await sync_to_async(SpeakerRequest.objects.exists)()


async def test_actions_before_opening_are_refused(meeting, members):
    member, _c, _ = await connect(members[0].user, meeting)
    await drain(member)
    await member.send_json_to({"action": "raise_hand"})
    reply = await next_error(member)
    assert reply["code"] == "refused"
    await member.send_json_to({"action": "dance"})
    reply = await next_error(member)
    assert reply["code"] == "refused"
    await member.disconnect()


async def test_a_vote_opening_in_the_meeting_reaches_the_phones(meeting, members, facilitator):
    from votes import services as voting

    await sync_to_async(live_open)(actor=facilitator, meeting=meeting)
    member, _c, _ = await connect(members[0].user, meeting)
    await drain(member)
    vote = await sync_to_async(voting.vote_create)(
        actor=facilitator,
        space=meeting.space,
        title="Adopt?",
        method="for_against",
        meeting=meeting,
    )
    await sync_to_async(voting.vote_open)(actor=facilitator, vote=vote)
    message = await member.receive_json_from(timeout=5)
    assert message == {"type": "vote", "vote": vote.pk, "status": "open"}
    await sync_to_async(voting.vote_close)(actor=facilitator, vote=vote)
    message = await member.receive_json_from(timeout=5)
    assert message == {"type": "vote", "vote": vote.pk, "status": "closed"}
    # The socket is still alive and follows the session.
    await member.send_json_to({"action": "raise_hand"})
    assert (await next_state(member))["queue"]
    await member.disconnect()
