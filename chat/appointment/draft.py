"""The assistant's draft for the appointment summary: a short summary and questions to ask the doctor.

The web side asks the worker over the channel layer (as answers are asked), so it works whether
the engine runs in this process or on a GPU machine of its own; the worker runs it as one
constrained row (GenerationRequest.json_schema) among everyone's answers. If no draft comes within
APPOINTMENT_DRAFT_SECONDS (no model, a full queue, a slow machine), the summary goes without it:
everything else on the page is read from the person's records and is complete on its own.
"""

import asyncio
import json
import logging
from dataclasses import dataclass

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from chat.appointment.content import AppointmentSummary
from chat.generation.protocol import INFERENCE_CHANNEL
from chat.inference.engine import Engine
from chat.inference.errors import EngineError
from chat.inference.types import ChatTurn, FinishReason, GenerationRequest

logger = logging.getLogger(__name__)

MAX_QUESTIONS = 6
DRAFT_MAX_TOKENS = 700
DRAFT_SCHEMA = {
    "type": "object",
    "properties": {
        "summary": {"type": "string", "maxLength": 700},
        "questions": {"type": "array", "maxItems": MAX_QUESTIONS, "items": {"type": "string", "maxLength": 160}},
    },
    "required": ["summary", "questions"],
    "additionalProperties": False,
}
INSTRUCTION = (
    "I am preparing for a doctor's appointment. From my records below, write a short, factual summary "
    "(at most five sentences) that I can show my doctor, and up to six questions I could ask. Mention only "
    "what the records say; do not diagnose.\n\n"
)


@dataclass(frozen=True)
class Draft:
    summary: str
    questions: list[str]


def draft_prompt(summary: AppointmentSummary) -> str:
    lines = [INSTRUCTION.rstrip(), "", "About me:"]
    lines += [f"- {label}: {text}" for label, text in summary.profile] or ["- (not given)"]
    lines += ["", "Lab results (latest, with range, flag and change):"]
    lines += [
        f"- {test.name} {test.latest} ({test.reference}) {test.flag} {test.date.isoformat()} {test.change}".rstrip()
        for test in summary.tests
    ] or ["- (none)"]
    lines += ["", "Questions I asked recently:"]
    lines += [f"- {text}" for _, text in summary.questions] or ["- (none)"]
    return "\n".join(lines)


def draft_from_text(text: str) -> Draft | None:
    try:
        answer = json.loads(text)
        summary, questions = str(answer["summary"]).strip(), [str(q).strip() for q in answer["questions"]]
    except (ValueError, KeyError, TypeError):
        return None
    questions = [question for question in questions if question][:MAX_QUESTIONS]
    return Draft(summary=summary, questions=questions) if summary or questions else None


def draft_request(*, prompt: str, owner: int, timeout: float) -> Draft | None:
    """From a sync view: the worker's draft, or None when none comes within `timeout` seconds."""
    if timeout <= 0:
        return None
    return async_to_sync(adraft_request)(prompt=prompt, owner=owner, timeout=timeout)


async def adraft_request(*, prompt: str, owner: int, timeout: float) -> Draft | None:
    layer = get_channel_layer()
    reply = await layer.new_channel()
    job = {"type": "appointment.draft", "prompt": prompt, "owner": owner, "reply_channel": reply}
    try:
        await layer.send(INFERENCE_CHANNEL, job)
        async with asyncio.timeout(timeout):
            event = await layer.receive(reply)
    except Exception as error:
        logger.info("appointment draft not available error=%s", type(error).__name__)
        return None
    return draft_from_text(event.get("text") or "")


async def draft_with_engine(*, prompt: str, owner: int, engine: Engine) -> str:
    """In the worker: the model's JSON for the prompt, or "" if it could not be written whole."""
    request = GenerationRequest(
        turns=(ChatTurn(role="user", text=prompt),),
        max_new_tokens=DRAFT_MAX_TOKENS,
        temperature=0.0,
        owner=str(owner),
        json_schema=DRAFT_SCHEMA,
    )
    try:
        result = await (await engine.submit(request)).result()
    except EngineError as error:
        logger.info("appointment draft refused reason=%s", type(error).__name__)
        return ""
    return result.text if result.finish_reason == FinishReason.STOP else ""
