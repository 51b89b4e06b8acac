from django.contrib import admin
from django.template.defaultfilters import filesizeformat

from accounts.audit import AuditedAdminViews
from uploads.models import Upload


@admin.register(Upload)
class UploadAdmin(AuditedAdminViews, admin.ModelAdmin):
    """Read-only: what is stored and whose, never what it is called or says (both are health data)."""

    list_display = ("upload", "owner_email", "kind", "human_size", "page_count", "created_at")
    list_filter = ("kind", "content_type", "created_at")
    search_fields = ("owner__email",)
    list_select_related = ("owner",)
    date_hierarchy = "created_at"
    ordering = ("-created_at",)
    fields = (
        "id",
        "owner",
        "kind",
        "content_type",
        "size",
        "page_count",
        "width",
        "height",
        "extracted_text_length",
        # Paths name the owner's id, a time and a random id: never the file's own name.
        "stored_path",
        "preview_path",
        "model_image_paths",
        "created_at",
    )
    readonly_fields = fields

    @admin.display(description="file")
    def upload(self, upload: Upload) -> str:
        return str(upload)

    @admin.display(description="owner", ordering="owner__email")
    def owner_email(self, upload: Upload) -> str:
        return upload.owner.email

    @admin.display(description="size", ordering="size")
    def human_size(self, upload: Upload) -> str:
        return filesizeformat(upload.size)

    @admin.display(description="extracted text")
    def extracted_text_length(self, upload: Upload) -> str:
        return f"{len(upload.extracted_text):,} characters (not shown)"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
