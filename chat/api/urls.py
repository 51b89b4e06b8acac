from django.urls import path

from chat.api import sse, views

urlpatterns = [
    path("sessions/", views.SessionListView.as_view(), name="session-list"),
    path("sessions/<uuid:session_id>/", views.SessionDetailView.as_view(), name="session-detail"),
    path("sessions/<uuid:session_id>/messages/", views.message_list_create, name="message-list"),
    path("sessions/<uuid:session_id>/export/", views.SessionExportView.as_view(), name="session-export"),
    path("sessions/<uuid:session_id>/regenerate/", views.SessionRegenerateView.as_view(), name="session-regenerate"),
    path("messages/<int:message_id>/", views.MessageDetailView.as_view(), name="message-detail"),
    path("me/export/", views.MeExportView.as_view(), name="me-export"),
    path("me/appointment-summary/", views.appointment_summary, name="me-appointment-summary"),
    path("messages/<int:message_id>/stream/", sse.message_stream, name="message-stream"),
    path("messages/<int:message_id>/cancel/", views.MessageCancelView.as_view(), name="message-cancel"),
    path("messages/<int:message_id>/edit/", views.MessageEditView.as_view(), name="message-edit"),
    path("messages/<int:message_id>/select/", views.MessageVersionSelectView.as_view(), name="message-select"),
]
