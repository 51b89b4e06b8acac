"""JPEG, PNG and WebP: parsed by Pillow with its decompression-bomb guard, turned upright, RGB, model-sized."""

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from PIL import Image, ImageOps

from uploads.detection import FileType
from uploads.errors import UploadRejected
from uploads.processing.derived import ProcessedFile, model_image, preview_image


def process_image(*, content: bytes, file_type: FileType) -> ProcessedFile:
    with open_image(content=content, formats=(file_type.pillow_format,)) as image:
        try:
            image.load()
            upright = ImageOps.exif_transpose(image)
            for_model = model_image(upright)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels() from None
        except Exception as exc:  # a truncated or malformed image: Pillow raises many kinds
            raise corrupt() from exc
    return ProcessedFile(
        width=upright.width,
        height=upright.height,
        model_images=[for_model],
        preview=preview_image(for_model),
    )


@contextmanager
def open_image(*, content: bytes, formats: tuple[str, ...]) -> Iterator[Image.Image]:
    """Open an image with Pillow's bomb guard at UPLOAD_MAX_IMAGE_PIXELS and its warning made an error.

    Pillow's limit is a module global: it is set for the open and put back after, so
    other code in the process keeps its own. The pixel count is also checked here
    directly, which holds whatever another thread does to that global or to the
    (process-wide) warnings filters meanwhile.
    """
    limit = settings.UPLOAD_MAX_IMAGE_PIXELS
    previous_limit = Image.MAX_IMAGE_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            Image.MAX_IMAGE_PIXELS = limit
            image = Image.open(io.BytesIO(content), formats=list(formats))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels() from None
        except Exception as exc:
            raise corrupt() from exc
        finally:
            Image.MAX_IMAGE_PIXELS = previous_limit
        with image:
            if image.width * image.height > limit:
                raise too_many_pixels(width=image.width, height=image.height)
            yield image


def too_many_pixels(*, width: int | None = None, height: int | None = None) -> UploadRejected:
    limit = f"{settings.UPLOAD_MAX_IMAGE_PIXELS:,}"
    if width and height:
        message = f"This image is {width:,} × {height:,} pixels, more than the limit of {limit} pixels."
    else:
        message = f"This image has more pixels than the limit of {limit}."
    return UploadRejected(f"{message} Resize it and upload it again.", "too_many_pixels")


def corrupt() -> UploadRejected:
    return UploadRejected(
        "This image looks damaged or incomplete and can't be read. Save or export it again, then upload the new copy.",
        "corrupt",
    )
