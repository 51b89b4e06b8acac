import io
import time

import numpy as np
import pytest
from PIL import Image

from uploads.detection import JPEG, PNG, WEBP
from uploads.errors import UploadRejected
from uploads.processing import process_file
from uploads.tests.helpers import image_bytes
from uploads.tests.hostile import png_16_bit


def process(content: bytes, file_type=PNG):
    return process_file(content=content, file_type=file_type)


def test_it_turns_an_exif_rotated_photo_upright():
    # Stored 60 wide and 40 high, left half red; EXIF orientation 6 says "rotate 90° clockwise to view".
    stored = Image.new("RGB", (60, 40), (0, 0, 255))
    stored.paste((255, 0, 0), (0, 0, 30, 40))
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    stored.save(buffer, format="JPEG", exif=exif, quality=95)

    result = process(buffer.getvalue(), JPEG)

    assert (result.width, result.height) == (40, 60)
    upright = result.model_images[0]
    assert upright.size == (40, 60)
    top_red, _, top_blue = upright.getpixel((20, 5))
    assert top_red > 200 and top_blue < 60  # the left half is now on top


def test_it_flattens_transparency_onto_white():
    result = process(image_bytes(mode="RGBA", color=(0, 0, 0, 0)))
    image = result.model_images[0]
    assert image.mode == "RGB"
    assert image.getpixel((0, 0)) == (255, 255, 255)


def test_it_stretches_16_bit_greyscale_to_the_full_range():
    values = np.tile(np.linspace(1000, 3000, 64, dtype=np.uint16), (32, 1))
    buffer = io.BytesIO()
    Image.fromarray(values).save(buffer, format="PNG")

    image = process(buffer.getvalue()).model_images[0]

    assert image.mode == "RGB"
    assert image.getpixel((0, 0)) == (0, 0, 0)
    assert image.getpixel((63, 0)) == (255, 255, 255)


def test_it_downscales_to_the_models_input_and_makes_a_small_preview():
    result = process(image_bytes(size=(2000, 1000)))
    assert (result.width, result.height) == (2000, 1000)
    assert result.model_images[0].size == (896, 448)
    assert max(result.preview.size) == 320


def test_it_never_enlarges_a_small_image():
    assert process(image_bytes(size=(50, 30))).model_images[0].size == (50, 30)


def test_it_reads_webp():
    result = process(image_bytes(format="WEBP", size=(100, 80)), WEBP)
    assert (result.width, result.height) == (100, 80)


def test_it_takes_the_first_frame_of_a_palette_image_with_transparency():
    image = Image.new("P", (20, 20), 0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", transparency=0)
    assert process(buffer.getvalue()).model_images[0].getpixel((0, 0)) == (255, 255, 255)


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.9])
def test_a_truncated_image_is_corrupt(fraction):
    content = image_bytes(format="JPEG", size=(400, 300), color=(10, 120, 200))
    with pytest.raises(UploadRejected) as caught:
        process(content[: int(len(content) * fraction)], JPEG)
    assert caught.value.code == "corrupt"
    assert "upload" in caught.value.message


def test_a_png_signature_followed_by_garbage_is_corrupt():
    with pytest.raises(UploadRejected) as caught:
        process(b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50)
    assert caught.value.code == "corrupt"


def test_a_jpeg_that_is_really_a_png_is_corrupt():
    # The magic number picks the parser, and the parser must agree.
    with pytest.raises(UploadRejected):
        process(image_bytes(format="PNG"), JPEG)


@pytest.mark.parametrize(
    "size",
    [
        (40, 30),  # 1,200 pixels: over the limit, under twice it (Pillow's warning, treated as an error)
        (100, 100),  # 10,000 pixels: Pillow's DecompressionBombError
    ],
)
def test_a_decompression_bomb_is_refused(settings, size):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 1000
    with pytest.raises(UploadRejected) as caught:
        process(image_bytes(size=size))
    assert caught.value.code == "too_many_pixels"
    assert "1,000" in caught.value.message


def test_a_real_bomb_is_refused_before_it_is_decoded(settings):
    # A 12,000 × 12,000 PNG of zeros compresses to tens of kilobytes; decoded as RGB it would take 430 MB.
    settings.UPLOAD_MAX_IMAGE_PIXELS = 50_000_000
    content = image_bytes(mode="1", size=(12_000, 12_000), color=0, optimize=True)
    assert len(content) < 2_000_000
    with pytest.raises(UploadRejected) as caught:
        process(content)
    assert caught.value.code == "too_many_pixels"


def test_a_16_bit_rgba_png_over_the_byte_budget_is_refused_before_it_is_decoded():
    # 5,200 × 5,200 is under the pixel limit, but at 8 bytes a pixel needs 206 MB; the file is under 1 MB.
    content = png_16_bit(width=5200, height=5200)
    assert len(content) < 1_000_000
    started = time.monotonic()
    with pytest.raises(UploadRejected) as caught:
        process(content)
    assert time.monotonic() - started < 1
    assert caught.value.code == "too_many_pixels"
    assert caught.value.message.startswith("This 16-bit image needs 206 MB of memory to read, more than the limit")
    assert "8 bits per channel" in caught.value.message


def test_the_byte_budget_counts_bit_depth_and_channels(settings):
    settings.UPLOAD_MAX_IMAGE_BYTES = 1024 * 1024
    # 400 × 400: 1.2 MB at 16-bit RGBA (refused); 640 KB at 8-bit RGBA, and 16-bit RGB at 6 bytes is 937 KB.
    with pytest.raises(UploadRejected) as caught:
        process(png_16_bit(width=400, height=400))
    assert caught.value.code == "too_many_pixels"
    assert process(image_bytes(mode="RGBA", size=(400, 400), color=(1, 2, 3, 4))).width == 400
    assert process(png_16_bit(width=400, height=400, colour_type=2)).width == 400


def test_16_bit_greyscale_counts_as_64_bit_floats(settings):
    # It is stretched to 8 bits through float64 (derived.rgb): 300 × 300 × 8 bytes = 703 KB.
    settings.UPLOAD_MAX_IMAGE_BYTES = 700 * 1024
    with pytest.raises(UploadRejected):
        process(png_16_bit(width=300, height=300, colour_type=0))
    settings.UPLOAD_MAX_IMAGE_BYTES = 704 * 1024
    assert process(png_16_bit(width=300, height=300, colour_type=0)).width == 300
