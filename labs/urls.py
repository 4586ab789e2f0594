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

# --- Calls, volunteers and the lottery ------------------------------------------------------
from labs import call_views  # noqa: E402

urlpatterns += [
    path("<slug:slug>/calls/", call_views.call_list, name="call-list"),
    path("<slug:slug>/calls/new/", call_views.call_create, name="call-create"),
    path("calls/<int:pk>/", call_views.call_detail, name="call-detail"),
    path("calls/<int:pk>/edit/", call_views.call_edit, name="call-edit"),
    path("calls/<int:pk>/close/", call_views.call_close_view, name="call-close"),
    path("calls/<int:pk>/quotas/", call_views.call_quotas, name="call-quotas"),
    path("calls/<int:pk>/apply/", call_views.call_apply_view, name="call-apply"),
    path("calls/<int:pk>/my-probability/", call_views.call_lookup, name="call-lookup"),
    path("calls/<int:pk>/lottery/start/", call_views.lottery_start_view, name="lottery-start"),
    path("calls/<int:pk>/lottery/random/", call_views.lottery_random_view, name="lottery-random"),
    path("calls/<int:pk>/lottery/source/", call_views.lottery_source_view, name="lottery-source"),
    path(
        "calls/<int:pk>/lottery/random/correct/",
        call_views.lottery_correct_view,
        name="lottery-random-correct",
    ),
    path("calls/<int:pk>/lottery/draw/", call_views.lottery_draw_view, name="lottery-draw"),
    path("calls/<int:pk>/lottery/panels.txt", call_views.lottery_panels, name="lottery-panels"),
    path("calls/<int:pk>/lottery/quotas.csv", call_views.lottery_quotas_csv, name="lottery-quotas"),
    path("calls/<int:pk>/lottery/pool.csv", call_views.lottery_pool_csv, name="lottery-pool"),
    path("calls/<int:pk>/verify/", call_views.lottery_verify, name="lottery-verify"),
    path(
        "calls/<int:pk>/dropout/<int:volunteer_id>/",
        call_views.volunteer_dropout_view,
        name="volunteer-dropout",
    ),
    path(
        "calls/<int:pk>/exclude/<int:volunteer_id>/",
        call_views.volunteer_exclude_view,
        name="volunteer-exclude",
    ),
    path(
        "calls/<int:pk>/reinstate/<int:volunteer_id>/",
        call_views.volunteer_reinstate_view,
        name="volunteer-reinstate",
    ),
    path("calls/<int:pk>/invite/", call_views.panel_invite_view, name="panel-invite"),
]
