from django.urls import path

from proposals import views

app_name = "proposals"

urlpatterns = [
    path("s/<slug:slug>/proposals/", views.proposal_list, name="proposal-list"),
    path("s/<slug:slug>/proposals/new/", views.proposal_new, name="proposal-create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="proposal-edit"),
    path("proposals/<int:pk>/action/", views.proposal_action, name="proposal-action"),
    path("proposals/<int:pk>/comments/", views.proposal_comment, name="proposal-comment"),
    path("proposals/<int:pk>/amendments/", views.proposal_amend, name="proposal-amend"),
    path(
        "proposals/<int:pk>/amendments/<int:amendment_id>/decide/",
        views.amendment_decide,
        name="amendment-decide",
    ),
    path("s/<slug:slug>/votes/new/", views.vote_new, name="vote-create"),
]
