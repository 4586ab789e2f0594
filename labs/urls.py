from django.urls import path

from labs import views

app_name = "labs"

urlpatterns = [
    path("new/", views.lab_new, name="lab-create"),
    path("<slug:slug>/edit/", views.lab_edit, name="lab-edit"),
]
