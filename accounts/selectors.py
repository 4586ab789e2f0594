from django.utils import timezone

from accounts.models import Invitation, hash_token
from core.models import Seat, Space
from core.selectors import seat_list_with_holders


def invitation_get_by_token(*, token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.filter(token_hash=hash_token(token))
        .select_related("seat__space")
        .first()
    )


def seat_list_with_invitations(*, space: Space) -> list[Seat]:
    """The space's seats with their holders (core) and `.pending_invitation`: the newest
    valid invitation of each seat, or None. Three queries in all."""
    seats = seat_list_with_holders(space=space)
    pending = {}
    for invitation in Invitation.objects.filter(
        seat__space=space,
        used_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).order_by("-created_at"):
        pending.setdefault(invitation.seat_id, invitation)
    for seat in seats:
        seat.pending_invitation = pending.get(seat.pk)
    return seats
