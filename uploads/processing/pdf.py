"""PDFs: text from pypdf; pages without a text layer (scans) rendered with pypdfium2 for the vision model."""

from __future__ import annotations

import io
import logging
import threading
import unicodedata
import zlib
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
from PIL import Image
from pypdf import PasswordType, PdfReader
from pypdf.generic import ArrayObject, IndirectObject, StreamObject

from uploads.errors import UploadRejected
from uploads.processing.derived import MODEL_MAX_SIDE, ProcessedFile, megabytes, model_image, preview_image

if TYPE_CHECKING:
    from uploads.detection import FileType
    from uploads.processing.limits import ParseLimits

logger = logging.getLogger(__name__)

# Scanned pages given to the model as images; each costs the model about 256 tokens.
MAX_RENDERED_PAGES = 4
# A page with fewer visible characters than this is treated as a scan, figure or photo.
MIN_TEXT_CHARS = 20
# What is stored of a PDF's text; the prompt takes far less (chat.generation.attachments).
MAX_TEXT_CHARS = 500_000
TRUNCATED = "[… truncated]"

# PDFium is not thread-safe.
_pdfium_lock = threading.Lock()


def process_pdf(*, content: bytes, file_type: FileType, limits: ParseLimits) -> ProcessedFile:
    reader = _open(content)
    try:
        page_count = len(reader.pages)
    except MemoryError:
        raise
    except Exception as exc:
        raise corrupt() from exc
    if page_count == 0:
        raise corrupt()
    if page_count > limits.max_pdf_pages:
        raise UploadRejected(
            f"This PDF has {page_count} pages; the limit is {limits.max_pdf_pages}. "
            "Upload only the pages you need (most PDF viewers can print selected pages to a new PDF).",
            "too_many_pages",
        )
    _check_content_sizes(reader, page_count, limits)
    page_texts = [_page_text(reader, number) for number in range(page_count)]
    scanned = [number for number, text in enumerate(page_texts) if _visible_chars(text) < MIN_TEXT_CHARS]
    rendered = scanned[:MAX_RENDERED_PAGES]
    renders = _render(content, sorted({0, *rendered}))
    return ProcessedFile(
        page_count=page_count,
        text=_document_text(page_texts, scanned=scanned, rendered=rendered),
        model_images=[model_image(renders[number]) for number in rendered],
        preview=preview_image(renders[0]),
    )


