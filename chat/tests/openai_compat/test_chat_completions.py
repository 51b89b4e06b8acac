"""POST /v1/chat/completions with the real openai client, through Django's ASGI handler, the real
channel layer, the inference worker and the engine on the tiny model."""

import asyncio

import openai
import pytest
from channels.db import database_sync_to_async

from accounts.api_keys import api_key_get_for_user, api_key_revoke
from chat.models import ChatSession, Message
from chat.tests.async_helpers import running_worker
from chat.tests.openai_compat.conftest import MODEL, client_for, png_data_url
from uploads.models import Upload

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("model_ready", "engine")]

QUESTION = [{"role": "user", "content": "Is an LDL of 160 mg/dL high?"}]


@database_sync_to_async
def api_chats(user) -> list[ChatSession]:
    return list(ChatSession.objects.filter(owner=user, source=ChatSession.Source.API).order_by("created_at"))


@database_sync_to_async
def messages_of(session) -> list[Message]:
    return list(session.messages.order_by("pk").prefetch_related("attachments"))


async def test_a_non_streaming_answer_is_the_saved_answer_of_a_new_api_chat(alice, alice_key):
    async with running_worker():
        completion = await client_for(alice_key).chat.completions.create(model=MODEL, messages=QUESTION)

    [chat] = await api_chats(alice)
    question, answer = await messages_of(chat)
    assert completion.object == "chat.completion"
    assert completion.model == MODEL
    assert completion.choices[0].message.role == "assistant"
    assert completion.choices[0].message.content == answer.content
    assert completion.choices[0].finish_reason in ("stop", "length")
    assert completion.usage.prompt_tokens == answer.prompt_tokens > 0
    assert completion.usage.completion_tokens == answer.answer_tokens
    assert (question.role, question.content) == ("user", QUESTION[0]["content"])
    assert answer.status == Message.Status.DONE
    assert chat.title.startswith("Is an LDL")
    assert chat.kept


async def test_streaming_gives_the_whole_answer_in_pieces_then_usage(alice, alice_key):
    async with running_worker():
        stream = await client_for(alice_key).chat.completions.create(
            model=MODEL, messages=QUESTION, stream=True, stream_options={"include_usage": True}
        )
        chunks = [chunk async for chunk in stream]

    [chat] = await api_chats(alice)
    _, answer = await messages_of(chat)
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    assert text == answer.content
    assert chunks[0].choices[0].delta.role == "assistant"
    finishes = [chunk.choices[0].finish_reason for chunk in chunks if chunk.choices and chunk.choices[0].finish_reason]
    assert finishes == ["length" if answer.finish_reason == "length" else "stop"]
    assert chunks[-1].choices == []
    assert chunks[-1].usage.completion_tokens == answer.answer_tokens
    assert {chunk.id for chunk in chunks} == {f"chatcmpl-{answer.pk}"}


async def test_max_tokens_seed_and_temperature_reach_the_engine(alice, alice_key):
    client = client_for(alice_key)
    settings_ = dict(model=MODEL, messages=QUESTION, max_tokens=5, temperature=1.0, top_p=0.9, seed=7)
    async with running_worker():
        first = await client.chat.completions.create(**settings_)
        second = await client.chat.completions.create(**settings_)

    assert first.usage.completion_tokens <= 5
    assert first.choices[0].finish_reason == "length" or first.usage.completion_tokens < 5
    # The same seed samples the same answer.
    assert first.choices[0].message.content == second.choices[0].message.content
    [chat, *_] = await api_chats(alice)
    _, answer = await messages_of(chat)
    assert answer.generation == {"max_new_tokens": 5, "temperature": 1.0, "top_p": 0.9, "seed": 7}


