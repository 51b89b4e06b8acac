"""The Lab results page: trends over time with charts, each report's table, and corrections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from uploads.labs.charts import trend_svg
from uploads.labs.selectors import (
    lab_reports_for_user,
    lab_result_get_for_user,
    lab_trends_for_user,
    results_table,
)
from uploads.labs.services import EDITABLE_FIELDS, FLAGS, LabCorrectionRejected, lab_result_correct, lab_result_delete


@login_required
@require_GET
def lab_results(request):
    trends = lab_trends_for_user(user_id=request.user.pk)
    charts = [(trend, trend_svg(trend, chart_id=f"chart-{number}")) for number, trend in enumerate(trends)]
    reports = lab_reports_for_user(user_id=request.user.pk)
    context = {"charts": charts, "table": results_table(trends), "reports": reports, "flags": FLAGS}
    return render(request, "uploads/lab_results.html", context)


@login_required
@require_POST
def lab_result_correct_view(request, result_id):
    result = lab_result_get_for_user(user_id=request.user.pk, result_id=result_id)
    changes = {name: request.POST[name] for name in EDITABLE_FIELDS if name in request.POST}
    try:
        lab_result_correct(result=result, **changes)
    except LabCorrectionRejected as rejection:
        messages.error(request, str(rejection))
    else:
        messages.success(request, f"Saved your correction of {result.name_as_printed}. The value first read is kept.")
    return redirect(f"{_page()}#result-{result.pk}")


@login_required
@require_POST
def lab_result_delete_view(request, result_id):
    result = lab_result_get_for_user(user_id=request.user.pk, result_id=result_id)
    lab_result_delete(result=result)
    messages.success(request, f"Deleted {result.name_as_printed} {result.value} {result.unit}.".replace("  ", " "))
    return redirect(_page())


def _page() -> str:
    return reverse("labs:lab-results")
