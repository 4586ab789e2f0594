from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("notices/", views.notifications, name="notifications"),
    path("s/<slug:slug>/", views.space_detail, name="space-detail"),
    path("s/<slug:slug>/seats/", views.seat_list, name="seat-list"),
    path("s/<slug:slug>/seats/<int:seat_id>/invite/", views.seat_invite, name="seat-invite"),
    path(
        "s/<slug:slug>/invitations/<int:invitation_id>/withdraw/",
        views.invitation_withdraw,
        name="invitation-withdraw",
    ),
    path(
        "s/<slug:slug>/memberships/<int:membership_id>/end/",
        views.membership_end_view,
        name="membership-end",
    ),
    path(
        "s/<slug:slug>/memberships/<int:membership_id>/eligibility/",
        views.membership_eligibility,
        name="membership-eligibility",
    ),
]
