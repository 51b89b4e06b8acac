from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from uploads.models import Upload


class UploadCreateSerializer(serializers.Serializer):
    """For the docs only: the service validates the file, so the API refuses exactly what the browser refuses."""

    file = serializers.FileField(help_text="A PDF, a JPEG, PNG or WebP image, or a DICOM (.dcm) file.")


class UploadUpdateSerializer(serializers.Serializer):
    share_patient_details = serializers.BooleanField(
        help_text="DICOM only: let the model see the file's identifying tags (name, ID, birth date…). Off by default."
    )


class UploadSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", help_text="The file's name, sanitised.")
    content_url = serializers.SerializerMethodField(help_text="Download the original file here.")

    class Meta:
        model = Upload
        fields = [
            "id",
            "name",
            "kind",
            "content_type",
            "size",
            "sha256",
            "page_count",
            "width",
            "height",
            "share_patient_details",
            "index_status",
            "created_at",
            "content_url",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "index_status": {
                "help_text": "`pending` until the file's passages can be retrieved (seconds), then `ready`;"
                " `failed` if its text could not be indexed."
            }
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_content_url(self, upload: Upload) -> str:
        path = reverse("api:upload-content", args=[upload.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class BrowserUploadSerializer(UploadSerializer):
    """The same fields for the website's composer, with the website's own URLs (its session, not a token)."""

    preview_url = serializers.SerializerMethodField()
    delete_url = serializers.SerializerMethodField()

    class Meta(UploadSerializer.Meta):
        fields = [*UploadSerializer.Meta.fields, "preview_url", "delete_url"]
        read_only_fields = fields

    def get_content_url(self, upload: Upload) -> str:
        return reverse("uploads:file-content", args=[upload.pk])

    def get_preview_url(self, upload: Upload) -> str:
        return reverse("uploads:file-preview", args=[upload.pk])

    def get_delete_url(self, upload: Upload) -> str:
        return reverse("uploads:file-delete", args=[upload.pk])
