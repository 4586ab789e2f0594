""" "Currently editing": who has a section's edit page open, over a websocket.

Connect: authenticated (session), origin checked by AllowedHostsOriginValidator in
config.asgi, and `booklets.edit_booklet` on the section — otherwise the socket is
closed. The page works without it: the server also lists the editors when it renders,
and a stale save is refused as a conflict whatever the socket said.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from booklets import services
from booklets.selectors import editing_now, section_get
from core.predicates import forget_cached_roles
from core.realtime import group_name

CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403


def _may_edit(user, section, language: str) -> bool:
    forget_cached_roles(user)
    return (
        section is not None
        and section.removed_at is None
        and language in section.booklet.languages
        and user.has_perm("booklets.edit_booklet", section)
    )


class SectionPresenceConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.section = None
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        kwargs = self.scope["url_route"]["kwargs"]
        section = await database_sync_to_async(section_get)(pk=kwargs["section_id"])
        language = kwargs["language"]
        if not await database_sync_to_async(_may_edit)(user, section, language):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.section, self.language = section, language
        self.group = group_name(f"booklets.section.{section.pk}.{language}")
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await database_sync_to_async(services.presence_join)(
            user=user, section=section, language=language, channel_name=self.channel_name
        )

    async def disconnect(self, code):
        if self.section is None:
            return
        await self.channel_layer.group_discard(self.group, self.channel_name)
        await database_sync_to_async(services.presence_leave)(channel_name=self.channel_name)

    async def receive_json(self, content, **kwargs):
        """The only message: "who": re-checks the permission, answers the editors."""
        if self.section is None:
            return
        user = self.scope["user"]
        if not await database_sync_to_async(_may_edit)(user, self.section, self.language):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        editors = await database_sync_to_async(editing_now)(
            section_id=self.section.pk, language=self.language
        )
        await self.send_json({"type": "presence", "editors": editors})

    async def presence_changed(self, event):
        await self.send_json({"type": "presence", "editors": event["editors"]})

    async def section_saved(self, event):
        await self.send_json({"type": "saved", "number": event["number"]})
