from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.urls import include, path, reverse
from django.views.static import serve

from plenary.core.views import private_file


def admin_login(request, extra_context=None):
    """The back office logs in through allauth (password + authenticator app), never its own form."""
    return redirect_to_login(request.get_full_path(), reverse("account_login"))


admin.site.login = admin_login
handler404 = "plenary.core.not_found.page_not_found"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("plenary.programme.feed_urls")),
    path("", include("plenary.outcomes.export_urls")),
    path("files/<path:name>", private_file, name="private_file"),
    path("", include("plenary.api.urls")),
]
if settings.DEBUG:
    # Public media only: personal files are under PRIVATE_MEDIA_ROOT, served by `private_file`.
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("plenary.core.urls")),
    path("directory/", include("plenary.directory.urls")),
    path("invitations/", include("plenary.invitations.urls")),
    path("webhooks/", include("plenary.webhooks.urls")),
    path("", include("plenary.registration.urls")),
    path("", include("plenary.credentials.urls")),
    path("", include("plenary.api.focal_urls")),
    path("", include("plenary.funding.urls")),
    path("", include("plenary.events.urls")),
    path("", include("plenary.programme.urls")),
    path("", include("plenary.floor.urls")),
    path("", include("plenary.outcomes.urls")),
    path("", include("plenary.queries.urls")),
    path("", include("plenary.documents.urls")),
    path("", include("plenary.overview.urls")),
    path("", include("plenary.privacy.urls")),
)
