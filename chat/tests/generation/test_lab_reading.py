"""The model reads a scanned report's lab values: through the worker and the real engine, constrained to JSON."""

import asyncio
import json

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from chat.generation import lab_reading
from chat.generation.protocol import INFERENCE_CHANNEL
from chat.tests.async_helpers import running_worker
from uploads.labs.model_reading import scanned_pages
from uploads.retrieval.indexing import _index_in_background
from uploads.services import upload_create
from uploads.tests.helpers import image_only_pdf_bytes, pdf_bytes, uploaded

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scan(alice):
    return upload_create(owner=alice, file=uploaded("scanned-labs.pdf", image_only_pdf_bytes()))


async def test_the_models_reading_of_a_scanned_page_always_parses(scan, engine, monkeypatch):
    (page,) = await database_sync_to_async(scanned_pages)(scan)
    # The tiny model's weights are random: what it writes means nothing, but it must be the JSON asked for.
    monkeypatch.setattr(lab_reading, "READING_MAX_TOKENS", 256)
    text = await lab_reading._read(page, owner=scan.owner_id, engine=engine)
    if text is not None:  # None only when 256 tokens cut the JSON short, which the reader then drops
        answer = json.loads(text)
        assert set(answer) == {"sample_date", "results"}
        assert isinstance(answer["results"], list)


async def test_an_indexed_scan_goes_to_the_worker_which_reads_it(scan, engine, monkeypatch):
    read = []

    async def reading(*, upload_id, engine):
        read.append(upload_id)
        return 0

    monkeypatch.setattr("chat.generation.worker.read_scanned_lab_pages", reading)
    async with running_worker():
        await database_sync_to_async(_index_in_background)(scan.pk)
        for _ in range(100):
            if str(scan.pk) in read:
                break
            await asyncio.sleep(0.05)
    # The upload's own background indexing may have been first: either way, the scan is read.
    # (An earlier test's job may still wait in the in-memory channel; its upload is gone.)
    assert str(scan.pk) in read


async def test_a_text_report_is_not_sent_for_reading(alice):
    layer = get_channel_layer()
    await layer.flush()
    report = await database_sync_to_async(upload_create)(
        owner=alice, file=uploaded("text.pdf", pdf_bytes("minimal-document.pdf"))
    )
    await database_sync_to_async(_index_in_background)(report.pk)
    await asyncio.sleep(0.5)  # the upload's own background indexing, too
    assert not layer.channels.get(INFERENCE_CHANNEL)
