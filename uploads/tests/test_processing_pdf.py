import time

import pytest

from uploads.detection import PDF
from uploads.errors import UploadRejected
from uploads.processing import process_file
from uploads.processing.derived import MODEL_MAX_SIDE
from uploads.processing.pdf import MAX_RENDERED_PAGES
from uploads.tests.helpers import image_only_pdf_bytes, pdf_bytes
from uploads.tests.hostile import pdf_with_shared_content


def process(content: bytes):
    return process_file(content=content, file_type=PDF)


def test_it_extracts_the_text_of_a_text_pdf_and_renders_no_pages_for_the_model():
    result = process(pdf_bytes("minimal-document.pdf"))
    assert result.page_count == 1
    assert result.text.startswith("[Page 1]\nLorem ipsum dolor sit amet")
    assert result.model_images == []
    assert result.preview is not None and max(result.preview.size) == 320


def test_it_marks_each_page_of_a_longer_pdf():
    result = process(pdf_bytes("pdflatex-4-pages.pdf"))
    assert result.page_count == 4
    assert [f"[Page {n}]" in result.text for n in range(1, 5)] == [True] * 4


def test_a_scanned_page_is_rendered_for_the_vision_model():
    result = process(image_only_pdf_bytes())
    assert result.page_count == 1
    assert len(result.model_images) == 1
    page = result.model_images[0]
    assert page.mode == "RGB" and max(page.size) == MODEL_MAX_SIDE
    assert "Page 1: little or no text; the page is attached as an image" in result.text


def test_at_most_a_few_scanned_pages_are_rendered():
    result = process(pdf_bytes("imagemagick-images.pdf"))
    assert result.page_count == 6
    assert len(result.model_images) == MAX_RENDERED_PAGES
    assert "[Page 6: little or no text; beyond the 4 pages attached as images]" in result.text


def test_an_encrypted_pdf_gets_a_clear_error():
    with pytest.raises(UploadRejected) as caught:
        process(pdf_bytes("libreoffice-writer-password.pdf"))
    assert caught.value.code == "encrypted"
    assert "password" in caught.value.message
    assert "upload that copy" in caught.value.message


def test_too_many_pages_are_refused_with_the_count_and_the_limit(settings):
    settings.UPLOAD_MAX_PDF_PAGES = 3
    with pytest.raises(UploadRejected) as caught:
        process(pdf_bytes("pdflatex-4-pages.pdf"))
    assert caught.value.code == "too_many_pages"
    assert "4 pages" in caught.value.message and "limit is 3" in caught.value.message


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9])
def test_a_truncated_pdf_is_corrupt(fraction):
    content = pdf_bytes("minimal-document.pdf")
    with pytest.raises(UploadRejected) as caught:
        process(content[: int(len(content) * fraction)])
    assert caught.value.code == "corrupt"


def test_a_pdf_header_over_garbage_is_corrupt():
    with pytest.raises(UploadRejected) as caught:
        process(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    assert caught.value.code == "corrupt"


def test_right_to_left_text_is_kept():
    assert "habibi" in process(pdf_bytes("habibi.pdf")).text


def test_pages_sharing_one_big_content_stream_are_refused_at_once():
    # 10 pages drawing one 2 MB stream: 9 KB stored, 20 MB for pypdf to read (about 30 s before the cap).
    content = pdf_with_shared_content(pages=10, content_bytes=2_000_000)
    assert len(content) < 20_000
    started = time.monotonic()
    with pytest.raises(UploadRejected) as caught:
        process(content)
    assert time.monotonic() - started < 2
    assert caught.value.code == "too_complex"
    assert "more than 8 MB of drawing instructions in all" in caught.value.message
    assert "Upload only the pages you need" in caught.value.message


def test_one_page_over_the_page_cap_is_refused_with_its_number(settings):
    settings.UPLOAD_PDF_MAX_PAGE_CONTENT_BYTES = 100_000
    with pytest.raises(UploadRejected) as caught:
        process(pdf_with_shared_content(pages=1, content_bytes=200_000))
    assert caught.value.code == "too_complex"
    assert caught.value.message.startswith("Page 1 of this PDF holds more than")


def test_content_under_the_caps_is_read():
    result = process(pdf_with_shared_content(pages=3, content_bytes=50_000))
    assert result.page_count == 3
    assert "Hello world" in result.text
