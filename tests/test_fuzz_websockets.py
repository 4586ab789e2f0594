"""Every websocket, attacked: malformed frames, every message type with hostile values,
a membership ended or a two-step login missing while the socket is open.

The promises:
- no frame crashes a consumer (Channels would close with 1011 and, under Daphne, skip
  ``disconnect``, leaving a ghost "present" row): a frame that is not a JSON object, is
  binary, or is too large closes the socket with 4400, and the person's presence is gone;
- a message a person may not send, or with values that make no sense, is answered with an
  error and changes nothing in the database (a snapshot of every table, as in
  tests/test_fuzz_forms.py; presence rows and sessions are left out);
- a member whose membership ends is disconnected (4403) at once, not at her next message;
- a facilitator who must use two-step login and has not enrolled cannot connect (4403).

Hypothesis draws the frames; each example opens its own socket on the real ASGI
application (origin check, session middleware, routing).
"""

import json

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booklets.models import EditingPresence
from meetings.consumers import FACILITATOR_ACTIONS, MEMBER_ACTIONS
from meetings.models import LivePresence
from meetings.services import live_open
from tests.booklets.conftest import booklet, writer  # noqa: F401 (fixtures)
from tests.test_fuzz_forms import _tables, snapshot
from tests.websockets import live_path, presence_path, ws_connect

pytestmark = pytest.mark.django_db(transaction=True)

CLOSE_BAD_FRAME = 4400
PRESENCE_TABLES = {"meetings_livepresence", "booklets_editingpresence", "django_session"}

MALFORMED = [
    b"\x00\xff\xfe binary",
    "not json",
    "{",
    "1" * 5000,  # an integer of more digits than Python parses
    "[" * 50_000 + "]" * 50_000,  # nesting deeper than the parser's recursion
    json.dumps({"action": "raise_hand", "pad": "x" * 100_000}),  # too large
    "[]",
    '"raise_hand"',
    "123",
    "null",
    "NaN",
]

# JSON values that have broken id parsing before: huge, infinite, negative, wrong types.
HOSTILE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.sampled_from([1e308, -1e308, 2**31, 2**63, -1, 0, "1", "", "1e400", "٣", "1 OR 1=1"]),
    st.text(max_size=40),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
ACTIONS = sorted(MEMBER_ACTIONS | FACILITATOR_ACTIONS) + ["who", "", "__init__", "delete"]
MESSAGES = st.fixed_dictionaries(
    {"action": st.one_of(st.sampled_from(ACTIONS), HOSTILE_VALUES)},
    optional={"item": HOSTILE_VALUES, "user": HOSTILE_VALUES, "type": HOSTILE_VALUES},
)
FRAMES = st.one_of(
    MESSAGES.map(json.dumps),
    st.text(max_size=200),
    st.binary(max_size=200),
    st.sampled_from(MALFORMED),
)


def _tables_watched():
    return [t for t in _tables() if t not in PRESENCE_TABLES]


async def _send(communicator, frame):
    # send_input, not send_to: send_to refuses an empty frame, which a browser can send.
    key = "bytes" if isinstance(frame, bytes) else "text"
    await communicator.send_input({"type": "websocket.receive", key: frame})


async def _answers(communicator) -> list[dict]:
    """Everything the consumer sends back within a short while (raises if it crashed). The
    first answer may take a second on a busy machine; the next ones follow it closely."""
    out = []
    wait = 1.0
    while not await communicator.receive_nothing(timeout=wait):
        wait = 0.2
        out.append(await communicator.receive_output())
        if out[-1]["type"] == "websocket.close":
            break
    if communicator.future.done():
        communicator.future.result()  # the consumer's exception, if it crashed
    return out


def _is_malformed(frame) -> bool:
    if isinstance(frame, bytes):
        return True
    if len(frame) > 8192:
        return True
    try:
        return not isinstance(json.loads(frame), dict)
    except (ValueError, RecursionError):
        return True


def _presence_count(model):
    return sync_to_async(model.objects.count)()


@pytest.fixture
def sockets(meeting, members, facilitator, booklet, writer):  # noqa: F811
    """(label, user, path, presence model) for every socket kind and kind of person."""
    live_open(actor=facilitator, meeting=meeting)
    section = booklet.sections.first()
    return [
        ("live/member", members[0].user, live_path(meeting), LivePresence),
        ("live/facilitator", facilitator, live_path(meeting), LivePresence),
        ("presence/writer", writer, presence_path(section, "fr"), EditingPresence),
    ]


