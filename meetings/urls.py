from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.my_meetings, name="my-meetings"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/rsvp/", views.meeting_rsvp, name="meeting-rsvp"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting-cancel"),
    path("meetings/<int:pk>/agenda/", views.agenda, name="agenda"),
    path("meetings/<int:pk>/agenda/<int:item_id>/move/", views.agenda_move, name="agenda-move"),
    path(
        "meetings/<int:pk>/agenda/<int:item_id>/delete/", views.agenda_delete, name="agenda-delete"
    ),
    path("meetings/<int:pk>/documents/", views.document_add, name="document-add"),
    path(
        "meetings/<int:pk>/documents/<int:doc_id>/",
        views.document_download,
        name="document-download",
    ),
    path("meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("meetings/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("meetings/<int:pk>/minutes/edit/", views.minutes_edit, name="minutes-edit"),
    path("meetings/<int:pk>/minutes/approve/", views.minutes_approve, name="minutes-approve"),
    path("meetings/<int:pk>/minutes/vote/", views.minutes_vote, name="minutes-vote"),
    path(
        "meetings/<int:pk>/minutes/comments/<int:comment_id>/resolve/",
        views.minutes_comment_resolve,
        name="minutes-comment-resolve",
    ),
    path("meetings/<int:pk>/live/", views.live, name="live"),
    path("meetings/<int:pk>/live/action/", views.live_action, name="live-action"),
    path("meetings/<int:pk>/event.ics", views.meeting_ics, name="meeting-ics"),
    path("s/<slug:slug>/meetings/", views.space_meetings, name="space-meetings"),
    path("s/<slug:slug>/meetings/new/", views.meeting_schedule, name="meeting-schedule"),
    path("s/<slug:slug>/calendar.ics", views.space_feed, name="space-feed"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", views.user_feed, name="user-feed"),
]