def _open(content: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise encrypted()
    except (UploadRejected, MemoryError):
        raise
    except Exception as exc:  # pypdf raises many kinds on malformed input
        raise corrupt() from exc
    return reader


def _check_content_sizes(reader: PdfReader, page_count: int, limits: ParseLimits) -> None:
    """Refuse pages whose drawing instructions, decompressed, are more than text extraction can get through.

    A few kilobytes can inflate to megabytes, and pypdf reads a page's content stream at
    about a megabyte a second or two; a stream shared by many pages is read once for each.
    Sizes are measured with a capped inflate, so measuring costs no more than the limit.
    """
    sizes: dict[tuple[int, int] | int, int] = {}
    total = 0
    for number in range(page_count):
        try:
            size = _page_content_size(reader.pages[number], sizes, cap=limits.max_pdf_page_content_bytes)
        except (UploadRejected, MemoryError):
            raise
        except Exception as exc:
            logger.info("pdf page content unreadable page=%d error=%s", number + 1, type(exc).__name__)
            continue  # its text can't be extracted either: the page counts as a scan
        if size > limits.max_pdf_page_content_bytes:
            raise too_complex(
                f"Page {number + 1} of this PDF holds more than {megabytes(limits.max_pdf_page_content_bytes)} "
                "of drawing instructions, more than this server reads for one page."
            )
        total += size
        if total > limits.max_pdf_content_bytes:
            raise too_complex(
                f"The pages of this PDF hold more than {megabytes(limits.max_pdf_content_bytes)} of drawing "
                "instructions in all, more than this server reads for one file."
            )


def _page_content_size(page, sizes: dict, *, cap: int) -> int:
    if "/Contents" not in page:
        return 0
    contents = page.raw_get("/Contents")  # the reference itself: pages sharing a stream share it
    streams = contents.get_object()
    if isinstance(streams, StreamObject):
        streams = [contents]
    elif not isinstance(streams, ArrayObject):
        return 0
    total = 0
    for item in streams:
        # A stream used by several pages (or twice by one) is measured once and counted each time.
        key = (item.idnum, item.generation) if isinstance(item, IndirectObject) else id(item)
        if key not in sizes:
            stream = item.get_object()
            sizes[key] = _decoded_size(stream, cap=cap + 1) if isinstance(stream, StreamObject) else 0
        total += sizes[key]
        if total > cap:
            break
    return total


def _decoded_size(stream: StreamObject, *, cap: int) -> int:
    """The stream's decoded length, or at least `cap` if longer; inflated in chunks, never held whole."""
    filters = stream.get("/Filter")
    if filters is not None and not isinstance(filters, ArrayObject):
        filters = [filters]
    raw = getattr(stream, "_data", b"") or b""
    if not filters:
        return len(raw)
    if [str(name) for name in filters] in (["/FlateDecode"], ["/Fl"]):
        inflater = zlib.decompressobj()
        size, pending = 0, raw
        try:
            while pending and size < cap:
                size += len(inflater.decompress(pending, 1024 * 1024))
                pending = inflater.unconsumed_tail
            return size
        except zlib.error:
            pass  # damaged, or raw deflate without a header: pypdf recovers what it can, so measure what it reads
    # Other filters (rare for content streams) through pypdf, which caps each at 75 MB itself.
    return len(stream.get_data())


def _page_text(reader: PdfReader, number: int) -> str:
    """The page's text layer; a page whose text can't be extracted counts as a scan and is rendered."""
    try:
        text = reader.pages[number].extract_text() or ""
    except MemoryError:
        raise
    except Exception as exc:
        logger.info("pdf page text unreadable page=%d error=%s", number + 1, type(exc).__name__)
        return ""
    # NUL and other control characters break PostgreSQL text columns and help nobody.
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc").strip()


def _visible_chars(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def _render(content: bytes, numbers: list[int]) -> dict[int, Image.Image]:
    """Render these pages (0-based) to PIL images no larger than the model's input."""
    with _pdfium_lock:
        try:
            document = pdfium.PdfDocument(content)
        except pdfium.PdfiumError as exc:
            raise (encrypted() if "password" in str(exc).lower() else corrupt()) from exc
        try:
            renders = {}
            for number in numbers:
                page = document[number]
                try:
                    width, height = page.get_size()
                    if width <= 0 or height <= 0:
                        raise corrupt()
                    scale = MODEL_MAX_SIDE / max(width, height)
                    renders[number] = page.render(scale=scale).to_pil()
                finally:
                    page.close()
            return renders
        except (UploadRejected, MemoryError):
            raise
        except Exception as exc:
            raise corrupt() from exc
        finally:
            document.close()


def _document_text(page_texts: list[str], *, scanned: list[int], rendered: list[int]) -> str:
    parts = []
    for number, text in enumerate(page_texts):
        label = f"[Page {number + 1}]"
        if number in rendered:
            label = f"[Page {number + 1}: little or no text; the page is attached as an image]"
        elif number in scanned:
            label = f"[Page {number + 1}: little or no text; beyond the {MAX_RENDERED_PAGES} pages attached as images]"
        parts.append(f"{label}\n{text}".strip())
    text = "\n\n".join(parts)
    if len(text) > MAX_TEXT_CHARS:
        text = text[: MAX_TEXT_CHARS - len(TRUNCATED) - 1] + "\n" + TRUNCATED
    return text


def encrypted() -> UploadRejected:
    return UploadRejected(
        "This PDF is protected by a password, so it can't be read. "
        "Open it, save or print a copy without the password, and upload that copy.",
        "encrypted",
    )


def too_complex(reason: str) -> UploadRejected:
    return UploadRejected(
        f"{reason} Upload only the pages you need, or save the pages as images (PNG or JPEG) and upload those.",
        "too_complex",
    )


def corrupt() -> UploadRejected:
    return UploadRejected(
        "This PDF looks damaged or incomplete and can't be read. "
        "Export or download it again, then upload the new copy.",
        "corrupt",
    )
