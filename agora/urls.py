from django.urls import path

from agora import views

app_name = "agora"

urlpatterns = [
    path("new/", views.agora_new, name="agora-create"),
    path("<slug:slug>/edit/", views.agora_edit, name="agora-edit"),
]
