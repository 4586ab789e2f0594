from celery import shared_task

from votes.services import votes_close_due


@shared_task
def close_due_votes() -> int:
    """Beat runs this every minute: online votes close at their deadline, server time."""
    return votes_close_due()
