"""The messages between the web side and the inference worker, over the channel layer.

- channel "inference": jobs for the worker ({"type": "generation.start", "message_id": id}, and
  {"type": "labs.read", "upload_id": id} to read a report's scanned pages).
- group "generation.<id>": control of one running answer (cancel, snapshot requests). Only the
  worker that runs it is a member, so with several workers the right one hears it.
- group "answer.<id>": what the worker says about one answer (its sources are saved, before any
  delta; deltas with sequence numbers; queue position; done). Every browser tab and SSE client watching it is a member.
"""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

INFERENCE_CHANNEL = "inference"


def answer_group(message_id: int) -> str:
    return f"answer.{message_id}"


def generation_group(message_id: int) -> str:
    return f"generation.{message_id}"


def job_start_generation(*, message_id: int) -> None:
    async_to_sync(get_channel_layer().send)(INFERENCE_CHANNEL, {"type": "generation.start", "message_id": message_id})


def job_cancel_generation(*, message_id: int) -> None:
    async_to_sync(get_channel_layer().group_send)(
        generation_group(message_id), {"type": "generation.cancel", "message_id": message_id}
    )


async def ajob_request_snapshot(*, message_id: int, reply_channel: str) -> None:
    """Ask the worker for the answer so far; it replies to reply_channel with an "answer.snapshot"."""
    await get_channel_layer().group_send(
        generation_group(message_id),
        {"type": "generation.snapshot", "message_id": message_id, "reply_channel": reply_channel},
    )


def job_read_lab_pages(*, upload_id: str) -> None:
    """Ask the worker to read the lab values on an upload's scanned pages with the model."""
    async_to_sync(get_channel_layer().send)(INFERENCE_CHANNEL, {"type": "labs.read", "upload_id": upload_id})
