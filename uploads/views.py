import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.audit import audit_context
from uploads.api.serializers import BrowserUploadSerializer
from uploads.errors import UploadRejected
from uploads.naming import content_disposition
from uploads.selectors import (
    upload_get_for_user,
    upload_list_for_user,
    upload_quota_for_user,
    upload_sessions,
)
from uploads.services import upload_create as upload_create_service
from uploads.services import upload_delete, upload_set_share_patient_details
from uploads.serving import upload_download_response, upload_file_response
from uploads.throttling import check_upload_rate

logger = logging.getLogger(__name__)

FILES_PER_PAGE = 25


@login_required
@require_GET
def file_list(request):
    page = Paginator(upload_list_for_user(user=request.user), FILES_PER_PAGE).get_page(request.GET.get("page"))
    rows = [{"upload": upload, "sessions": upload_sessions(upload=upload)} for upload in page]
    return render(
        request,
        "uploads/file_list.html",
        {
            "page": page,
            "rows": rows,
            "quota": upload_quota_for_user(user=request.user),
            "orphan_hours": settings.UPLOAD_ORPHAN_HOURS,
            "retention_days": settings.UPLOAD_RETENTION_DAYS,
        },
    )


@login_required
@require_POST
def upload_create(request):
    """One file in the multipart field `file`: 201 with the chip fragment (or JSON), or a 4xx that says why."""
    try:
        check_upload_rate(request)
        file = request.FILES.get("file")
        if file is None:
            raise UploadRejected("Choose a file to upload.", "no_file")
        upload = upload_create_service(owner=request.user, file=file)
    except UploadRejected as rejection:
        if _wants_json(request):
            response = JsonResponse({"error": rejection.as_dict()}, status=rejection.http_status)
        else:
            response = render(
                request,
                "uploads/partials/upload-error.html",
                {"error": rejection},
                status=rejection.http_status,
            )
        if rejection.retry_after:
            response["Retry-After"] = str(rejection.retry_after)
        return response
    if _wants_json(request):
        return JsonResponse(BrowserUploadSerializer(upload).data, status=201)
    return render(request, "uploads/partials/upload-chip.html", {"upload": upload, "composer": True}, status=201)


@login_required
@require_GET
def file_content(request, upload_id):
    upload = upload_get_for_user(user=request.user, upload_id=upload_id)
    return upload_download_response(upload, in_browser=True)


@login_required
@require_GET
def file_preview(request, upload_id):
    upload = upload_get_for_user(user=request.user, upload_id=upload_id)
    if not upload.preview_path:
        raise Http404("No preview.")
    return upload_file_response(
        upload,
        relative=upload.preview_path,
        content_type="image/jpeg",
        disposition=content_disposition(filename="preview.jpg", inline=True),
    )


@login_required
@require_POST
def file_delete(request, upload_id):
    upload = upload_get_for_user(user=request.user, upload_id=upload_id)
    name = upload.original_name
    upload_delete(upload=upload, audit=audit_context(request))
    if _wants_json(request):
        return JsonResponse({"deleted": str(upload_id)})
    if request.htmx:
        # The row goes (empty swap); the quota line updates out of band.
        return render(
            request,
            "uploads/partials/quota.html",
            {"quota": upload_quota_for_user(user=request.user), "oob": True},
        )
    messages.success(request, f"Deleted “{name}”.")
    return redirect("uploads:file-list")


@login_required
@require_POST
def file_share_details(request, upload_id):
    """Whether a DICOM file's identifying tags may reach the model: off unless the owner turns it on."""
    upload = upload_get_for_user(user=request.user, upload_id=upload_id)
    share = request.POST.get("share") == "1"
    try:
        upload_set_share_patient_details(upload=upload, share=share)
    except UploadRejected as rejection:
        messages.error(request, rejection.message)
    else:
        if share:
            messages.success(request, f"The assistant will see the patient details in “{upload.original_name}”.")
        else:
            messages.success(request, f"The patient details in “{upload.original_name}” are private again.")
    return redirect("uploads:file-list")


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")
