from django.urls import path

from labs import views

app_name = "labs"

urlpatterns = [
    path("new/", views.lab_new, name="lab-create"),
    path("<slug:slug>/edit/", views.lab_edit, name="lab-edit"),
    # --- The lab's life
    path("<slug:slug>/phase/", views.lab_phase, name="lab-phase"),
    path("<slug:slug>/log/", views.log_list, name="log"),
    path("<slug:slug>/log/new/", views.log_entry_create, name="log-entry-create"),
    path("log/<int:pk>/edit/", views.log_entry_edit, name="log-entry-edit"),
    path("log/<int:pk>/history/", views.log_entry_history, name="log-entry-history"),
    path("<slug:slug>/evaluation/", views.evaluation_detail, name="evaluation"),
    path("<slug:slug>/evaluation/edit/", views.evaluation_edit, name="evaluation-edit"),
    path(
        "<slug:slug>/evaluation/publish/",
        views.evaluation_publish,
        name="evaluation-publish",
    ),
    # --- end of the lab's life
]
