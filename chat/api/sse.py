"""Watching an answer from the API: Server-Sent Events, and the wait behind POST ...?wait=true.

Both follow the resume rule of every watcher (chat.answer_watch): join the answer's group first,
then read the message from the database, so an answer that finishes in between is still seen
as finished. Deltas carry sequence numbers; a client that has text up to sequence N gets only
what comes after N.

The events of GET /api/v1/messages/{id}/stream/:

    event: safety                data: {"level": "emergency", "categories": [...], "message": "...", ...}
                                 first, only when the question describes an emergency (chat.safety)
    event: sources               data: {"sources": [{"n": 1, "upload_id": "...", "page": 2, ...}]}
                                 once, before any text: the passages of your documents the model got
    event: delta     id: <seq>   data: {"seq": 7, "text": "..."}      append the text
    event: snapshot  id: <seq>   data: {"seq": 9, "text": "..."}      the whole answer so far: replace
    event: queued                data: {"position": 2}                waiting for the model
    event: error                 data: {"code": "...", "message": "..."}
    event: done      id: <seq>   data: {"status": "done", "seq": 12, "prompt_tokens": ..., ...}

A client that reconnects sends Last-Event-ID (EventSource does it by itself). When the server
can't produce the deltas it missed one by one (it keeps the text, not every delta), it sends one
snapshot instead. A client starting from nothing never needs one: the text so far comes as a delta.
"""

import asyncio
import json
import logging
import textwrap
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

# Plain sync_to_async, not Channels' database_sync_to_async: these are Django views, whose
# connections Django closes at the end of the request; closing them mid-request would also close
# a test's transaction on PostgreSQL.
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from accounts.api.authentication import JWTAuthentication
from accounts.models import User
from chat.answer_watch import answer_watch_begin
from chat.api.serializers import MessageSourceSerializer
from chat.generation import protocol
from chat.models import Message
from chat.safety import EmergencyContacts, SafetyResult, safety_check
from chat.safety.numbers import contacts_for
from chat.selectors import message_sources
from healthassistant.api_errors import ApiAutoSchema, ApiError, api_error_for

logger = logging.getLogger(__name__)

_EVENTS_DOC = textwrap.dedent(__doc__.split("The events of GET /api/v1/messages/{id}/stream/:", 1)[1]).strip()

# A comment line this often keeps proxies from closing a quiet stream, and re-checks the database
# for an answer whose worker died (the restart recovery marks it interrupted but tells no group).
KEEPALIVE_SECONDS = 15.0
# What EventSource waits before reconnecting.
RETRY_MILLISECONDS = 2000


class AnswerWatch:
    """One answer watched on a fresh channel of this process, by the resume rule of chat.answer_watch."""

    def __init__(self, *, user: User, message_id: int):
        self.user = user
        self.message_id = message_id
        self.layer = get_channel_layer()
        self.channel = ""
        self.joined = False

    async def begin(self, *, want_snapshot: bool = True) -> Message:
        """The answer once this watch is in its group (Http404 for anyone else's); see answer_watch_begin."""
        self.channel = await self.layer.new_channel()
        message = await answer_watch_begin(
            user=self.user,
            message_id=self.message_id,
            channel=self.channel,
            want_snapshot=want_snapshot,
            in_thread=sync_to_async,
        )
        self.message_id, self.joined = message.pk, True
        return message

    async def leave(self) -> None:
        if self.joined:
            self.joined = False
            await self.layer.group_discard(protocol.answer_group(self.message_id), self.channel)

    async def receive(self, timeout: float) -> dict | None:
        """The next event for this answer, or None when `timeout` seconds pass without one."""
        try:
            async with asyncio.timeout(timeout):
                return await self.layer.receive(self.channel)
        except TimeoutError:
            return None


async def authenticate(request: HttpRequest) -> User:
    """The JWT user of a plain async view (DRF views are sync); APIException as DRF would raise it."""
    result = await sync_to_async(JWTAuthentication().authenticate)(request)
    if result is None:
        raise exceptions.NotAuthenticated()
    return result[0]


@sync_to_async
def throttle(request: HttpRequest, user: User, *, extra: tuple = ()) -> None:
    """The REST API's per-user throttles (REST_FRAMEWORK settings), and any extra, for a plain async view."""
    request.user = user
    for checker in (throttle_class() for throttle_class in (*api_settings.DEFAULT_THROTTLE_CLASSES, *extra)):
        if not checker.allow_request(request, None):
            raise exceptions.Throttled(wait=checker.wait())


