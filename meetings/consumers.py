"""The live session over a websocket.

Connect: authenticated (session), origin checked by AllowedHostsOriginValidator in
config.asgi, and `meetings.join_live` on the meeting — otherwise the socket is closed.
Every message checks its permission again (a membership may end mid-session) and calls
the same service as the no-JavaScript form. State changes reach every socket through the
group, computed once after commit (meetings.services._live_event).
"""

from channels.db import database_sync_to_async
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.consumers import MemberSocket
from core.exceptions import DomainError
from core.predicates import forget_cached_roles
from core.realtime import group_name
from meetings import services
from meetings.selectors import live_state, meeting_get

MEMBER_ACTIONS = {"raise_hand", "lower_hand"}
FACILITATOR_ACTIONS = {"open", "close", "next_item", "goto_item", "give_floor", "withdraw_floor"}


def _fresh_perm(user, perm: str, meeting) -> bool:
    forget_cached_roles(user)  # re-read memberships at every message
    return user.has_perm(perm, meeting)


def run_action(user, meeting, action: str, data: dict) -> None:
    """Shared by the consumer and the no-JavaScript view. Raises PermissionError or
    DomainError; the caller turns them into a message."""
    if action in FACILITATOR_ACTIONS:
        if not _fresh_perm(user, "meetings.manage_meeting", meeting):
            raise PermissionError
    elif action in MEMBER_ACTIONS:
        if not _fresh_perm(user, "meetings.join_live", meeting):
            raise PermissionError
    else:
        raise DomainError(_("Unknown action."))
    item = _id_or_none(data.get("item"), _("This agenda item is not on this meeting's agenda."))
    target = _id_or_none(data.get("user"), _("This person is not waiting to speak."))
    match action:
        case "raise_hand":
            services.hand_raise(user=user, meeting=meeting)
        case "lower_hand":
            services.hand_lower(user=user, meeting=meeting)
        case "open":
            services.live_open(actor=user, meeting=meeting)
        case "close":
            services.live_close(actor=user, meeting=meeting)
        case "next_item":
            services.live_goto_item(actor=user, meeting=meeting)
        case "goto_item":
            services.live_goto_item(actor=user, meeting=meeting, item_id=item)
        case "give_floor":
            services.floor_give(actor=user, meeting=meeting, user_id=target)
        case "withdraw_floor":
            services.floor_withdraw(actor=user, meeting=meeting)


MAX_ID = 2**63 - 1  # a bigint primary key


def _id_or_none(value, refusal: str) -> int | None:
    """An id sent by a page: absent -> None; a positive integer (or its decimal digits) that
    a primary key can hold -> int; anything else -> DomainError(refusal). Never guessed:
    garbage for "goto_item" must not mean "the next item"."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19:
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID:
        return value
    raise DomainError(refusal)


class LiveMeetingConsumer(MemberSocket):
    async def admit(self, user) -> bool:
        meeting = await database_sync_to_async(meeting_get)(
            pk=self.scope["url_route"]["kwargs"]["meeting_id"]
        )
        if meeting is None:
            return False
        self.meeting = meeting
        self.group = group_name(f"meetings.meeting.{meeting.pk}")
        return await self.still_allowed(user)

    async def still_allowed(self, user) -> bool:
        return await database_sync_to_async(_fresh_perm)(user, "meetings.join_live", self.meeting)

    async def joined(self, user) -> None:
        await database_sync_to_async(services.presence_join)(
            user=user, meeting=self.meeting, channel_name=self.channel_name
        )
        state = await database_sync_to_async(live_state)(meeting=self.meeting)
        await self.send_json({"type": "state", "state": state})

    async def leave(self) -> None:
        await database_sync_to_async(services.presence_leave)(channel_name=self.channel_name)

    async def receive_json(self, content, **kwargs):
        user = self.scope["user"]
        with translation.override(getattr(user, "interface_language", None) or "fr"):
            await self._act(user, content.get("action"), content)

    async def _act(self, user, action, content):
        if not isinstance(action, str):
            action = ""
        try:
            await database_sync_to_async(run_action)(user, self.meeting, action, content)
        except PermissionError:
            await self.send_json(
                {"type": "error", "code": "forbidden", "message": _("You cannot do this here.")}
            )
        except DomainError as exc:
            await self.send_json({"type": "error", "code": "refused", "message": str(exc.message)})

    async def vote_changed(self, event):
        """A vote of this meeting opened or closed: phones show a link to it (or its result)."""
        await self.send_json({"type": "vote", "vote": event["vote"], "status": event["status"]})

    async def live_state(self, event):
        await self.send(text_data=event["text"])  # serialised once for every socket
