from django.conf import settings

from core.selectors import notification_unread_count


def site(request):
    context = {"TERRITORY_NAME": settings.TERRITORY_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["unread_notifications"] = notification_unread_count(user=user)
    return context
