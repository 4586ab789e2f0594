"""The addresses are the ones they had under proposals (only the names' namespace moved)."""

from django.urls import path

from recommendations import views as rviews

app_name = "recommendations"

urlpatterns = [
    path("proposals/<int:pk>/recommend/", rviews.recommendation_issue, name="recommendation-issue"),
    path("recommendations/", rviews.recommendation_list, name="recommendation-list"),
    path("recommendations/feed/", rviews.recommendation_feed, name="recommendation-feed"),
    path("recommendations/inbox/", rviews.recommendation_inbox, name="recommendation-inbox"),
    path("recommendations/<int:pk>/", rviews.recommendation_detail, name="recommendation-detail"),
    path(
        "recommendations/<int:pk>/answer/",
        rviews.recommendation_answer,
        name="recommendation-answer",
    ),
    path(
        "recommendations/<int:pk>/commitments/",
        rviews.commitment_add,
        name="recommendation-commitment",
    ),
    path(
        "recommendations/<int:pk>/updates/",
        rviews.implementation_update,
        name="recommendation-update",
    ),
]
