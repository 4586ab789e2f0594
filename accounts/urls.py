from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("invite/<str:token>/", views.invitation, name="invitation"),
    path("me/", views.profile, name="profile"),
    path("me/data/", views.data_export, name="data-export"),
    path("me/delete/", views.account_delete, name="account-delete"),
    path("language/", views.language_set, name="set-language"),
]
