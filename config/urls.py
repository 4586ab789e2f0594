from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("", include("accounts.urls")),
    path("", include("meetings.urls")),
    path("", include("votes.urls")),
    path("", include("proposals.urls")),
    path("", include("recommendations.urls")),
    path("", include("booklets.urls")),
    path("agora/", include("agora.urls")),
    path("labs/", include("calls.urls")),
    path("labs/", include("labs.urls")),
    path("", include("portal.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
