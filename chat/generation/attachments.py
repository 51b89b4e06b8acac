"""What of a message's uploads reaches the model directly: decided here and nowhere else.

Images: every upload's prepared images (a photo, a rendered DICOM frame, a PDF's
scanned pages), in upload order, at most MAX_PROMPT_IMAGES in all. Text reaches the model
as retrieved passages instead (chat.generation.records), so a long file can never overflow
the prompt. The one exception is a DICOM file's identifying tags, when its owner chose to
share them: they are read from the original for each answer and never indexed.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from PIL import Image

from chat.inference.types import Document
from uploads import storage
from uploads.errors import UploadRejected
from uploads.models import Upload
from uploads.processing.derived import rgb
from uploads.processing.dicom import patient_details
from uploads.processing.image import open_image

logger = logging.getLogger(__name__)

# Each image costs MedGemma 256 prompt tokens.
MAX_PROMPT_IMAGES = 8


@dataclass(frozen=True)
class PromptAttachments:
    images: list[Image.Image] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)


def prompt_attachments(*, uploads: Sequence[Upload]) -> PromptAttachments:
    """The images, and the shared patient details, the model gets for these uploads."""
    documents = [document for upload in uploads if (document := _patient_details_for(upload)) is not None]
    return PromptAttachments(images=_images(uploads), documents=documents)


def _patient_details_for(upload: Upload) -> Document | None:
    if upload.kind != Upload.Kind.DICOM or not upload.share_patient_details:
        return None
    try:
        details = patient_details(storage.read_file(upload.stored_path))
    except Exception as exc:
        logger.warning("patient details unavailable upload=%s error=%s", upload.pk, type(exc).__name__)
        return None
    return Document(name=f"Patient details of {upload.original_name}", text=details) if details else None


def _images(uploads: Sequence[Upload]) -> list[Image.Image]:
    images: list[Image.Image] = []
    for upload in uploads:
        for relative in upload.model_image_paths:
            if len(images) == MAX_PROMPT_IMAGES:
                logger.info("prompt image limit reached upload=%s", upload.pk)
                return images
            try:
                with open_image(content=storage.read_file(relative), formats=("PNG",)) as image:
                    images.append(rgb(image))
            except (OSError, ValueError, UploadRejected) as exc:
                # A missing derived file must not stop the answer; cleanup_uploads reports such rows.
                logger.warning("prompt image unavailable upload=%s error=%s", upload.pk, type(exc).__name__)
    return images
