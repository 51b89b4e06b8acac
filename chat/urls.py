from django.urls import path

from chat import views

app_name = "chat"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.session_start, name="session-start"),
    path("sidebar/", views.sidebar, name="sidebar"),
    path("appointment-summary/", views.appointment_summary, name="appointment-summary"),
    path("model-status/", views.model_status, name="model-status"),
    path("<uuid:session_id>/", views.session_detail, name="session-detail"),
    path("<uuid:session_id>/update/", views.session_update, name="session-update"),
    path("<uuid:session_id>/delete/", views.session_delete, name="session-delete"),
    path("<uuid:session_id>/records/", views.session_records, name="session-records"),
    path("<uuid:session_id>/export/", views.session_export, name="session-export"),
    path("<uuid:session_id>/messages/", views.message_create, name="message-create"),
    path("<uuid:session_id>/regenerate/", views.message_regenerate, name="message-regenerate"),
    path("<uuid:session_id>/messages/<int:message_id>/", views.message_detail, name="message-detail"),
    path("<uuid:session_id>/messages/<int:message_id>/stop/", views.message_stop, name="message-stop"),
    path("<uuid:session_id>/messages/<int:message_id>/continue/", views.message_continue, name="message-continue"),
    path("<uuid:session_id>/messages/<int:message_id>/edit/", views.message_edit, name="message-edit"),
    path(
        "<uuid:session_id>/messages/<int:message_id>/select/",
        views.message_version_select,
        name="message-version-select",
    ),
]
