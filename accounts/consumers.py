"""The base of every app's websocket consumer.

`MemberSocket` owns what each app's consumer would otherwise get wrong on its own:

- connect: anonymous -> 4401; someone who must use two-step login and has not enrolled
  (accounts.predicates.must_use_two_step, as TwoStepRequiredMiddleware does for pages)
  -> 4403; the app's own `admit` refuses -> 4403;
- every frame is read here: binary, not JSON, not a JSON object, nested too deep, or
  larger than MAX_FRAME_CHARS -> 4400. The app's `receive_json` only ever sees a dict;
- an unexpected exception in the app's handler is logged and closes with 1011 after the
  person's presence is removed (Channels alone would skip `disconnect` and leave a ghost
  "present" row);
- every admitted socket also joins its person's group (`person_group`): when a membership
  ends or an account is deleted, the service sends "access.changed" there and each socket
  re-checks `still_allowed`, closing with 4403 at once (not at the person's next message).
"""

import logging

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from accounts.predicates import must_use_two_step
from core.consumers import (
    CLOSE_BAD_FRAME,
    CLOSE_FORBIDDEN,
    CLOSE_SERVER_ERROR,
    CLOSE_UNAUTHENTICATED,
    FrameRefused,
    decode_frame,
)
from core.predicates import forget_cached_roles
from core.realtime import group_name, person_group

logger = logging.getLogger(__name__)


def _two_step_missing(user) -> bool:
    """The websocket side of accounts.middleware.TwoStepRequiredMiddleware."""
    if not settings.TWO_STEP_REQUIRED:
        return False
    forget_cached_roles(user)
    return bool(must_use_two_step(user)) and not is_mfa_enabled(user, [Authenticator.Type.TOTP])


class MemberSocket(AsyncJsonWebsocketConsumer):
    """Subclasses implement `admit` (load and check on connect), `joined` (after accept:
    presence, first state), `still_allowed`, `leave` (idempotent) and `receive_json`."""

    admitted = False

    async def admit(self, user) -> bool:
        raise NotImplementedError

    async def joined(self, user) -> None:
        return None

    async def still_allowed(self, user) -> bool:
        raise NotImplementedError

    async def leave(self) -> None:
        return None

    # Connection --------------------------------------------------------------------------
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        if await database_sync_to_async(_two_step_missing)(user):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        if not await self.admit(user):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.admitted = True
        self.groups_joined = [self.group, group_name(person_group(user.pk))]
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        await self.joined(user)

    async def disconnect(self, code):
        await self._part()

    async def _part(self) -> None:
        if not self.admitted:
            return
        self.admitted = False
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        await self.leave()

    async def shut(self, code: int) -> None:
        """Remove the person's presence, then close: the row never outlives the socket."""
        await self._part()
        await self.close(code=code)

    # Frames ------------------------------------------------------------------------------
    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if not self.admitted:
            return
        try:
            content = decode_frame(text_data, bytes_data)
        except FrameRefused:
            await self.shut(CLOSE_BAD_FRAME)
            return
        try:
            await self.receive_json(content, **kwargs)
        except Exception:
            logger.exception("websocket handler failed on %s", type(self).__name__)
            await self.shut(CLOSE_SERVER_ERROR)

    async def access_changed(self, event):
        user = self.scope["user"]
        if not self.admitted:
            return
        await database_sync_to_async(user.refresh_from_db)()  # deleted or deactivated?
        allowed = user.is_active and not await database_sync_to_async(_two_step_missing)(user)
        if not (allowed and await self.still_allowed(user)):
            await self.shut(CLOSE_FORBIDDEN)
