from django.urls import path

from booklets.consumers import SectionPresenceConsumer

websocket_urlpatterns = [
    path(
        "ws/booklets/sections/<int:section_id>/<str:language>/presence/",
        SectionPresenceConsumer.as_asgi(),
    ),
]
