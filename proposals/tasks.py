from celery import shared_task

from proposals import recommendations
from proposals.models import Recommendation
from proposals.voting import votes_close_due


@shared_task
def close_due_votes() -> int:
    """Beat runs this every minute: online votes close at their deadline, server time."""
    return votes_close_due()


@shared_task
def notify_recommendation_received(recommendation_id: int) -> int:
    rec = Recommendation.objects.filter(pk=recommendation_id).first()
    return recommendations.notify_received(recommendation=rec) if rec else 0


@shared_task
def notify_recommendation_answered(recommendation_id: int) -> int:
    rec = Recommendation.objects.filter(pk=recommendation_id).first()
    return recommendations.notify_answered(recommendation=rec) if rec else 0


@shared_task
def send_recommendation_reminders() -> int:
    """Beat runs this hourly: reminders before the deadline, a notice once it passed."""
    return recommendations.reminders_send()
