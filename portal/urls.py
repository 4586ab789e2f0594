from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("s/<slug:slug>/", views.space_detail, name="space"),
]
