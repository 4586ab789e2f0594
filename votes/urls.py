from django.urls import path

from votes import views

app_name = "votes"

# Same addresses as before the move (they were proposals: names).
urlpatterns = [
    path("votes/<int:pk>/", views.vote_detail, name="vote-detail"),
    path("votes/<int:pk>/cast/", views.vote_cast, name="vote-cast"),
    path("votes/<int:pk>/control/", views.vote_control, name="vote-control"),
    path("votes/<int:pk>/ballots.json", views.vote_recount_file, name="vote-recount-file"),
]
