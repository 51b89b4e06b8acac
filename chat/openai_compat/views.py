"""POST /v1/chat/completions and GET /v1/models: plain async views, thin like the rest.

An answer can take minutes; waiting for it in a sync view would hold one of the server's few
threads for all that time, so these wait on the channel layer instead (chat.openai_compat.watching).
"""

import asyncio
import json
import logging

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt

from chat.api.sse import AnswerWatch
from chat.generation.model_status import model_availability
from chat.openai_compat import responses
from chat.openai_compat.authentication import authenticated_key, throttled
from chat.openai_compat.catalogue import served_model_id
from chat.openai_compat.conversations import ApiConversation, api_conversation_end, api_conversation_start
from chat.openai_compat.errors import OpenAIError, from_application_error, invalid
from chat.openai_compat.request import CompletionRequest, completion_request
from chat.openai_compat.watching import AnswerDeleted, Finished, KeepAlive, Text, answer_pieces
from chat.services import answer_stop
from healthassistant.errors import ApplicationError

logger = logging.getLogger(__name__)

_DELETED = OpenAIError(409, "The chat was deleted while its answer was being written.", code="chat_deleted")


@csrf_exempt  # authenticated by a bearer key, never by a cookie
async def chat_completions(request: HttpRequest) -> HttpResponse:
    try:
        _allow(request, "POST")
        api_key = await authenticated_key(request)
        await throttled(request, api_key, asks=True)
        asked = completion_request(_json_body(request), model_id=served_model_id())
        await sync_to_async(_refuse_unless_model_can_answer)()
        conversation = await sync_to_async(api_conversation_start)(
            owner=api_key.owner, keep_history=api_key.keep_history, request=asked
        )
    except OpenAIError as error:
        return error.response()
    except ApplicationError as error:
        return from_application_error(error, param="messages").response()
    watch = AnswerWatch(user=api_key.owner, message_id=conversation.answer.pk)
    if asked.stream:
        response = StreamingHttpResponse(_chunks(watch, conversation, asked), content_type="text/event-stream")
        response["Cache-Control"] = "no-cache"
        response["X-Accel-Buffering"] = "no"
        return response
    return await _completion(watch, conversation, asked)


@csrf_exempt
async def models(request: HttpRequest, model_id: str | None = None) -> HttpResponse:
    """GET /v1/models (the list) and GET /v1/models/{id} (one)."""
    try:
        _allow(request, "GET")
        api_key = await authenticated_key(request)
        await throttled(request, api_key, asks=False)
    except OpenAIError as error:
        return error.response()
    served = served_model_id()
    entry = responses.model_entry(served, created=int(api_key.created_at.timestamp()))
    if model_id is None:
        return JsonResponse({"object": "list", "data": [entry]})
    if model_id != served:
        return OpenAIError(404, f"The model '{model_id[:100]}' does not exist here.", code="model_not_found").response()
    return JsonResponse(entry)


async def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    return OpenAIError(
        404, "No such endpoint. This server speaks POST /v1/chat/completions and GET /v1/models.", code="not_found"
    ).response()


def _allow(request: HttpRequest, method: str) -> None:
    if request.method != method:
        raise OpenAIError(405, f"Use {method} here.", code="method_not_allowed")


def _json_body(request: HttpRequest) -> object:
    limit = settings.OPENAI_MAX_REQUEST_BYTES
    too_large = OpenAIError(
        413, f"The request is larger than {limit:,} bytes. Send fewer or smaller images.", code="request_too_large"
    )
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise too_large
    raw = request.read(limit + 1)
    if len(raw) > limit:
        raise too_large
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise invalid("The body is not valid JSON. Send the request as application/json.") from None


def _refuse_unless_model_can_answer() -> None:
    refusal = model_availability().refusal
    if refusal is not None:
        raise refusal


async def _completion(watch: AnswerWatch, conversation: ApiConversation, asked: CompletionRequest) -> HttpResponse:
    finished = None
    try:
        message = await watch.begin(want_snapshot=False)
        async with asyncio.timeout(settings.OPENAI_ANSWER_TIMEOUT_SECONDS):
            async for piece in answer_pieces(watch, message):
                if isinstance(piece, Finished):
                    finished = piece.message
    except TimeoutError:
        return OpenAIError(
            504,
            f"The answer took longer than {settings.OPENAI_ANSWER_TIMEOUT_SECONDS} seconds and was stopped. "
            'Ask with "stream": true to read it as it is written.',
            code="timeout",
        ).response()
    except AnswerDeleted:
        return _DELETED.response()
    finally:
        await _end(watch, conversation, asked, finished=finished is not None)
    error = responses.answer_error(finished)
    if error is not None:
        return error.response()
    return JsonResponse(responses.completion(finished, model=asked.model))


async def _chunks(watch: AnswerWatch, conversation: ApiConversation, asked: CompletionRequest):
    answer, model = conversation.answer, asked.model
    finished = None
    try:
        message = await watch.begin()
        yield _data(responses.chunk(answer, model=model, delta={"role": "assistant", "content": ""}))
        async for piece in answer_pieces(watch, message):
            if isinstance(piece, Text):
                yield _data(responses.chunk(answer, model=model, delta={"content": piece.text}))
            elif isinstance(piece, KeepAlive):
                yield ": keep-alive\n\n"
            elif isinstance(piece, Finished):
                finished = piece.message
        error = responses.answer_error(finished)
        if error is not None:
            # The openai client raises this after the text it has yielded: the partial answer stands.
            yield _data(error.body)
        else:
            yield _data(responses.chunk(answer, model=model, delta={}, finish=responses.finish_reason(finished)))
            if asked.include_usage:
                yield _data(responses.chunk(answer, model=model, delta={}, usage_=responses.usage(finished)))
        yield "data: [DONE]\n\n"
    except AnswerDeleted:
        yield _data(_DELETED.body)
    except (asyncio.CancelledError, GeneratorExit):
        logger.info("answer %s: api client went away", answer.pk)
        raise
    finally:
        await _end(watch, conversation, asked, finished=finished is not None)


async def _end(watch: AnswerWatch, conversation: ApiConversation, asked: CompletionRequest, *, finished: bool) -> None:
    """The watch ends; an answer nobody waits for any more stops; the chat is kept for the next turn, or goes."""
    await watch.leave()
    if not finished:
        await sync_to_async(answer_stop)(message_id=conversation.answer.pk)
    await sync_to_async(api_conversation_end)(conversation=conversation, request=asked)


def _data(body: dict) -> str:
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"