async def test_the_next_turn_of_a_conversation_continues_its_chat(alice, alice_key):
    client = client_for(alice_key)
    async with running_worker():
        first = await client.chat.completions.create(model=MODEL, messages=QUESTION)
        follow_up = [
            *QUESTION,
            {"role": "assistant", "content": first.choices[0].message.content},
            {"role": "user", "content": "And what about an HDL of 40?"},
        ]
        await client.chat.completions.create(model=MODEL, messages=follow_up)
        # Another conversation, with a history this server never wrote, is a chat of its own.
        await client.chat.completions.create(
            model=MODEL,
            messages=[
                {"role": "system", "content": "Answer in one sentence."},
                {"role": "user", "content": "What is TSH?"},
                {"role": "assistant", "content": "A hormone."},
                {"role": "user", "content": "Is 6.1 high?"},
            ],
        )

    continued, imported = await api_chats(alice)
    assert [m.content for m in await messages_of(continued)][::2] == [
        QUESTION[0]["content"],
        "And what about an HDL of 40?",
    ]
    assert [(m.role, m.content) for m in (await messages_of(imported))[:3]] == [
        ("user", "What is TSH?"),
        ("assistant", "A hormone."),
        ("user", "Is 6.1 high?"),
    ]
    assert imported.instructions == "Answer in one sentence."
    assert imported.title == "What is TSH?"


async def test_an_image_becomes_the_persons_upload_attached_to_the_question(alice, alice_key):
    content = [
        {"type": "text", "text": "What is this rash?"},
        {"type": "image_url", "image_url": {"url": png_data_url()}},
    ]
    async with running_worker():
        completion = await client_for(alice_key).chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": content}]
        )

    [chat] = await api_chats(alice)
    question, answer = await messages_of(chat)
    [image] = question.attachments.all()
    assert image.kind == Upload.Kind.IMAGE and image.owner_id == alice.pk
    assert completion.choices[0].message.content == answer.content
    assert answer.prompt_tokens > 256  # the image's soft tokens are in the prompt


async def test_a_key_that_keeps_no_history_leaves_no_chat_and_no_file(alice, forgetful_key):
    content = [{"type": "text", "text": "And this?"}, {"type": "image_url", "image_url": {"url": png_data_url()}}]
    async with running_worker():
        completion = await client_for(forgetful_key).chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": content}]
        )

    assert completion.choices[0].message.content is not None
    assert await api_chats(alice) == []
    assert not await database_sync_to_async(Upload.objects.filter(owner=alice).exists)()


async def test_bobs_key_never_continues_or_sees_alices_chats(alice, alice_key, bob, bob_key):
    async with running_worker():
        first = await client_for(alice_key).chat.completions.create(model=MODEL, messages=QUESTION)
        # Bob sends alice's very conversation: it becomes his own new chat, with none of hers.
        follow_up = [
            *QUESTION,
            {"role": "assistant", "content": first.choices[0].message.content},
            {"role": "user", "content": "And mine?"},
        ]
        await client_for(bob_key).chat.completions.create(model=MODEL, messages=follow_up)

    [alices] = await api_chats(alice)
    [bobs] = await api_chats(bob)
    assert len(await messages_of(alices)) == 2
    assert [m.role for m in await messages_of(bobs)] == ["user", "assistant", "user", "assistant"]


async def test_models_lists_the_one_model(alice_key):
    client = client_for(alice_key)
    models = await client.models.list()
    assert [model.id for model in models.data] == [MODEL]
    assert (await client.models.retrieve(MODEL)).id == MODEL
    with pytest.raises(openai.NotFoundError):
        await client.models.retrieve("gpt-4o")


