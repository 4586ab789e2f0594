from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from agora.models import Agora
from core.exceptions import DomainError
from core.models import SpaceKind, Visibility
from core.services import audit_record, space_quorum_set, space_start, space_unique_slug


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


@transaction.atomic
def agora_update(
    *,
    actor: User,
    agora: Agora,
    name: str,
    description: str = "",
    meeting_rhythm: str = "",
    visibility: str = Visibility.PUBLIC,
    quorum_fraction: Decimal | None = None,
) -> Agora:
    if visibility not in Visibility.values:
        raise DomainError(_("Unknown visibility."))
    agora.name, agora.description = name, description
    agora.meeting_rhythm, agora.visibility = meeting_rhythm, visibility
    agora.save()
    audit_record(actor=actor, action="agora.update", target=agora, space=agora)
    if quorum_fraction is not None:
        space_quorum_set(actor=actor, space=agora, fraction=quorum_fraction)
    return agora
