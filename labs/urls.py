from django.urls import path

from labs import views, views_life

app_name = "labs"

urlpatterns = [
    path("new/", views.lab_new, name="lab-create"),
    path("<slug:slug>/edit/", views.lab_edit, name="lab-edit"),
    # --- The lab's life
    path("<slug:slug>/phase/", views_life.lab_phase, name="lab-phase"),
    path("<slug:slug>/log/", views_life.log_list, name="log"),
    path("<slug:slug>/log/new/", views_life.log_entry_create, name="log-entry-create"),
    path("log/<int:pk>/edit/", views_life.log_entry_edit, name="log-entry-edit"),
    path("log/<int:pk>/history/", views_life.log_entry_history, name="log-entry-history"),
    path("<slug:slug>/evaluation/", views_life.evaluation_detail, name="evaluation"),
    path("<slug:slug>/evaluation/edit/", views_life.evaluation_edit, name="evaluation-edit"),
    path(
        "<slug:slug>/evaluation/publish/",
        views_life.evaluation_publish,
        name="evaluation-publish",
    ),
    # --- end of the lab's life
]
