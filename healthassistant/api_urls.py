"""The REST API for scripts, under /api/v1/: JWT auth, chats and messages (with SSE), uploads, and its docs."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from healthassistant.api_errors import api_not_found

app_name = "api"

urlpatterns = [
    path("", include("accounts.api.urls")),
    path("", include("chat.api.urls")),
    path("", include("uploads.api.urls")),
    path("", include("uploads.labs.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: our Content-Security-Policy allows no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^", api_not_found),
]
