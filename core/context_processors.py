from django.conf import settings


def site(request):
    return {"TERRITORY_NAME": settings.TERRITORY_NAME}
