"""Uploads for scripts: the browser's services, selectors, limits, errors and file headers, over JWT."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.audit import audit_context
from healthassistant.api_errors import ApiAutoSchema, ErrorSerializer
from healthassistant.pagination import PageNumbers
from uploads.api.serializers import UploadCreateSerializer, UploadSerializer, UploadUpdateSerializer
from uploads.detection import FILE_TYPES
from uploads.errors import UploadRejected
from uploads.selectors import upload_get_for_user, upload_list_for_user
from uploads.services import upload_create, upload_delete, upload_set_share_patient_details
from uploads.serving import upload_download_response
from uploads.throttling import check_upload_rate
from uploads.views import FILES_PER_PAGE


class UploadPagination(PageNumbers):
    page_size = FILES_PER_PAGE


class UploadListView(generics.ListAPIView):
    schema = ApiAutoSchema()
    parser_classes = [MultiPartParser]
    serializer_class = UploadSerializer
    pagination_class = UploadPagination

    def get_queryset(self):
        return upload_list_for_user(user=self.request.user)

    @extend_schema(operation_id="uploads_list", summary="Your files, newest first")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="uploads_create",
        summary="Upload a file (multipart field `file`) to ask about in a message",
        request={"multipart/form-data": UploadCreateSerializer},
        responses={
            201: UploadSerializer,
            413: OpenApiResponse(ErrorSerializer, description="Too large, or over your storage quota."),
            415: OpenApiResponse(ErrorSerializer, description="Not a PDF, JPEG, PNG, WebP or DICOM file."),
            422: OpenApiResponse(
                ErrorSerializer,
                description="Unreadable, encrypted, too many pages or pixels, or too slow or large to read.",
            ),
            429: OpenApiResponse(
                ErrorSerializer,
                description="Uploading too fast (see Retry-After), or too many of your files being read at once.",
            ),
            507: OpenApiResponse(ErrorSerializer, description="The server could not store the file; try later."),
        },
    )
    def post(self, request):
        check_upload_rate(request)
        file = request.FILES.get("file")
        if file is None:
            raise UploadRejected("Choose a file to upload: send it in the multipart field `file`.", "no_file")
        upload = upload_create(owner=request.user, file=file)
        return Response(UploadSerializer(upload, context={"request": request}).data, status=status.HTTP_201_CREATED)


class UploadDetailView(APIView):
    schema = ApiAutoSchema()

    @extend_schema(operation_id="uploads_retrieve", summary="One of your files", responses=UploadSerializer)
    def get(self, request, upload_id):
        upload = upload_get_for_user(user=request.user, upload_id=upload_id)
        return Response(UploadSerializer(upload, context={"request": request}).data)

    @extend_schema(
        operation_id="uploads_update",
        summary="Choose whether the model may see a DICOM file's patient details",
        request=UploadUpdateSerializer,
        responses={
            200: UploadSerializer,
            422: OpenApiResponse(ErrorSerializer, description="Only DICOM files carry patient details."),
        },
    )
    def patch(self, request, upload_id):
        upload = upload_get_for_user(user=request.user, upload_id=upload_id)
        data = UploadUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = upload_set_share_patient_details(upload=upload, share=data.validated_data["share_patient_details"])
        return Response(UploadSerializer(upload, context={"request": request}).data)

    @extend_schema(
        operation_id="uploads_destroy",
        summary="Delete a file; messages that used it keep their text",
        responses={204: OpenApiResponse(description="Deleted.")},
    )
    def delete(self, request, upload_id):
        upload = upload_get_for_user(user=request.user, upload_id=upload_id)
        upload_delete(upload=upload, audit=audit_context(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class UploadContentView(APIView):
    """The original file, to its owner only, with the browser file view's headers (nosniff, sandbox CSP)."""

    schema = ApiAutoSchema()

    def perform_content_negotiation(self, request, force=False):
        # A client asking for the file's own type (image/png...) still gets errors as JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        operation_id="uploads_content",
        summary="Download the original file",
        responses={(200, file_type.content_type): OpenApiTypes.BINARY for file_type in FILE_TYPES},
    )
    def get(self, request, upload_id):
        upload = upload_get_for_user(user=request.user, upload_id=upload_id)
        return upload_download_response(upload, in_browser=False)
