import time
import zlib

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file

from uploads.detection import DICOM
from uploads.errors import UploadRejected
from uploads.processing import process_file
from uploads.tests.helpers import dicom_bytes
from uploads.tests.hostile import deflated_dicom


def process(content: bytes):
    return process_file(content=content, file_type=DICOM)


def test_a_ct_slice_becomes_an_image_and_a_description():
    result = process(dicom_bytes("CT_small.dcm"))
    assert (result.width, result.height) == (128, 128)
    image = result.model_images[0]
    assert image.mode == "RGB" and image.size == (128, 128)
    assert image.getextrema()[0] == (0, 255)  # no window in the file: its full range
    assert "Modality: CT" in result.text
    assert "Size: 128 × 128 pixels" in result.text


@pytest.mark.parametrize("name", ["CT_small.dcm", "MR_small.dcm"])
def test_patient_identifying_tags_never_reach_the_text(name):
    dataset = pydicom.dcmread(get_testdata_file(name))
    text = process(dicom_bytes(name)).text
    for keyword in ("PatientName", "PatientID", "PatientBirthDate", "InstitutionName", "ReferringPhysicianName"):
        value = str(dataset.get(keyword) or "")
        if value:
            assert value not in text, keyword
    assert "identifying patient details are not included" in text


def test_the_files_window_is_applied():
    # MR_small carries WindowCenter 600 and WindowWidth 1600: values below 600 - 800 are black.
    dataset = pydicom.dcmread(get_testdata_file("MR_small.dcm"))
    result = process(dicom_bytes("MR_small.dcm"))
    assert "Display window: centre 600, width 1600" in result.text
    rendered = np.asarray(result.model_images[0].convert("L"), dtype=float)
    pixels = dataset.pixel_array.astype(float)
    expected = np.clip((pixels - (600 - 0.5 - 1599 / 2)) / 1599 * 255, 0, 255)
    assert np.abs(rendered - expected).max() <= 1.5


def test_monochrome1_is_shown_inverted(tmp_path):
    dataset = pydicom.dcmread(get_testdata_file("CT_small.dcm"))
    normal = np.asarray(process(dicom_bytes("CT_small.dcm")).model_images[0].convert("L"), dtype=int)
    dataset.PhotometricInterpretation = "MONOCHROME1"
    path = tmp_path / "inverted.dcm"
    dataset.save_as(path, enforce_file_format=True)
    inverted = np.asarray(process(path.read_bytes()).model_images[0].convert("L"), dtype=int)
    assert np.array_equal(inverted, 255 - normal)


def test_a_colour_dicom_keeps_its_colours():
    image = process(dicom_bytes("examples_rgb_color.dcm")).model_images[0]
    assert image.size == (320, 240)
    red, green, blue = (np.asarray(image)[..., channel] for channel in range(3))
    assert not (np.array_equal(red, green) and np.array_equal(green, blue))


def test_a_multi_frame_dicom_shows_its_first_frame():
    result = process(dicom_bytes("examples_ybr_color.dcm"))
    assert len(result.model_images) == 1
    assert "Frames: 30 (the first is attached as an image)" in result.text


def test_a_dicom_without_an_image_is_refused():
    with pytest.raises(UploadRejected) as caught:
        process(dicom_bytes("reportsi.dcm"))
    assert caught.value.code == "unsupported_type"
    assert "holds no image" in caught.value.message


def test_a_truncated_dicom_is_corrupt():
    with pytest.raises(UploadRejected) as caught:
        process(dicom_bytes("MR_truncated.dcm"))
    assert caught.value.code == "corrupt"


@pytest.mark.parametrize("length", [400, 4000])
def test_a_dicom_cut_before_its_pixels_is_corrupt(length):
    with pytest.raises(UploadRejected) as caught:
        process(dicom_bytes("CT_small.dcm")[:length])
    assert caught.value.code == "corrupt"


def test_a_compression_without_a_decoder_gets_a_clear_error():
    with pytest.raises(UploadRejected) as caught:
        process(dicom_bytes("JPEG-lossy.dcm"))
    assert caught.value.code == "unsupported_type"
    assert "Export it uncompressed" in caught.value.message


def test_too_many_pixels_are_refused_before_decoding(settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 100
    with pytest.raises(UploadRejected) as caught:
        process(dicom_bytes("CT_small.dcm"))
    assert caught.value.code == "too_many_pixels"


def test_a_deflated_dicom_is_refused_before_it_is_inflated(monkeypatch):
    content = deflated_dicom()
    assert len(content) < 100_000  # 32 MB of pixels inflated

    def inflate(*args, **kwargs):
        raise AssertionError("inflated")

    monkeypatch.setattr(zlib, "decompress", inflate)  # what pydicom inflates a deflated dataset with
    started = time.monotonic()
    with pytest.raises(UploadRejected) as caught:
        process(content)
    assert time.monotonic() - started < 1
    assert caught.value.code == "unsupported_type"
    assert "compressed as a whole (deflated)" in caught.value.message
    assert "Export it uncompressed" in caught.value.message


def test_a_dicom_over_the_byte_budget_is_refused_before_decoding(settings):
    # CT_small: 128 × 128, 16-bit greyscale, counted as 64-bit floats: 128 KB.
    settings.UPLOAD_MAX_IMAGE_BYTES = 100_000
    with pytest.raises(UploadRejected) as caught:
        process(dicom_bytes("CT_small.dcm"))
    assert caught.value.code == "too_many_pixels"
    assert "of memory to read" in caught.value.message and "Export a smaller image" in caught.value.message
