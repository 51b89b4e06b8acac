"""The assistant's draft for the appointment summary: asked over the channel layer, written by the worker's engine."""

import json

import pytest

from chat.appointment import draft as draft_module
from chat.appointment.draft import adraft_request
from chat.tests.async_helpers import running_worker

pytestmark = [pytest.mark.django_db(transaction=True)]

# Small enough that the tiny model's random walk always closes the JSON within the token budget.
SMALL_SCHEMA = {
    "type": "object",
    "properties": {
        "summary": {"type": "string", "maxLength": 40},
        "questions": {"type": "array", "maxItems": 2, "items": {"type": "string", "maxLength": 20}},
    },
    "required": ["summary", "questions"],
    "additionalProperties": False,
}


async def test_the_worker_writes_a_draft_as_the_json_asked_for(alice, engine, monkeypatch):
    monkeypatch.setattr(draft_module, "DRAFT_SCHEMA", SMALL_SCHEMA)
    replies = []
    parse = draft_module.draft_from_text
    monkeypatch.setattr(draft_module, "draft_from_text", lambda text: replies.append(text) or parse(text))
    async with running_worker():
        draft = await adraft_request(prompt="Summarise: HbA1c 5.9 % high.", owner=alice.pk, timeout=60)
    # The tiny model's weights are random: the words mean nothing, but the round trip and the JSON hold.
    (text,) = replies
    assert set(json.loads(text)) == {"summary", "questions"}
    assert draft == parse(text)


async def test_without_a_worker_there_is_no_draft_after_the_timeout(alice):
    assert await adraft_request(prompt="Summarise.", owner=alice.pk, timeout=0.2) is None
