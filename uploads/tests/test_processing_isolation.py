import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from uploads.detection import DICOM, PDF, PNG
from uploads.errors import UploadRejected
from uploads.models import Upload
from uploads.processing import isolation
from uploads.processing.isolation import parse_isolated
from uploads.processing.limits import IsolationLimits, ParseLimits
from uploads.services import upload_create
from uploads.tests.helpers import dicom_bytes, files_under, image_bytes, pdf_bytes, uploaded
from uploads.tests.hostile import deflated_dicom, pdf_with_shared_content, png_16_bit

ROOT = Path(__file__).resolve().parents[2]
GENEROUS = IsolationLimits(memory_bytes=1024 * 1024 * 1024, seconds=60)
# 10 pages reading one 2 MB stream: about 30 s of pypdf's text extraction once the content caps are lifted.
SLOW_PDF_LIMITS = dict(max_pdf_page_content_bytes=1 << 30, max_pdf_content_bytes=1 << 30)


@pytest.fixture
def limits(settings) -> ParseLimits:
    return ParseLimits.from_settings()


@pytest.fixture
def stopped_workers(monkeypatch) -> list[int]:
    """The process ids of the workers that parse_isolated let go of."""
    pids = []
    stop = isolation._Worker.stop

    def recording_stop(worker):
        pids.append(worker.process.pid)
        stop(worker)

    monkeypatch.setattr(isolation._Worker, "stop", recording_stop)
    return pids


def parse(content: bytes, file_type, limits: ParseLimits, isolation_limits: IsolationLimits = GENEROUS):
    return parse_isolated(content=content, file_type=file_type, limits=limits, isolation=isolation_limits)


def test_a_file_parses_in_a_worker_as_it_does_in_process(limits):
    image = parse(image_bytes(size=(1200, 900)), PNG, limits)
    assert (image.width, image.height) == (1200, 900)
    assert image.model_images[0].size == (896, 672) and image.preview.size == (320, 240)

    dicom = parse(dicom_bytes("CT_small.dcm"), DICOM, limits)
    assert dicom.text.startswith("DICOM image")


def test_a_scanned_pdfs_pages_come_back_as_images(limits):
    result = parse(pdf_bytes("imagemagick-images.pdf"), PDF, limits)
    assert result.page_count == 6
    assert len(result.model_images) == 4
    assert all(image.mode == "RGB" for image in result.model_images)


def test_a_refusal_in_the_worker_keeps_its_message_and_code(limits):
    with pytest.raises(UploadRejected) as caught:
        parse(pdf_bytes("libreoffice-writer-password.pdf"), PDF, limits)
    assert caught.value.code == "encrypted"
    assert caught.value.http_status == 422
    assert "upload that copy" in caught.value.message


def test_each_file_gets_a_fresh_worker_which_is_gone_after(limits, stopped_workers):
    for _ in range(3):
        parse(image_bytes(), PNG, limits)
    assert len(set(stopped_workers)) == 3
    for pid in stopped_workers:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_a_slow_file_is_stopped_at_the_time_limit_and_its_worker_killed(limits, stopped_workers):
    content = pdf_with_shared_content(pages=10, content_bytes=2_000_000)
    started = time.monotonic()
    with pytest.raises(UploadRejected) as caught:
        parse(content, PDF, replace(limits, **SLOW_PDF_LIMITS), IsolationLimits(memory_bytes=1 << 30, seconds=1))
    assert time.monotonic() - started < 3
    assert caught.value.code == "parse_timeout"
    assert caught.value.message.startswith("This file took too long to read (more than 1 seconds)")
    assert "only the pages you need" in caught.value.message
    (pid,) = stopped_workers
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed and reaped: not still extracting text


def test_a_file_over_the_memory_cap_gets_a_clear_error(limits):
    # 3,000 × 3,000 16-bit grey: 18 MB as decoded by Pillow, 72 MB as floats; the cap allows 16 MB more.
    content = png_16_bit(width=3000, height=3000, colour_type=0)
    with pytest.raises(UploadRejected) as caught:
        parse(content, PNG, limits, IsolationLimits(memory_bytes=16 * 1024 * 1024, seconds=20))
    assert caught.value.code == "parse_memory"
    assert caught.value.message.startswith("This file needs too much memory to read (more than 16 MB)")
    # The same file under the default cap is read.
    assert parse(content, PNG, limits).width == 3000


def test_the_parsers_load_without_django_or_torch():
    code = (
        "import sys; import uploads.processing.isolation; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'django', 'torch', 'transformers', 'rest_framework'}))"
    )
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.django_db
def test_an_upload_stopped_at_the_time_limit_leaves_no_file_and_no_row(alice, settings, media_root):
    settings.UPLOAD_PARSE_SECONDS = 1
    settings.UPLOAD_PDF_MAX_PAGE_CONTENT_BYTES = settings.UPLOAD_PDF_MAX_CONTENT_BYTES = 1 << 30
    settings.UPLOAD_MAX_CONCURRENT_PER_USER = 1
    content = pdf_with_shared_content(pages=10, content_bytes=2_000_000)
    with pytest.raises(UploadRejected) as caught:
        upload_create(owner=alice, file=uploaded("slow.pdf", content))
    assert caught.value.code == "parse_timeout"
    assert files_under(media_root) == []
    assert not Upload.objects.exists()
    # Its slot was given back: the next upload goes ahead.
    assert upload_create(owner=alice, file=uploaded("scan.png", image_bytes())).kind == "image"


@pytest.mark.django_db
def test_an_upload_over_the_memory_cap_answers_422_and_leaves_no_file(alice_api, settings, media_root):
    settings.UPLOAD_PARSE_MEMORY_MB = 16
    content = png_16_bit(width=3000, height=3000, colour_type=0)
    response = alice_api.post("/api/v1/uploads/", {"file": uploaded("deep.png", content)}, format="multipart")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "parse_memory"
    assert files_under(media_root) == []
    assert not Upload.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "make", "code"),
    [
        ("shared.pdf", lambda: pdf_with_shared_content(pages=10, content_bytes=2_000_000), "too_complex"),
        ("deep.png", lambda: png_16_bit(width=5200, height=5200), "too_many_pixels"),
        ("deflated.dcm", deflated_dicom, "unsupported_type"),
    ],
)
def test_hostile_files_are_refused_quickly_and_leave_nothing(alice, media_root, name, make, code):
    content = make()
    started = time.monotonic()
    with pytest.raises(UploadRejected) as caught:
        upload_create(owner=alice, file=uploaded(name, content))
    assert time.monotonic() - started < 5  # the first upload of a run also starts the forkserver
    assert caught.value.code == code
    assert files_under(media_root) == []
    assert not Upload.objects.exists()