async def _open(user, path):
    communicator, connected, code = await ws_connect(user, path)
    assert connected, code
    await _answers(communicator)  # the welcome state or presence
    return communicator


@pytest.mark.parametrize("frame", MALFORMED, ids=lambda f: repr(f[:12]))
def test_a_malformed_frame_closes_4400_and_leaves_no_presence(sockets, frame):
    tables = _tables_watched()

    @async_to_sync
    async def attack():
        for label, user, path, model in sockets:
            before = await sync_to_async(snapshot)(tables)
            communicator = await _open(user, path)
            assert await _presence_count(model) == 1, label
            await _send(communicator, frame)
            answers = await _answers(communicator)
            assert answers and answers[-1] == {"type": "websocket.close", "code": 4400}, (
                label,
                answers,
            )
            assert await _presence_count(model) == 0, f"{label}: a ghost presence row"
            assert await sync_to_async(snapshot)(tables) == before, label

    attack()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(frame=FRAMES)
def test_no_frame_crashes_a_consumer_and_refusals_change_nothing(sockets, frame):
    tables = _tables_watched()

    @async_to_sync
    async def attack():
        for label, user, path, model in sockets:
            before = await sync_to_async(snapshot)(tables)
            present_before = await _presence_count(model)
            communicator = await _open(user, path)
            await _send(communicator, frame)
            answers = await _answers(communicator)  # raises if the consumer crashed
            closes = [a for a in answers if a["type"] == "websocket.close"]
            if _is_malformed(frame):
                assert closes == [{"type": "websocket.close", "code": 4400}], (label, answers)
            else:
                assert not closes, (label, answers)
            replies = [json.loads(a["text"]) for a in answers if a.get("text")]
            refused = closes or any(r.get("type") == "error" for r in replies)
            if refused:
                after = await sync_to_async(snapshot)(tables)
                assert after == before, (label, frame, replies)
            if not closes:
                await communicator.disconnect()
            assert await _presence_count(model) == present_before, f"{label}: a ghost row"

    attack()


def test_a_membership_ended_closes_the_open_sockets_at_once(sockets, facilitator):
    from core.models import Membership
    from core.services import membership_end

    @async_to_sync
    async def attack():
        member_live = await _open(sockets[0][1], sockets[0][2])
        writer_presence = await _open(sockets[2][1], sockets[2][2])
        for user in (sockets[0][1], sockets[2][1]):
            membership = await sync_to_async(Membership.objects.get)(user=user, ended_at=None)
            await sync_to_async(membership_end)(actor=facilitator, membership=membership)
        for communicator in (member_live, writer_presence):
            answers = await _answers(communicator)
            closes = [a for a in answers if a["type"] == "websocket.close"]
            assert closes == [{"type": "websocket.close", "code": 4403}], answers
        assert await _presence_count(LivePresence) == 0
        assert await _presence_count(EditingPresence) == 0

    attack()


def test_a_facilitator_without_two_step_login_cannot_connect(sockets, two_step_required):
    @async_to_sync
    async def attack():
        _c, connected, code = await ws_connect(sockets[1][1], sockets[1][2])
        assert not connected and code == 4403
        _c, connected, _code = await ws_connect(sockets[0][1], sockets[0][2])
        assert connected  # a member is not asked for two-step login

    attack()


def test_an_account_deactivated_in_the_admin_closes_its_sockets(sockets, client):
    """The admin's change form (is_active unticked) closes the member's live socket."""
    from accounts.models import User

    member = sockets[0][1]
    admin = User.objects.create_superuser(username="root", email="root@example.org", password="x")
    client.force_login(admin)

    @async_to_sync
    async def attack():
        live = await _open(member, sockets[0][2])
        await sync_to_async(client.post)(
            f"/admin/accounts/user/{member.pk}/change/",
            {"display_name": member.display_name, "role": member.role},  # is_active unticked
        )
        assert not (await sync_to_async(User.objects.get)(pk=member.pk)).is_active
        answers = await _answers(live)
        closes = [a for a in answers if a["type"] == "websocket.close"]
        assert closes == [{"type": "websocket.close", "code": 4403}], answers
        assert await _presence_count(LivePresence) == 0

    attack()
