"""DICOM: read with pydicom, the first frame rendered through its modality LUT and window for the model.

Patient-identifying tags (name, id, birth date, addresses, accession numbers...) stay
in the stored original and are never copied out: the extracted text is built only
from the allow-listed, descriptive tags below.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np
import pydicom
from PIL import Image
from pydicom.filereader import _read_file_meta_info, read_preamble
from pydicom.pixels import apply_color_lut, apply_modality_lut, pixel_array
from pydicom.uid import DeflatedExplicitVRLittleEndian

from uploads.errors import UploadRejected
from uploads.processing.derived import (
    ProcessedFile,
    decoded_bytes,
    megabytes,
    model_image,
    preview_image,
    stretch_to_uint8,
)

if TYPE_CHECKING:
    from uploads.detection import FileType
    from uploads.processing.limits import ParseLimits

# Descriptive tags the model may see: what was imaged and how, never who.
DESCRIPTIVE_TAGS = (
    ("Modality", "Modality"),
    ("BodyPartExamined", "Body part"),
    ("StudyDescription", "Study"),
    ("SeriesDescription", "Series"),
    ("ViewPosition", "View"),
    ("ImageLaterality", "Laterality"),
    ("SliceThickness", "Slice thickness (mm)"),
    ("PixelSpacing", "Pixel spacing (mm)"),
)
# Who and where: given to the model only when the owner asks for it (Upload.share_patient_details).
IDENTIFYING_TAGS = (
    ("PatientName", "Patient name"),
    ("PatientID", "Patient ID"),
    ("PatientBirthDate", "Birth date"),
    ("PatientSex", "Sex"),
    ("PatientAge", "Age"),
    ("StudyDate", "Study date"),
    ("InstitutionName", "Institution"),
    ("ReferringPhysicianName", "Referring physician"),
)
MAX_TAG_CHARS = 200
_PIXEL_DATA_TAGS = ("PixelData", "FloatPixelData", "DoubleFloatPixelData")


def process_dicom(*, content: bytes, file_type: FileType, limits: ParseLimits) -> ProcessedFile:
    _refuse_deflated(content)
    try:
        dataset = pydicom.dcmread(io.BytesIO(content))
        has_pixels = any(tag in dataset for tag in _PIXEL_DATA_TAGS)
        rows, columns = int(dataset.get("Rows") or 0), int(dataset.get("Columns") or 0)
        frames = int(dataset.get("NumberOfFrames") or 1)
        sop_class = dataset.file_meta.get("MediaStorageSOPClassUID") or dataset.get("SOPClassUID")
        # pydicom stops quietly at the end of a cut-off file: one that should hold an image and doesn't is broken.
        expects_image = bool(rows or columns) or "Image" in str(getattr(sop_class, "name", ""))
    except MemoryError:
        raise
    except Exception as exc:
        raise corrupt() from exc
    if not has_pixels and expects_image:
        raise corrupt()
    if not has_pixels or not rows or not columns:
        raise UploadRejected(
            "This DICOM file holds no image (it may be a report, a plan or a directory). "
            "Upload a DICOM image, or a PDF of the report.",
            "unsupported_type",
        )
    if rows * columns > limits.max_image_pixels:
        raise UploadRejected(
            f"This DICOM image is {columns:,} × {rows:,} pixels, more than the limit of "
            f"{limits.max_image_pixels:,} pixels. Export a smaller image and upload it again.",
            "too_many_pixels",
        )
    _check_decoded_size(dataset, rows=rows, columns=columns, limit=limits.max_image_bytes)
    try:
        frame = pixel_array(dataset, index=0)
    except MemoryError:
        raise
    except (NotImplementedError, RuntimeError) as exc:
        # No installed decoder for this transfer syntax (e.g. 12-bit lossy JPEG).
        raise UploadRejected(
            "This DICOM image is compressed in a way this server can't read. "
            "Export it uncompressed (or as a PNG or JPEG) and upload it again.",
            "unsupported_type",
        ) from exc
    except Exception as exc:
        raise corrupt() from exc
    try:
        image, window = _render(frame, dataset)
    except MemoryError:
        raise
    except Exception as exc:
        raise corrupt() from exc
    for_model = model_image(image)
    return ProcessedFile(
        width=columns,
        height=rows,
        text=_description(dataset, rows=rows, columns=columns, frames=frames, window=window),
        model_images=[for_model],
        preview=preview_image(for_model),
    )


def _refuse_deflated(content: bytes) -> None:
    """Refuse a deflate-compressed dataset from its file meta alone, before pydicom inflates it whole.

    pydicom inflates everything after the file meta in one piece, so a few megabytes can become
    gigabytes; such files are rare (pixels are compressed with JPEG and the like instead).
    """
    try:
        stream = io.BytesIO(content)
        read_preamble(stream, False)
        transfer_syntax = _read_file_meta_info(stream).get("TransferSyntaxUID")
    except MemoryError:
        raise
    except Exception as exc:
        raise corrupt() from exc
    if transfer_syntax == DeflatedExplicitVRLittleEndian:
        raise UploadRejected(
            "This DICOM file is compressed as a whole (deflated), which this server doesn't read. "
            "Export it uncompressed (Explicit VR Little Endian), or as a PNG or JPEG, and upload it again.",
            "unsupported_type",
        )


def _check_decoded_size(dataset: pydicom.Dataset, *, rows: int, columns: int, limit: int) -> None:
    """One frame's decoded size (samples, bit depth) against the image byte budget, before decoding it."""
    try:
        channels = int(dataset.get("SamplesPerPixel") or 1)
        bits = int(dataset.get("BitsAllocated") or 8)
    except (TypeError, ValueError) as exc:
        raise corrupt() from exc
    if str(dataset.get("PhotometricInterpretation", "")).upper() == "PALETTE COLOR":
        channels, bits = 3, 16  # palette entries are 16-bit RGB
    size = decoded_bytes(width=columns, height=rows, channels=channels, bits_per_sample=bits)
    if size > limit:
        raise UploadRejected(
            f"This DICOM image needs {megabytes(size)} of memory to read, more than the limit of "
            f"{megabytes(limit)}. Export a smaller image and upload it again.",
            "too_many_pixels",
        )


