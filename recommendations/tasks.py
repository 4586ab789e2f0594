from celery import shared_task

from recommendations import services as recommendations
from recommendations.models import Recommendation


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
