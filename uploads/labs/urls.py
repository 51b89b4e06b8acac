from django.urls import path

from uploads.labs import views

app_name = "labs"

urlpatterns = [
    path("", views.lab_results, name="lab-results"),
    path("results/<int:result_id>/correct/", views.lab_result_correct_view, name="result-correct"),
    path("results/<int:result_id>/delete/", views.lab_result_delete_view, name="result-delete"),
]