def _render(frame: np.ndarray, dataset: pydicom.Dataset) -> tuple[Image.Image, str]:
    """An 8-bit image of one frame, and how it was windowed (for the description)."""
    photometric = str(dataset.get("PhotometricInterpretation", "MONOCHROME2")).upper()
    if photometric == "PALETTE COLOR":
        frame = apply_color_lut(frame, dataset)
    if frame.ndim == 3:
        # Colour: pixel_array already converted YBR to RGB; only the bit depth needs mapping.
        if frame.dtype == np.uint8:
            top = 255
        elif photometric == "PALETTE COLOR":
            top = 65535  # palette LUT entries are 16-bit
        else:
            top = (1 << int(dataset.get("BitsStored") or 16)) - 1
        return Image.fromarray(stretch_to_uint8(frame, 0, top), "RGB"), ""
    values = apply_modality_lut(frame, dataset).astype(np.float64)
    center, width = _first(dataset.get("WindowCenter")), _first(dataset.get("WindowWidth"))
    if center is not None and width is not None and width >= 1:
        # The linear VOI function of DICOM PS3.3 C.11.2.1.2.
        low, high = center - 0.5 - (width - 1) / 2, center - 0.5 + (width - 1) / 2
        pixels, window = stretch_to_uint8(values, low, high), f"centre {center:g}, width {width:g}"
    else:
        pixels, window = stretch_to_uint8(values), "full range"
    if photometric == "MONOCHROME1":  # MONOCHROME1 shows low values as white.
        pixels = 255 - pixels
    return Image.fromarray(pixels, "L"), window


def _first(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, pydicom.multival.MultiValue):
        value = value[0] if len(value) else None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def patient_details(content: bytes) -> str:
    """The identifying tags of a stored DICOM file, read from the original only when the owner asked."""
    dataset = pydicom.dcmread(io.BytesIO(content), stop_before_pixels=True)
    lines = _tag_lines(dataset, IDENTIFYING_TAGS)
    return "\n".join(["Patient details (shared at the user's request):", *lines]) if lines else ""


def _tag_lines(dataset: pydicom.Dataset, tags: tuple[tuple[str, str], ...]) -> list[str]:
    lines = []
    for keyword, label in tags:
        value = dataset.get(keyword)
        if value is None or value == "":
            continue
        if isinstance(value, pydicom.multival.MultiValue):
            value = " × ".join(str(item) for item in value)
        text = " ".join(str(value).split())[:MAX_TAG_CHARS]
        if text:
            lines.append(f"{label}: {text}")
    return lines


def _description(dataset: pydicom.Dataset, *, rows: int, columns: int, frames: int, window: str) -> str:
    lines = ["DICOM image (identifying patient details are not included).", *_tag_lines(dataset, DESCRIPTIVE_TAGS)]
    lines.append(f"Size: {columns} × {rows} pixels")
    if frames > 1:
        lines.append(f"Frames: {frames} (the first is attached as an image)")
    if window:
        lines.append(f"Display window: {window}")
    return "\n".join(lines)


def corrupt() -> UploadRejected:
    return UploadRejected(
        "This DICOM file looks damaged or incomplete and can't be read. Export it again and upload the new copy.",
        "corrupt",
    )
