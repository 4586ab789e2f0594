"""The addresses are the ones they had under labs (only the names' namespace moved): config/urls
includes this module under "labs/", before labs' own."""

from django.urls import path

from calls import views

app_name = "calls"

urlpatterns = [
    path("<slug:slug>/calls/", views.call_list, name="call-list"),
    path("<slug:slug>/calls/new/", views.call_create, name="call-create"),
    path("calls/<int:pk>/", views.call_detail, name="call-detail"),
    path("calls/<int:pk>/edit/", views.call_edit, name="call-edit"),
    path("calls/<int:pk>/close/", views.call_close_view, name="call-close"),
    path("calls/<int:pk>/quotas/", views.call_quotas, name="call-quotas"),
    path("calls/<int:pk>/apply/", views.call_apply_view, name="call-apply"),
    path("calls/<int:pk>/my-probability/", views.call_lookup, name="call-lookup"),
    path("calls/<int:pk>/lottery/start/", views.lottery_start_view, name="lottery-start"),
    path("calls/<int:pk>/lottery/random/", views.lottery_random_view, name="lottery-random"),
    path("calls/<int:pk>/lottery/source/", views.lottery_source_view, name="lottery-source"),
    path(
        "calls/<int:pk>/lottery/random/correct/",
        views.lottery_correct_view,
        name="lottery-random-correct",
    ),
    path("calls/<int:pk>/lottery/draw/", views.lottery_draw_view, name="lottery-draw"),
    path("calls/<int:pk>/lottery/panels.txt", views.lottery_panels, name="lottery-panels"),
    path("calls/<int:pk>/lottery/quotas.csv", views.lottery_quotas_csv, name="lottery-quotas"),
    path("calls/<int:pk>/lottery/pool.csv", views.lottery_pool_csv, name="lottery-pool"),
    path("calls/<int:pk>/verify/", views.lottery_verify, name="lottery-verify"),
    path(
        "calls/<int:pk>/dropout/<int:volunteer_id>/",
        views.volunteer_dropout_view,
        name="volunteer-dropout",
    ),
    path(
        "calls/<int:pk>/exclude/<int:volunteer_id>/",
        views.volunteer_exclude_view,
        name="volunteer-exclude",
    ),
    path(
        "calls/<int:pk>/reinstate/<int:volunteer_id>/",
        views.volunteer_reinstate_view,
        name="volunteer-reinstate",
    ),
    path("calls/<int:pk>/invite/", views.panel_invite_view, name="panel-invite"),
]
