"""JPEG, PNG and WebP: parsed by Pillow with its decompression-bomb guard, turned upright, RGB, model-sized."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PIL import Image, ImageOps

from uploads.errors import UploadRejected
from uploads.processing.derived import ProcessedFile, decoded_bytes, megabytes, model_image, preview_image

if TYPE_CHECKING:
    from uploads.detection import FileType
    from uploads.processing.limits import ParseLimits

# Pillow modes whose samples are deeper than 8 bits (RGB and RGBA are always 8 bits in Pillow,
# whatever the file holds: a PNG's own depth is read from its header).
_MODE_BITS = {"I;16": 16, "I;16B": 16, "I;16L": 16, "I;16N": 16, "I": 32, "F": 32}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def process_image(*, content: bytes, file_type: FileType, limits: ParseLimits) -> ProcessedFile:
    with open_image(
        content=content,
        formats=(file_type.pillow_format,),
        max_pixels=limits.max_image_pixels,
        max_bytes=limits.max_image_bytes,
    ) as image:
        try:
            image.load()
            upright = ImageOps.exif_transpose(image)
            for_model = model_image(upright)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels(limit=limits.max_image_pixels) from None
        except MemoryError:
            raise
        except Exception as exc:  # a truncated or malformed image: Pillow raises many kinds
            raise corrupt() from exc
    return ProcessedFile(
        width=upright.width,
        height=upright.height,
        model_images=[for_model],
        preview=preview_image(for_model),
    )


@contextmanager
def open_image(
    *, content: bytes, formats: tuple[str, ...], max_pixels: int | None = None, max_bytes: int | None = None
) -> Iterator[Image.Image]:
    """Open an image with Pillow's bomb guard at max_pixels and its warning made an error; pixels not decoded yet.

    The limits default to UPLOAD_MAX_IMAGE_PIXELS and UPLOAD_MAX_IMAGE_BYTES (the parsing
    child passes them: it has no Django settings). Pillow's limit is a module global: it
    is set for the open and put back after, so other code in the process keeps its own.
    The pixel count is also checked here directly, which holds whatever another thread
    does to that global or to the (process-wide) warnings filters meanwhile. Then the
    decoded size (bit depth and channels, not only pixels) is checked against max_bytes.
    """
    if max_pixels is None or max_bytes is None:
        from django.conf import settings

        max_pixels = settings.UPLOAD_MAX_IMAGE_PIXELS if max_pixels is None else max_pixels
        max_bytes = settings.UPLOAD_MAX_IMAGE_BYTES if max_bytes is None else max_bytes
    previous_limit = Image.MAX_IMAGE_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            Image.MAX_IMAGE_PIXELS = max_pixels
            image = Image.open(io.BytesIO(content), formats=list(formats))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels(limit=max_pixels) from None
        except Exception as exc:
            raise corrupt() from exc
        finally:
            Image.MAX_IMAGE_PIXELS = previous_limit
        with image:
            if image.width * image.height > max_pixels:
                raise too_many_pixels(limit=max_pixels, width=image.width, height=image.height)
            channels = len(image.getbands())
            bits = _bits_per_sample(image, content)
            size = decoded_bytes(width=image.width, height=image.height, channels=channels, bits_per_sample=bits)
            if size > max_bytes:
                raise too_many_bytes(size=size, limit=max_bytes, bits=bits)
            yield image


def _bits_per_sample(image: Image.Image, content: bytes) -> int:
    bits = _MODE_BITS.get(image.mode, 8)
    # PNG's IHDR: width, height, then the bit depth, at a fixed place right after the signature.
    if image.format == "PNG" and content.startswith(_PNG_SIGNATURE) and content[12:16] == b"IHDR":
        bits = max(bits, content[24])
    return bits


def too_many_pixels(*, limit: int, width: int | None = None, height: int | None = None) -> UploadRejected:
    if width and height:
        message = f"This image is {width:,} × {height:,} pixels, more than the limit of {limit:,} pixels."
    else:
        message = f"This image has more pixels than the limit of {limit:,}."
    return UploadRejected(f"{message} Resize it and upload it again.", "too_many_pixels")


def too_many_bytes(*, size: int, limit: int, bits: int) -> UploadRejected:
    return UploadRejected(
        f"This {bits}-bit image needs {megabytes(size)} of memory to read, more than the limit of "
        f"{megabytes(limit)}. Save it with 8 bits per channel, or resize it, and upload it again.",
        "too_many_pixels",
    )


def corrupt() -> UploadRejected:
    return UploadRejected(
        "This image looks damaged or incomplete and can't be read. Save or export it again, then upload the new copy.",
        "corrupt",
    )
