from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

# The admin logs in through allauth: /admin/login/ (any method) redirects to allauth's login
# with `next`, so its rate limits and two-step login apply; a signed-in non-staff person
# gets 403, staff go on to the admin (see docs/security.md, "Logging in").
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    # Pages name their icon (<link rel="icon">); clients that ask the conventional address
    # anyway (feed readers, older browsers) are sent to it rather than a 404.
    path(
        "favicon.ico",
        RedirectView.as_view(url=static("img/favicon.svg"), permanent=True),
        name="favicon",
    ),
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
