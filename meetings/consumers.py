"""The live session over a websocket.

Connect: authenticated (session), origin checked by AllowedHostsOriginValidator in
config.asgi, and `meetings.join_live` on the meeting — otherwise the socket is closed.
Every message checks its permission again (a membership may end mid-session) and calls
the same service as the no-JavaScript form. State changes reach every socket through the
group, computed once after commit (meetings.services._live_event).
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.utils import translation
from django.utils.translation import gettext as _

from core.exceptions import DomainError
from core.predicates import forget_cached_roles
from core.realtime import group_name
from meetings import services
from meetings.selectors import live_state, meeting_get

CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403

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
    item = _int_or_none(data.get("item"))
    target = _int_or_none(data.get("user"))
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


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class LiveMeetingConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.meeting = None
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        meeting = await database_sync_to_async(meeting_get)(
            pk=self.scope["url_route"]["kwargs"]["meeting_id"]
        )
        allowed = meeting is not None and await database_sync_to_async(_fresh_perm)(
            user, "meetings.join_live", meeting
        )
        if not allowed:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.meeting = meeting
        self.group = group_name(f"meetings.meeting.{meeting.pk}")
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await database_sync_to_async(services.presence_join)(
            user=user, meeting=meeting, channel_name=self.channel_name
        )
        state = await database_sync_to_async(live_state)(meeting=meeting)
        await self.send_json({"type": "state", "state": state})

    async def disconnect(self, code):
        if self.meeting is None:
            return
        await self.channel_layer.group_discard(self.group, self.channel_name)
        await database_sync_to_async(services.presence_leave)(channel_name=self.channel_name)

    async def receive_json(self, content, **kwargs):
        if self.meeting is None:
            return
        action = content.get("action") if isinstance(content, dict) else None
        user = self.scope["user"]
        with translation.override(getattr(user, "interface_language", None) or "fr"):
            await self._act(user, action, content)

    async def _act(self, user, action, content):
        try:
            await database_sync_to_async(run_action)(user, self.meeting, str(action), content)
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
