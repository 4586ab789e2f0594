from accounts.models import Invitation, hash_token


def invitation_get_by_token(*, token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.filter(token_hash=hash_token(token))
        .select_related("seat__space")
        .first()
    )
