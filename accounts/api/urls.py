from django.urls import path

from accounts.api import views

urlpatterns = [
    path("auth/token/", views.TokenObtainView.as_view(), name="token-obtain"),
    path("auth/token/refresh/", views.TokenRefreshView.as_view(), name="token-refresh"),
    path("auth/token/blacklist/", views.TokenBlacklistView.as_view(), name="token-blacklist"),
    path("me/", views.MeView.as_view(), name="me"),
    path("me/audit/", views.MeAuditView.as_view(), name="me-audit"),
    path("me/profile/", views.MeProfileView.as_view(), name="me-profile"),
    path("me/keys/", views.MeKeysView.as_view(), name="me-keys"),
    path("me/keys/<int:key_id>/", views.MeKeyDetailView.as_view(), name="me-key-detail"),
]
