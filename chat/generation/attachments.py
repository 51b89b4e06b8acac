"""What of a message's uploads reaches the model: decided here and nowhere else.

Images: every upload's prepared images (a photo, a rendered DICOM frame, a PDF's
scanned pages), in upload order, at most MAX_PROMPT_IMAGES in all. Text: each
upload's extracted text as a Document, all of it within text_budget_chars. Short
documents are kept whole and long ones share what is left; a cut document ends
with TRUNCATED so the model knows it saw part of it.
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
TRUNCATED = "[… truncated]"
# How far back from the cut a truncation looks for a line or word break.
_BREAK_WINDOW = 200


@dataclass(frozen=True)
class PromptAttachments:
    images: list[Image.Image] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)


def prompt_attachments(*, uploads: Sequence[Upload], text_budget_chars: int) -> PromptAttachments:
    """The images and documents the model gets for these uploads.

    The documents' texts add up to at most text_budget_chars, except that a document
    whose share is smaller than the truncation marker still gets the marker.
    """
    texts = [(upload.original_name, _text_for(upload)) for upload in uploads]
    texts = [(name, text) for name, text in texts if text]
    shares = _share(budget=max(text_budget_chars, 0), sizes=[len(text) for _, text in texts])
    documents = [
        Document(name=name, text=_truncate(text, share)) for (name, text), share in zip(texts, shares, strict=True)
    ]
    return PromptAttachments(images=_images(uploads), documents=documents)


def _text_for(upload: Upload) -> str:
    text = upload.extracted_text.strip()
    if upload.kind == Upload.Kind.DICOM and upload.share_patient_details:
        try:
            details = patient_details(storage.read_file(upload.stored_path))
        except Exception as exc:
            logger.warning("patient details unavailable upload=%s error=%s", upload.pk, type(exc).__name__)
        else:
            text = f"{text}\n{details}".strip()
    return text


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


def _share(*, budget: int, sizes: list[int]) -> list[int]:
    """Split the budget: documents shorter than an equal share keep all; the rest split the remainder evenly."""
    shares = [0] * len(sizes)
    remaining = budget
    pending = sorted(range(len(sizes)), key=lambda index: sizes[index])
    while pending:
        fair = remaining // len(pending)
        index = pending.pop(0)
        shares[index] = min(sizes[index], fair)
        remaining -= shares[index]
    return shares


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    keep = limit - len(TRUNCATED) - 1
    if keep <= 0:
        return TRUNCATED
    cut = text[:keep]
    breaks = max(cut.rfind("\n"), cut.rfind(" "))
    if breaks >= keep - _BREAK_WINDOW and breaks > 0:
        cut = cut[:breaks]
    return f"{cut.rstrip()}\n{TRUNCATED}"
