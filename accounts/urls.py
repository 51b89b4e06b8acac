from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.health_profile, name="profile"),
    path("location/", views.location, name="location"),
    path("delete/", views.account_delete, name="delete"),
    path("activity/", views.security_activity, name="activity"),
    path("keys/", views.keys, name="api-keys"),
    path("keys/<int:key_id>/revoke/", views.key_revoke, name="api-key-revoke"),
]
