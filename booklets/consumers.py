""" "Currently editing": who has a section's edit page open, over a websocket.

Connect: authenticated (session), origin checked by AllowedHostsOriginValidator in
config.asgi, and `booklets.edit_booklet` on the section — otherwise the socket is
closed. The page works without it: the server also lists the editors when it renders,
and a stale save is refused as a conflict whatever the socket said.
"""

from channels.db import database_sync_to_async

from accounts.consumers import MemberSocket
from booklets import services
from booklets.selectors import editing_now, section_get
from core.consumers import CLOSE_FORBIDDEN
from core.predicates import forget_cached_roles
from core.realtime import group_name


def _may_edit(user, section, language: str) -> bool:
    forget_cached_roles(user)
    return (
        section is not None
        and section.removed_at is None
        and language in section.booklet.languages
        and user.has_perm("booklets.edit_booklet", section)
    )


class SectionPresenceConsumer(MemberSocket):
    async def admit(self, user) -> bool:
        kwargs = self.scope["url_route"]["kwargs"]
        self.section = await database_sync_to_async(section_get)(pk=kwargs["section_id"])
        self.language = kwargs["language"]
        if self.section is None:
            return False
        self.group = group_name(f"booklets.section.{self.section.pk}.{self.language}")
        return await self.still_allowed(user)

    async def still_allowed(self, user) -> bool:
        return await database_sync_to_async(_may_edit)(user, self.section, self.language)

    async def joined(self, user) -> None:
        await database_sync_to_async(services.presence_join)(
            user=user, section=self.section, language=self.language, channel_name=self.channel_name
        )

    async def leave(self) -> None:
        await database_sync_to_async(services.presence_leave)(channel_name=self.channel_name)

    async def receive_json(self, content, **kwargs):
        """The only message: "who": re-checks the permission, answers the editors."""
        user = self.scope["user"]
        if not await self.still_allowed(user):
            await self.shut(CLOSE_FORBIDDEN)
            return
        editors = await database_sync_to_async(editing_now)(
            section_id=self.section.pk, language=self.language
        )
        await self.send_json({"type": "presence", "editors": editors})

    async def presence_changed(self, event):
        await self.send_json({"type": "presence", "editors": event["editors"]})

    async def section_saved(self, event):
        await self.send_json({"type": "saved", "number": event["number"]})
