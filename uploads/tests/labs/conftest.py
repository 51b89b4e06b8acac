import pytest

from uploads.benchmarks.text_pdf import text_pdf
from uploads.retrieval.indexing import upload_index
from uploads.services import upload_create
from uploads.tests.helpers import uploaded

MARCH = """Collected: 2026-03-01
Haemoglobin 11.2 g/dL 12.0-16.0 L
HbA1c 6.1 % 4.0-5.6 H
TSH 2.1 mIU/L 0.4-4.0"""

JUNE = """Sample date: 2026-06-10
Haemoglobin 12.6 g/dL 12.0-16.0
HbA1c 5.9 % 4.0-5.6 H"""


@pytest.fixture
def lab_report():
    """A text PDF stored through the real service and indexed as the background indexer would."""

    def store(owner, name: str, *pages: str):
        upload = upload_create(owner=owner, file=uploaded(name, text_pdf(list(pages))))
        upload_index(upload=upload)
        return upload

    return store


@pytest.fixture
def alices_labs(alice, lab_report):
    return lab_report(alice, "march.pdf", MARCH), lab_report(alice, "june.pdf", JUNE)
