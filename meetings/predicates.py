import rules


@rules.predicate
def is_minutes_taker(user, meeting) -> bool:
    return bool(user.is_authenticated and meeting and meeting.minutes_taker_id == user.pk)
