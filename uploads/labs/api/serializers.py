import json

from rest_framework import serializers

from uploads.labs.services import FLAGS
from uploads.models import LabResult


def _or_none(text: str) -> str | None:
    return text or None


class LabResultSerializer(serializers.ModelSerializer):
    upload_id = serializers.UUIDField(read_only=True, help_text="The report it was read from.")
    page = serializers.IntegerField(read_only=True, allow_null=True, help_text="From 1.")
    analyte = serializers.CharField(read_only=True, help_text="The canonical slug, e.g. `haemoglobin` or `tsh`.")
    value = serializers.CharField(read_only=True, help_text="As printed, e.g. `13.2` or `<0.5`.")
    reference_low = serializers.SerializerMethodField()
    reference_high = serializers.SerializerMethodField()
    flag = serializers.SerializerMethodField()
    sample_date = serializers.SerializerMethodField()
    original = serializers.SerializerMethodField()

    class Meta:
        model = LabResult
        fields = [
            "id",
            "upload_id",
            "page",
            "analyte",
            "name_as_printed",
            "value",
            "unit",
            "reference_low",
            "reference_high",
            "reference_text",
            "flag",
            "sample_date",
            "source",
            "needs_review",
            "corrected",
            "original",
        ]
        read_only_fields = fields

    def get_reference_low(self, result: LabResult) -> str | None:
        return _or_none(result.reference_low)

    def get_reference_high(self, result: LabResult) -> str | None:
        return _or_none(result.reference_high)

    def get_flag(self, result: LabResult) -> str | None:
        """`low`, `high`, `abnormal`, or null."""
        return _or_none(result.flag)

    def get_sample_date(self, result: LabResult) -> str | None:
        """The day the sample was taken (YYYY-MM-DD), not the report's date; null when the report gives none."""
        return _or_none(result.sample_date)

    def get_original(self, result: LabResult) -> dict | None:
        """What was read, before the person's correction; null if never corrected."""
        return json.loads(result.original) if result.original else None


class LabResultCorrectionSerializer(serializers.Serializer):
    value = serializers.CharField(required=False, max_length=40)
    unit = serializers.CharField(required=False, allow_blank=True, max_length=40)
    reference_low = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=40)
    reference_high = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=40)
    flag = serializers.ChoiceField(choices=FLAGS, required=False, allow_null=True, allow_blank=True)
    sample_date = serializers.DateField(required=False, allow_null=True)


class LabSeriesSerializer(serializers.Serializer):
    analyte = serializers.CharField()
    name = serializers.CharField()
    results = LabResultSerializer(many=True, help_text="Oldest first; a series is per unit: compare like with like.")
