from django.urls import path

from labs import views

app_name = "labs"

urlpatterns = [
    path("new/", views.lab_new, name="lab-create"),
    path("<slug:slug>/edit/", views.lab_edit, name="lab-edit"),
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
    path("calls/<int:pk>/invite/", call_views.panel_invite_view, name="panel-invite"),
]
