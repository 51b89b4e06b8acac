from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from chat import views as chat_views
from healthassistant import views

# The admin logs in through allauth's login: its rate limits, and the staff's second factor.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "AI Health Assistant administration"
admin.site.site_title = "AI Health Assistant administration"
admin.site.index_title = "Site administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("privacy/", views.privacy, name="privacy"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("account/export/", chat_views.export_download, name="account-export"),
    path("chat/", include("chat.urls")),
    path("files/", include("uploads.urls")),
    path("labs/", include("uploads.labs.urls")),
    path("api/v1/", include("healthassistant.api_urls")),
    # OpenAI-compatible, for tools that speak it: authenticated by personal API keys only.
    path("v1/", include("chat.openai_compat.urls")),
]