@sync_to_async
def _reload(message: Message) -> Message | None:
    try:
        message.refresh_from_db()
    except Message.DoesNotExist:
        return None
    return message


async def answer_wait(*, user: User, message_id: int, timeout: float) -> Message:
    """The answer once finished, or as it stands when `timeout` seconds have passed."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    watch = AnswerWatch(user=user, message_id=message_id)
    message = await watch.begin(want_snapshot=False)
    try:
        while message.is_streaming and (left := deadline - loop.time()) > 0:
            event = await watch.receive(min(left, KEEPALIVE_SECONDS))
            if event is None or event["type"] == "answer.done":
                message = await _reload(message)
                if message is None:
                    raise Http404("No such message: its chat was deleted.")
    finally:
        await watch.leave()
    return message


@dataclass
class _Resume:
    """What the client has: the answer's text up to sequence number `seq` (0 and no text: nothing yet)."""

    seq: int
    has_text: bool = False

    def __post_init__(self) -> None:
        self.has_text = self.seq > 0

    def catch_up(self, *, seq: int, text: str) -> str:
        """The event that brings the client up to this text and sequence number, or "" if it has it all."""
        if not self.has_text and text:
            # From nothing, the whole text is exactly the missing delta.
            kind = "delta"
        elif seq > self.seq:
            kind = "snapshot"
        else:
            return ""
        self.seq, self.has_text = max(seq, self.seq), True
        return sse(kind, {"seq": seq, "text": text}, event_id=seq)

    def relay(self, ahead: dict[int, str]) -> Iterator[str]:
        """The deltas that continue what the client has, in sequence; those after a gap stay in `ahead`."""
        while self.seq + 1 in ahead:
            self.seq += 1
            self.has_text = True
            yield sse("delta", {"seq": self.seq, "text": ahead.pop(self.seq)}, event_id=self.seq)
        for seq in [seq for seq in ahead if seq <= self.seq]:
            del ahead[seq]


def sse(event: str, data: dict, *, event_id: int | None = None) -> str:
    lines = [f"event: {event}"]
    if event_id is not None:
        lines.append(f"id: {event_id}")
    lines.append(f"data: {json.dumps(data, ensure_ascii=False)}")
    return "\n".join(lines) + "\n\n"


def _finished_events(message: Message) -> list[str]:
    events = []
    if message.status in (Message.Status.FAILED, Message.Status.INTERRUPTED):
        events.append(sse("error", {"code": f"answer_{message.status}", "message": message.error}))
    done = {
        "status": message.status,
        "seq": message.stream_seq,
        "prompt_tokens": message.prompt_tokens,
        "answer_tokens": message.answer_tokens,
        "model_name": message.model_name,
        "time_to_first_token": message.time_to_first_token,
        "duration": message.duration,
    }
    events.append(sse("done", done, event_id=message.stream_seq))
    return events


class _Sources:
    """The stream's one `sources` event, read from the database: when the worker says they are saved,
    or else just before the first text (the worker saves them before any delta, so they are there)."""

    def __init__(self, message: Message):
        self.message = message
        self.sent = False

    async def event(self) -> str:
        if self.sent:
            return ""
        self.sent = True
        sources = await sync_to_async(_sources_data)(self.message)
        return sse("sources", {"sources": sources})


def _sources_data(message: Message) -> list[dict]:
    return list(MessageSourceSerializer(message_sources(message=message), many=True).data)


@sync_to_async
def _question_safety(answer: Message, contacts: EmergencyContacts) -> SafetyResult | None:
    """The red-flag check of the question an answer answers (its parent), with the person's numbers."""
    question = Message.objects.filter(pk=answer.parent_id, role=Message.Role.USER).first()
    return None if question is None else safety_check(question.content, contacts=contacts)