@pytest.mark.parametrize(
    ("request_", "param"),
    [
        ({"model": "gpt-4o", "messages": QUESTION}, "model"),
        ({"model": MODEL, "messages": []}, "messages"),
        ({"model": MODEL, "messages": [{"role": "assistant", "content": "Hi"}]}, "messages"),
        ({"model": MODEL, "messages": QUESTION, "max_tokens": 0}, "max_tokens"),
        ({"model": MODEL, "messages": QUESTION, "temperature": 3}, "temperature"),
        ({"model": MODEL, "messages": QUESTION, "n": 2}, "n"),
        ({"model": MODEL, "messages": QUESTION, "stop": ["a", "b", "c", "d", "e"]}, "stop"),
        (
            {
                "model": MODEL,
                "messages": [
                    {"role": "user", "content": [{"type": "image_url", "image_url": {"url": "https://x.test/a.png"}}]}
                ],
            },
            "messages[0].content[0].image_url",
        ),
    ],
)
async def test_bad_requests_get_openai_shaped_errors_and_save_nothing(alice, alice_key, request_, param):
    client = client_for(alice_key)
    with pytest.raises((openai.BadRequestError, openai.NotFoundError)) as raised:
        await client.chat.completions.create(**request_)

    error = raised.value.body
    assert error["param"] == param
    assert error["message"] and error["type"] in ("invalid_request_error", "not_found_error")
    assert await api_chats(alice) == []


async def test_an_image_too_large_is_refused_as_an_upload_would_be(alice, alice_key, settings):
    settings.UPLOAD_MAX_BYTES = 100
    content = [{"type": "image_url", "image_url": {"url": png_data_url(size=(300, 300))}}]
    with pytest.raises(openai.BadRequestError) as raised:
        await client_for(alice_key).chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": content}]
        )

    assert raised.value.body["code"] == "image_too_large"
    assert "larger than the limit" in raised.value.body["message"]
    assert not await database_sync_to_async(Upload.objects.filter(owner=alice).exists)()


async def test_a_revoked_or_wrong_key_gets_401(alice, alice_key):
    with pytest.raises(openai.AuthenticationError):
        await client_for("ha-" + "x" * 43).chat.completions.create(model=MODEL, messages=QUESTION)
    key = await database_sync_to_async(lambda: api_key_get_for_user(user=alice, key_id=alice.api_keys.get().pk))()
    await database_sync_to_async(api_key_revoke)(api_key=key)
    with pytest.raises(openai.AuthenticationError) as raised:
        await client_for(alice_key).models.list()
    assert raised.value.body["code"] == "invalid_api_key"


async def test_a_jwt_is_not_a_key_and_a_key_is_not_a_jwt(alice, alice_key):
    from rest_framework_simplejwt.tokens import AccessToken

    with pytest.raises(openai.AuthenticationError):
        await client_for(str(AccessToken.for_user(alice))).models.list()
    client = client_for(alice_key)
    response = await client._client.get("/api/v1/me/", headers={"Authorization": f"Bearer {alice_key}"})
    assert response.status_code == 401


async def test_the_model_unavailable_is_a_503_that_saves_nothing(alice, alice_key):
    from chat.generation.model_status import model_status_publish

    await asyncio.to_thread(model_status_publish, state="failed", model_name="tiny-test", reason="no weights")
    with pytest.raises(openai.InternalServerError) as raised:
        await client_for(alice_key).chat.completions.create(model=MODEL, messages=QUESTION)
    assert raised.value.status_code == 503
    assert raised.value.body["code"] == "model_unavailable"
    assert await api_chats(alice) == []


async def test_an_answer_the_engine_refuses_is_an_error_to_the_client_and_a_failed_message(alice, alice_key, settings):
    # Past the engine's own limit (its configuration, not the web's): it refuses the answer once asked.
    settings.HEALTH_MAX_NEW_TOKENS_LIMIT = 10**6
    client = client_for(alice_key)
    async with running_worker():
        with pytest.raises(openai.BadRequestError) as raised:
            await client.chat.completions.create(model=MODEL, messages=QUESTION, max_tokens=500_000)
        stream = await client.chat.completions.create(model=MODEL, messages=QUESTION, max_tokens=500_000, stream=True)
        with pytest.raises(openai.APIError) as in_stream:
            [chunk async for chunk in stream]

    assert raised.value.body["code"] == "invalid_request"
    assert "max_new_tokens" in raised.value.body["message"]
    assert in_stream.value.body["code"] == "invalid_request"
    for chat in await api_chats(alice):
        _, answer = await messages_of(chat)
        assert (answer.status, answer.error_code) == (Message.Status.FAILED, "invalid_request")
