from django.urls import path

from uploads import views

app_name = "uploads"

# Files are reached by upload id, through the owner check; no URL serves a stored path.
urlpatterns = [
    path("", views.file_list, name="file-list"),
    path("upload/", views.upload_create, name="upload-create"),
    path("<uuid:upload_id>/content/", views.file_content, name="file-content"),
    path("<uuid:upload_id>/preview/", views.file_preview, name="file-preview"),
    path("<uuid:upload_id>/delete/", views.file_delete, name="file-delete"),
    path("<uuid:upload_id>/share-details/", views.file_share_details, name="file-share-details"),
]
