"""Small files that cost a lot to read, built here: decompression bombs for PDF, PNG and DICOM."""

import functools
import io
import struct
import zlib

import numpy as np
import pydicom
from pydicom.uid import DeflatedExplicitVRLittleEndian

from uploads.tests.helpers import dicom_bytes

# A line of text for a page's content stream: pypdf's text extraction reads about 1 MB of these a second.
TEXT_LINE = b"BT /F1 12 Tf 72 712 Td (Hello world, this is a line of text) Tj ET\n"


def pdf_with_shared_content(*, pages: int, content_bytes: int) -> bytes:
    """Every page draws one and the same compressed content stream: stored once, read once a page."""
    content = TEXT_LINE * (content_bytes // len(TEXT_LINE))
    stream = zlib.compress(content, 9)
    kids = " ".join(f"{5 + number} 0 R" for number in range(pages)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R"
        b" /Resources << /Font << /F1 4 0 R >> >> >>"
    )
    objects += [page] * pages
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def png_16_bit(*, width: int, height: int, colour_type: int = 6) -> bytes:
    """A genuine PNG of zeros at 16 bits a sample (colour type 6: RGBA, 8 bytes a pixel; 0: grey)."""
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour_type]
    row = b"\x00" * (1 + width * channels * 2)  # filter byte, then the samples
    compressor = zlib.compressobj(1)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 16, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@functools.cache
def deflated_dicom(*, rows: int = 4096, columns: int = 4096) -> bytes:
    """A CT slice re-saved with the Deflated Explicit VR Little Endian transfer syntax, its pixels zeros.

    4096 × 4096 at 16 bits is 32 MB inflated, from a file of some 33 KB.
    """
    dataset = pydicom.dcmread(io.BytesIO(dicom_bytes("CT_small.dcm")))
    dataset.Rows, dataset.Columns = rows, columns
    dataset.PixelData = np.zeros((rows, columns), dtype=np.int16).tobytes()
    dataset.file_meta.TransferSyntaxUID = DeflatedExplicitVRLittleEndian
    buffer = io.BytesIO()
    dataset.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()
