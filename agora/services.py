from django.db import transaction

from accounts.models import User
from agora.models import Agora
from core.models import SpaceKind, Visibility
from core.services import space_start, space_unique_slug


@transaction.atomic
def agora_create(
    *,
    actor: User,
    name: str,
    description: str = "",
    meeting_rhythm: str = "",
    visibility: str = Visibility.PUBLIC,
    slug: str | None = None,
) -> Agora:
    """Create the territory's Agora with its 16 seats; the creator facilitates it."""
    agora = Agora.objects.create(
        kind=SpaceKind.AGORA,
        name=name,
        slug=slug or space_unique_slug(name=name, fallback="agora"),
        description=description,
        meeting_rhythm=meeting_rhythm,
        visibility=visibility,
        creator=actor,
    )
    space_start(actor=actor, space=agora)
    return agora
