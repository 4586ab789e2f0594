"""Celery tasks of the calls: thin, fetch by id, call the service."""

from celery import shared_task

from calls.services import calls_purge_due, lottery_compute


@shared_task
def lottery_compute_task(lottery_id: int) -> str:
    """Compute a call's LEXIMIN lottery and publish its list hash (never in a request)."""
    return lottery_compute(lottery_id=lottery_id).status


@shared_task
def purge_call_answers() -> int:
    """Beat runs this daily: quota answers and contacts past their retention are deleted."""
    return calls_purge_due()
