from django.urls import path

from uploads.api import views

urlpatterns = [
    path("uploads/", views.UploadListView.as_view(), name="upload-list"),
    path("uploads/<uuid:upload_id>/", views.UploadDetailView.as_view(), name="upload-detail"),
    path("uploads/<uuid:upload_id>/content/", views.UploadContentView.as_view(), name="upload-content"),
]
