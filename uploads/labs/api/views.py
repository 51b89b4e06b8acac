"""Lab results for scripts: the page's selectors and services over JWT; everyone reaches only their own."""

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from healthassistant.api_errors import ApiAutoSchema, ErrorSerializer
from healthassistant.pagination import PageNumbers
from uploads.labs.analytes import analyte_by_slug
from uploads.labs.api.serializers import LabResultCorrectionSerializer, LabResultSerializer, LabSeriesSerializer
from uploads.labs.selectors import lab_result_get_for_user, lab_results_for_user, lab_series_for_user
from uploads.labs.services import LabCorrectionRejected, lab_result_correct, lab_result_delete


class LabPagination(PageNumbers):
    page_size = 100


class LabResultListView(generics.ListAPIView):
    schema = ApiAutoSchema()
    serializer_class = LabResultSerializer
    pagination_class = LabPagination

    def get_queryset(self):
        return lab_results_for_user(user_id=self.request.user.pk)

    @extend_schema(operation_id="labs_list", summary="Every lab result read from your reports, oldest sample first")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class LabSeriesView(APIView):
    schema = ApiAutoSchema()

    @extend_schema(
        operation_id="labs_series",
        summary="One test's results over time, oldest first (`analyte` is its slug, e.g. `haemoglobin`)",
        responses={200: LabSeriesSerializer, 404: OpenApiResponse(ErrorSerializer, description="No such test.")},
    )
    def get(self, request, analyte):
        known = analyte_by_slug(analyte)
        if known is None:
            raise Http404(f"No test is called “{analyte}”: use a slug from the README's list, such as haemoglobin.")
        results = lab_series_for_user(user_id=request.user.pk, analyte=known.slug)
        return Response(LabSeriesSerializer({"analyte": known.slug, "name": known.name, "results": results}).data)


class LabResultDetailView(APIView):
    schema = ApiAutoSchema()

    @extend_schema(
        operation_id="labs_results_retrieve", summary="One of your lab results", responses=LabResultSerializer
    )
    def get(self, request, result_id):
        result = lab_result_get_for_user(user_id=request.user.pk, result_id=result_id)
        return Response(LabResultSerializer(result).data)

    @extend_schema(
        operation_id="labs_results_correct",
        summary="Correct a lab result; it then reads `corrected: true` and keeps what was read in `original`",
        request=LabResultCorrectionSerializer,
        responses={200: LabResultSerializer},
    )
    def patch(self, request, result_id):
        result = lab_result_get_for_user(user_id=request.user.pk, result_id=result_id)
        data = LabResultCorrectionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changes = {name: "" if value is None else str(value) for name, value in data.validated_data.items()}
        if not changes:
            raise ValidationError({"value": ["Send at least one field to correct."]})
        try:
            result = lab_result_correct(result=result, **changes)
        except LabCorrectionRejected as rejection:
            raise ValidationError({"value": [str(rejection)]}) from None
        return Response(LabResultSerializer(result).data)

    @extend_schema(
        operation_id="labs_results_destroy",
        summary="Delete a lab result read wrongly",
        responses={204: OpenApiResponse(description="Deleted.")},
    )
    def delete(self, request, result_id):
        lab_result_delete(result=lab_result_get_for_user(user_id=request.user.pk, result_id=result_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
