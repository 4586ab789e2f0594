from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("invite/<str:token>/", views.invitation, name="invitation"),
    path("me/", views.profile, name="profile"),
    path("me/data/", views.data_export, name="data-export"),
    path("me/delete/", views.account_delete, name="account-delete"),
    path("language/", views.language_set, name="set-language"),
    path("s/<slug:slug>/seats/", views.seat_list, name="seat-list"),
    path("s/<slug:slug>/seats/<int:seat_id>/invite/", views.seat_invite, name="seat-invite"),
    path(
        "s/<slug:slug>/invitations/<int:invitation_id>/withdraw/",
        views.invitation_withdraw,
        name="invitation-withdraw",
    ),
]
