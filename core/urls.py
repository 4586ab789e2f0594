from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("notices/", views.notifications, name="notifications"),
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