async def answer_events(
    watch: AnswerWatch, message: Message, resume: _Resume, contacts: EmergencyContacts
) -> AsyncIterator[str]:
    """The stream's events, from the message read after joining the group, until the answer is finished."""
    yield f"retry: {RETRY_MILLISECONDS}\n\n"
    # Emergency guidance comes before anything the model writes, and whether or not it ever does.
    safety = await _question_safety(message, contacts)
    if safety is not None and safety.is_emergency:
        yield sse("safety", safety.as_dict())
    sources = _Sources(message)
    if message.is_streaming:
        if catch_up := resume.catch_up(seq=message.stream_seq, text=message.content):
            yield await sources.event()
            yield catch_up
        # The worker's fresher snapshot, asked for when the watch began, comes among the events.
        ahead: dict[int, str] = {}
        while message.is_streaming:
            event = await watch.receive(KEEPALIVE_SECONDS)
            if event is None:
                yield ": keep-alive\n\n"
                if await _reload(message) is None:
                    yield sse("error", {"code": "deleted", "message": "This answer was deleted with its chat."})
                    return
                continue
            kind = event["type"]
            # A snapshot with no text yet may come before the worker has even prepared the answer (it waits
            # its turn): the sources are certain to be saved only once there is text, or when it says so.
            wants_sources = kind in ("answer.sources", "answer.delta") or (
                kind == "answer.snapshot" and bool(event["text"])
            )
            if wants_sources and (first := await sources.event()):
                yield first
            if kind == "answer.delta" and event["seq"] > resume.seq:
                ahead[event["seq"]] = event["text"]
            elif kind == "answer.snapshot":
                if catch_up := resume.catch_up(seq=event["seq"], text=event["text"]):
                    yield catch_up
            elif kind == "answer.queued":
                yield sse("queued", {"position": event["position"]})
            elif kind == "answer.done" and await _reload(message) is None:
                yield sse("error", {"code": "deleted", "message": "This answer was deleted with its chat."})
                return
            # A delta that comes early (after a gap) waits for the snapshot that fills the gap.
            for delta in resume.relay(ahead):
                yield delta
    # Finished (now or before the client came): whatever it has not seen, then how it ended.
    if first := await sources.event():
        yield first
    if catch_up := resume.catch_up(seq=message.stream_seq, text=message.content):
        yield catch_up
    for event in _finished_events(message):
        yield event


class MessageStreamDocs(APIView):
    """The schema of the SSE view below, which is a plain async view: DRF views are sync."""

    schema = ApiAutoSchema()

    @extend_schema(
        operation_id="messages_stream",
        summary="Stream an answer as Server-Sent Events",
        description=_EVENTS_DOC,
        parameters=[
            OpenApiParameter(
                "Last-Event-ID",
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                description="Resume: the `id` of the last event you received.",
            )
        ],
        responses={(200, "text/event-stream"): OpenApiResponse(OpenApiTypes.STR, description="The event stream.")},
    )
    def get(self, request, message_id):
        raise exceptions.MethodNotAllowed("GET", detail="The stream is served by chat.api.sse.message_stream.")


@csrf_exempt  # authenticated by a bearer token, never by a cookie
async def message_stream(request: HttpRequest, message_id: int) -> HttpResponse:
    """GET /api/v1/messages/{id}/stream/: the answer as Server-Sent Events (see the module's docstring)."""
    try:
        if request.method != "GET":
            raise exceptions.MethodNotAllowed(request.method)
        user = await authenticate(request)
        await throttle(request, user)
        resume = _Resume(seq=_last_event_id(request))
    except exceptions.APIException as exc:
        return api_error_for(exc).json_response()
    watch = AnswerWatch(user=user, message_id=message_id)
    try:
        message = await watch.begin()
    except Http404 as exc:
        return api_error_for(exc).json_response()
    if message.role != Message.Role.ASSISTANT:
        await watch.leave()
        return ApiError(
            400, "not_an_answer", "This message is a question: stream its answer (the `answer_id` you got)."
        ).json_response()
    contacts = contacts_for(country=user.country, accept_language=request.headers.get("Accept-Language", ""))
    response = StreamingHttpResponse(_stream(watch, message, resume, contacts), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


async def _stream(
    watch: AnswerWatch, message: Message, resume: _Resume, contacts: EmergencyContacts
) -> AsyncIterator[str]:
    try:
        async for event in answer_events(watch, message, resume, contacts):
            yield event
    except (asyncio.CancelledError, GeneratorExit):
        logger.info("answer %s: stream client went away", message.pk)
        raise
    except Exception:
        logger.exception("answer %s: stream failed", message.pk)
        yield sse("error", {"code": "stream_failed", "message": "The stream broke. Reconnect to resume."})
    finally:
        await watch.leave()


def _last_event_id(request: HttpRequest) -> int:
    raw = request.headers.get("Last-Event-ID", "").strip()
    if not raw:
        return 0
    if not raw.isdigit() or len(raw) > 18:
        raise exceptions.ValidationError(
            {"Last-Event-ID": ["Send the `id` of the last event you received: a whole number."]}
        )
    return int(raw)


# drf-spectacular documents a URL through its view's `cls`; only this attribute ties the two.
message_stream.cls = MessageStreamDocs
message_stream.initkwargs = {}
