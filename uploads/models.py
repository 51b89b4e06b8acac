import uuid

from django.conf import settings
from django.db import models

from healthassistant.encryption.fields import EncryptedTextField


class Upload(models.Model):
    """A file a user uploaded: a PDF, an image or a DICOM study, stored privately under MEDIA_ROOT."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF document"
        IMAGE = "image", "Image"
        DICOM = "dicom", "DICOM image"

    class IndexStatus(models.TextChoices):
        PENDING = "pending", "Being indexed"
        READY = "ready", "Ready"
        FAILED = "failed", "Indexing failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="uploads")
    # "lab results HIV.pdf" is health data too: the name is sealed at rest like the text.
    original_name = EncryptedTextField(help_text="Sanitised (at most 255 characters); for display only.")
    stored_path = models.CharField(max_length=500, unique=True, help_text="Relative to MEDIA_ROOT.")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    # Sealed too: with the plain hash, whoever holds the database could confirm that someone has a known file.
    sha256 = EncryptedTextField(help_text="Of the original file's bytes, in hex.")
    page_count = models.PositiveIntegerField(null=True, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    extracted_text = EncryptedTextField(blank=True)
    share_patient_details = models.BooleanField(
        default=False,
        help_text="DICOM only: the owner asked that its identifying tags (name, ID, birth date…) reach the model.",
    )
    preview_path = models.CharField(
        max_length=500, blank=True, help_text="Relative to MEDIA_ROOT: the thumbnail shown in chats and lists."
    )
    model_image_paths = models.JSONField(
        default=list,
        blank=True,
        help_text="Relative to MEDIA_ROOT: the images given to the model (RGB, at most 896 px a side), in order.",
    )
    index_status = models.CharField(
        max_length=10,
        choices=IndexStatus.choices,
        default=IndexStatus.PENDING,
        help_text="Whether the file's passages can be retrieved yet (uploads.retrieval.indexing).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="upload_owner_created")]

    def __str__(self) -> str:
        # Never the file's name: "lab results HIV.pdf" is health data too.
        return f"{self.get_kind_display()} {str(self.pk)[:4]}…"

    @property
    def file_paths(self) -> list[str]:
        """Every file this upload owns on disk, relative to MEDIA_ROOT: the original, then what was derived."""
        return [path for path in (self.stored_path, self.preview_path, *self.model_image_paths) if path]


class Passage(models.Model):
    """A piece of an upload's text with its page: what retrieval finds, and what an answer cites.

    Sealed at rest like the text it comes from; the search index over passages lives only in
    memory (uploads.retrieval.index), so no plaintext index ever reaches the disk.
    """

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="passages")
    # The upload's owner, copied: a person's whole index is one indexed query, with no join.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.PositiveIntegerField(null=True, blank=True, help_text="From 1; empty for an image's description.")
    position = models.PositiveIntegerField(help_text="Order within the upload.")
    text = EncryptedTextField()

    class Meta:
        ordering = ["upload", "position"]
        indexes = [models.Index(fields=["owner", "id"], name="passage_owner")]

    def __str__(self) -> str:
        return f"Passage {self.pk}"


class LabResult(models.Model):
    """One lab value read from a report (uploads.labs), or corrected by its owner.

    Everything a result says is health content and sealed at rest, the analyte's name included,
    so a person's results are filtered and ordered in memory (uploads.labs.selectors), never by
    the database. A correction keeps what was read (`original`) beside the new values.
    """

    class Source(models.TextChoices):
        PARSER = "parser", "Read from the text"
        MODEL = "model", "Read by the model"
        PERSON = "person", "Entered by the person"

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="lab_results")
    # The upload's owner, copied: a person's results are one indexed query, with no join.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.PositiveIntegerField(null=True, blank=True, help_text="From 1.")
    position = models.PositiveIntegerField(default=0, help_text="Order within the upload.")
    analyte = EncryptedTextField(help_text="The canonical slug (uploads.labs.analytes).")
    name_as_printed = EncryptedTextField()
    value = EncryptedTextField()
    unit = EncryptedTextField(blank=True)
    reference_low = EncryptedTextField(blank=True)
    reference_high = EncryptedTextField(blank=True)
    reference_text = EncryptedTextField(blank=True)
    flag = EncryptedTextField(blank=True, help_text="low, high, abnormal, or empty.")
    sample_date = EncryptedTextField(blank=True, help_text="ISO date the sample was taken.")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.PARSER)
    needs_review = models.BooleanField(default=False)
    corrected = models.BooleanField(default=False)
    # What was read, as JSON, once the person corrects it (empty until then).
    original = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["upload", "position"]
        indexes = [models.Index(fields=["owner", "id"], name="lab_result_owner")]

    def __str__(self) -> str:
        # Never the analyte or value: they are health content, and this is what admin pages and logs show.
        return f"Lab result {self.pk}"
