"""The model reads the lab values on a report's scanned pages: in the worker, batched with everyone's answers.

Each scanned page is one request: its image and uploads.labs.model_reading.INSTRUCTION, with the
output constrained to LAB_PAGE_SCHEMA by the engine's per-row sampling (GenerationRequest.json_schema),
greedy, under the owner's name for fair turns. Pages go one at a time, and wait while the owner's
own answers fill their share: a person's questions come before the reading of their scans.
"""

import asyncio
import logging

from channels.db import database_sync_to_async

from chat.inference.engine import Engine
from chat.inference.errors import EngineBusy, EngineError, OwnerBusy
from chat.inference.types import ChatTurn, FinishReason, GenerationRequest
from uploads import storage
from uploads.labs.model_reading import INSTRUCTION, LAB_PAGE_SCHEMA, ScannedPage, results_from_model, scanned_pages
from uploads.labs.services import lab_results_save_from_model
from uploads.models import Upload
from uploads.processing.derived import rgb
from uploads.processing.image import open_image

logger = logging.getLogger(__name__)

# A full page of results as JSON: about 30 tokens a row.
READING_MAX_TOKENS = 1024
BUSY_RETRY_SECONDS = 2.0
BUSY_RETRIES = 150


async def read_scanned_lab_pages(*, upload_id: str, engine: Engine) -> int:
    """Reads every scanned page of the upload; returns how many rows were saved."""
    upload = await database_sync_to_async(Upload.objects.filter(pk=upload_id).first)()
    if upload is None:
        return 0
    saved = 0
    for page in scanned_pages(upload):
        text = await _read(page, owner=upload.owner_id, engine=engine)
        if text is None:
            continue
        rows = results_from_model(text, page=page.page)
        saved += await database_sync_to_async(lab_results_save_from_model)(upload=upload, page=page.page, results=rows)
    logger.info("lab pages read upload=%s rows=%d", upload_id, saved)
    return saved


async def _read(page: ScannedPage, *, owner: int, engine: Engine) -> str | None:
    image = await database_sync_to_async(_page_image)(page.image_path)
    if image is None:
        return None
    request = GenerationRequest(
        turns=(ChatTurn(role="user", text=INSTRUCTION, images=(image,)),),
        max_new_tokens=READING_MAX_TOKENS,
        temperature=0.0,
        owner=str(owner),
        json_schema=LAB_PAGE_SCHEMA,
    )
    for _ in range(BUSY_RETRIES):
        try:
            stream = await engine.submit(request)
            break
        except (OwnerBusy, EngineBusy):
            await asyncio.sleep(BUSY_RETRY_SECONDS)
        except EngineError as error:
            logger.info("lab page not read page=%d reason=%s", page.page, type(error).__name__)
            return None
    else:
        return None
    result = await stream.result()
    if result.finish_reason != FinishReason.STOP:
        # Cut off or failed: the JSON is incomplete, and half a table is worse than none.
        logger.info("lab page not read page=%d finish=%s", page.page, result.finish_reason)
        return None
    return result.text


def _page_image(relative: str):
    try:
        with open_image(content=storage.read_file(relative), formats=("PNG",)) as image:
            return rgb(image)
    except Exception as error:
        logger.warning("lab page image unavailable error=%s", type(error).__name__)
        return None
