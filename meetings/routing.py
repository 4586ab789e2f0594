from django.urls import path

from meetings.consumers import LiveMeetingConsumer

websocket_urlpatterns = [
    path("ws/meetings/<int:meeting_id>/live/", LiveMeetingConsumer.as_asgi()),
]
