from django.urls import path

from uploads.labs.api import views

urlpatterns = [
    path("labs/", views.LabResultListView.as_view(), name="lab-list"),
    path("labs/results/<int:result_id>/", views.LabResultDetailView.as_view(), name="lab-result-detail"),
    path("labs/<slug:analyte>/", views.LabSeriesView.as_view(), name="lab-series"),
]
