"""Chats and messages for scripts: thin, like the browser's views. Access through selectors, writes through services."""

import functools

from asgiref.sync import sync_to_async
from django.http import Http404
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from accounts.audit import audit_context
from chat import selectors, services
from chat import views as chat_views
from chat.api import serializers
from chat.api.safety_fields import ErrorWithSafetySerializer
from chat.api.sse import answer_wait, authenticate, throttle
from chat.appointment.responses import appointment_download
from chat.generation import model_status
from chat.safety import contacts_for_request, safety_check
from chat.throttling import ExportRateThrottle, QuestionRateThrottle, TranscriptRateThrottle
from chat.transcripts.responses import transcript_download
from healthassistant.api_errors import ApiAutoSchema, ErrorSerializer, api_error_for
from healthassistant.errors import ApplicationError
from uploads.selectors import uploads_get_for_message

_CONFLICT = OpenApiResponse(ErrorSerializer, description="The chat is busy: an answer is still being written.")
_REFUSED = OpenApiResponse(ErrorSerializer, description="The question is empty or too long.")
_MODEL_DOWN = OpenApiResponse(
    ErrorSerializer, description="model_unavailable: the model is not loaded; model_busy: its queue is full."
)
_MODEL_DOWN_SAFETY = OpenApiResponse(
    ErrorWithSafetySerializer,
    description="model_unavailable: the model is not loaded; model_busy: its queue is full. Nothing is saved; "
    "`safety` is the question's red-flag check all the same.",
)


def _refuse_unless_model_can_answer() -> None:
    """Say so at once when no answer could come, rather than saving a question that will fail."""
    refusal = model_status.model_availability().refusal
    if refusal is not None:
        raise refusal


def _refused_with_safety(request, *, question: str) -> Response | None:
    """The refusal for a question no answer could come to, with the question's red-flag check: emergency
    guidance never waits for the model. None when the model can answer."""
    refusal = model_status.model_availability().refusal
    if refusal is None:
        return None
    error = api_error_for(refusal)
    body = {**error.body(), "safety": safety_check(question, contacts=contacts_for_request(request)).as_dict()}
    return Response(body, status=error.status, headers=error.headers)


def _validated(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _validated_query(serializer_class, request) -> dict:
    # A plain dict, so that `?page=` is an invalid page rather than no page (DRF's form handling).
    return _validated(serializer_class, request.query_params.dict())


class ApiView(APIView):
    schema = ApiAutoSchema()
    parser_classes = [JSONParser]


class AsksQuestions:
    """POST starts an answer: it counts against the question rate as well as the API's own."""

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.request.method == "POST":
            throttles.append(QuestionRateThrottle())
        return throttles


class SessionListView(ApiView):
    @extend_schema(
        operation_id="sessions_list",
        summary="Your chats, pinned first, then the most recently active",
        parameters=[serializers.SessionListQuerySerializer],
        responses=serializers.SessionPageSerializer,
    )
    def get(self, request):
        query = _validated_query(serializers.SessionListQuerySerializer, request)
        sessions, has_more = selectors.session_page_for_user(
            user=request.user, archived=query["archived"], query=query["q"], page=query["page"]
        )
        url = request.build_absolute_uri()
        previous = None
        if query["page"] > 1:
            previous = replace_query_param(url, "page", query["page"] - 1)
            previous = remove_query_param(previous, "page") if query["page"] == 2 else previous
        return Response(
            {
                "results": serializers.SessionSerializer(sessions, many=True).data,
                "next": replace_query_param(url, "page", query["page"] + 1) if has_more else None,
                "previous": previous,
            }
        )

    @extend_schema(
        operation_id="sessions_create",
        summary="Start an empty chat",
        request=serializers.SessionCreateSerializer,
        responses={201: serializers.SessionSerializer},
    )
    def post(self, request):
        data = _validated(serializers.SessionCreateSerializer, request.data)
        session = services.session_create(owner=request.user, **data)
        return Response(serializers.SessionSerializer(session).data, status=status.HTTP_201_CREATED)


class SessionDetailView(ApiView):
    @extend_schema(operation_id="sessions_retrieve", summary="One chat", responses=serializers.SessionSerializer)
    def get(self, request, session_id):
        session = selectors.session_get_for_user(user=request.user, session_id=session_id)
        return Response(serializers.SessionSerializer(session).data)

    @extend_schema(
        operation_id="sessions_update",
        summary="Rename, pin or archive a chat",
        request=serializers.SessionUpdateSerializer,
        responses=serializers.SessionSerializer,
    )
    def patch(self, request, session_id):
        session = selectors.session_get_for_user(user=request.user, session_id=session_id)
        data = _validated(serializers.SessionUpdateSerializer, request.data)
        session = services.session_update(session=session, **data)
        return Response(serializers.SessionSerializer(session).data)

    @extend_schema(
        operation_id="sessions_destroy",
        summary="Delete a chat and its messages; an answer being written stops",
        responses={204: OpenApiResponse(description="Deleted.")},
    )
    def delete(self, request, session_id):
        services.session_delete(session=selectors.session_get_for_user(user=request.user, session_id=session_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class MessageListCreateView(AsksQuestions, ApiView):
    @extend_schema(
        operation_id="messages_list",
        tags=["messages"],
        summary="A chat's messages: the newest page, or the page before a message",
        parameters=[serializers.MessagePageQuerySerializer],
        responses=serializers.MessagePageSerializer,
    )
    def get(self, request, session_id):
        session = selectors.session_get_for_user(user=request.user, session_id=session_id)
        query = _validated_query(serializers.MessagePageQuerySerializer, request)
        messages, has_earlier = selectors.message_page(session=session, before_id=query.get("before"))
        earlier = None
        if has_earlier:
            earlier = replace_query_param(request.build_absolute_uri(), "before", messages[0].pk)
        return Response(
            {
                "results": serializers.MessageSerializer(messages, many=True, context={"request": request}).data,
                "next": earlier,
            }
        )

    @extend_schema(
        operation_id="messages_create",
        tags=["messages"],
        summary="Ask a question; the answer is generated in the background",
        description=(
            "Returns your saved question and the id of the answer, which you can stream from "
            "GET /api/v1/messages/{answer_id}/stream/ or read from GET /api/v1/messages/{answer_id}/. "
            "With `wait=true` the response comes when the answer is finished (or after `timeout` seconds, "
            "with the answer still streaming)."
        ),
        parameters=[serializers.MessageCreateQuerySerializer],
        request=serializers.MessageCreateSerializer,
        responses={201: serializers.MessageCreatedSerializer, 409: _CONFLICT, 422: _REFUSED, 503: _MODEL_DOWN_SAFETY},
    )
    def post(self, request, session_id):
        session = selectors.session_get_for_user(user=request.user, session_id=session_id)
        _validated_query(serializers.MessageCreateQuerySerializer, request)
        data = _validated(serializers.MessageCreateSerializer, request.data)
        try:
            uploads = uploads_get_for_message(user=request.user, upload_ids=data["upload_ids"])
        except Http404:
            raise exceptions.ValidationError(
                {"upload_ids": ["No such file: use the ids that POST /api/v1/uploads/ returned for your files."]}
            ) from None
        if (refused := _refused_with_safety(request, question=data["content"])) is not None:
            return refused
        question, answer = services.message_send(session=session, content=data["content"], uploads=uploads)
        response = Response(
            {
                "message": serializers.MessageSerializer(question, context={"request": request}).data,
                "answer_id": answer.pk,
                "answer": None,
            },
            status=status.HTTP_201_CREATED,
        )
        # With ?wait=true, message_list_create below waits for the answer, asynchronously: a sync view
        # would hold a thread for as long as the answer takes.
        return response


_message_list_create_sync = MessageListCreateView.as_view()


@functools.wraps(_message_list_create_sync)
async def message_list_create(request, session_id):
    """MessageListCreateView, then for ?wait=true an async wait on the answer's group (chat.api.sse)."""
    response = await sync_to_async(_message_list_create_sync)(request, session_id=session_id)
    if request.method != "POST" or response.status_code != status.HTTP_201_CREATED:
        return response
    # Valid: the view has checked it before creating anything.
    query = _validated(serializers.MessageCreateQuerySerializer, request.GET.dict())
    if not query["wait"]:
        return response
    user = response.renderer_context["request"].user
    try:
        answer = await answer_wait(user=user, message_id=response.data["answer_id"], timeout=query["timeout"])
    except Http404:
        # Deleted meanwhile with its chat: the question is gone too, as the id says.
        return response
    response.data["answer"] = await sync_to_async(lambda: serializers.MessageSerializer(answer).data)()
    return response


class MeExportView(ApiView):
    throttle_classes = [*ApiView.throttle_classes, ExportRateThrottle]

    @extend_schema(
        operation_id="me_export",
        tags=["me"],
        summary="Everything the app holds about you, as one ZIP (JSON, Markdown and your files)",
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
    )
    def get(self, request):
        return chat_views.export_response(request)


class SessionExportView(ApiView):
    """A chat to take to a doctor; errors stay JSON whatever the client accepts."""

    throttle_classes = [*ApiView.throttle_classes, TranscriptRateThrottle]

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        operation_id="sessions_export",
        summary="The chat as PDF or Markdown, with its sources and the disclaimer",
        parameters=[serializers.SessionExportQuerySerializer],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, (200, "text/markdown"): OpenApiTypes.STR},
    )
    def get(self, request, session_id):
        session = selectors.session_get_for_user(user=request.user, session_id=session_id)
        query = _validated_query(serializers.SessionExportQuerySerializer, request)
        return transcript_download(session=session, file_format=query["format"], audit=audit_context(request))


class MeAppointmentSummaryDocs(ApiView):
    """The schema of appointment_summary below, a plain async view: it may wait for the assistant's draft."""

    @extend_schema(
        operation_id="me_appointment_summary",
        tags=["me"],
        summary="A one-page PDF for an appointment: your profile, lab results with trends, reports, questions, "
        "and the assistant's draft",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    def get(self, request):
        raise exceptions.MethodNotAllowed("GET", detail="Served by chat.api.views.appointment_summary.")


@csrf_exempt  # authenticated by a bearer token, never by a cookie
async def appointment_summary(request):
    try:
        if request.method != "GET":
            raise exceptions.MethodNotAllowed(request.method)
        user = await authenticate(request)
        await throttle(request, user, extra=(TranscriptRateThrottle,))
        return await appointment_download(user=user, audit=audit_context(request))
    except (exceptions.APIException, ApplicationError) as exc:
        return api_error_for(exc).json_response()


# drf-spectacular documents a URL through its view's `cls`; only this attribute ties the two.
appointment_summary.cls = MeAppointmentSummaryDocs
appointment_summary.initkwargs = {}


class MessageDetailView(ApiView):
    @extend_schema(
        operation_id="messages_retrieve",
        summary="One message, with its status; a streaming answer has the text saved so far",
        responses=serializers.MessageSerializer,
    )
    def get(self, request, message_id):
        message = selectors.message_get_for_user(user=request.user, message_id=message_id)
        return Response(serializers.MessageSerializer(message, context={"request": request}).data)


class MessageCancelView(ApiView):
    @extend_schema(
        operation_id="messages_cancel",
        summary="Stop an answer being written; it keeps the text so far and ends as cancelled",
        request=None,
        responses={
            202: serializers.MessageSerializer,
            409: OpenApiResponse(ErrorSerializer, description="The answer is not being written (any more)."),
        },
    )
    def post(self, request, message_id):
        message = selectors.message_get_for_user(user=request.user, message_id=message_id)
        services.message_cancel(message=message)
        return Response(serializers.MessageSerializer(message).data, status=status.HTTP_202_ACCEPTED)


class SessionRegenerateView(AsksQuestions, ApiView):
    @extend_schema(
        operation_id="sessions_regenerate",
        tags=["messages"],
        summary="Answer the last question again; the earlier answer stays as a version",
        request=None,
        responses={201: serializers.MessageSerializer, 409: _CONFLICT, 503: _MODEL_DOWN},
    )
    def post(self, request, session_id):
        session = selectors.session_get_for_user(user=request.user, session_id=session_id)
        _refuse_unless_model_can_answer()
        answer = services.message_regenerate(session=session)
        return Response(serializers.MessageSerializer(answer).data, status=status.HTTP_201_CREATED)


class MessageEditView(AsksQuestions, ApiView):
    @extend_schema(
        operation_id="messages_edit",
        tags=["messages"],
        summary="Ask a question again in other words: its new version, answered; the chat forks there",
        description=(
            "The question may be anywhere in the chat as shown. The earlier version keeps its answer and "
            "what followed, and comes back with POST /api/v1/messages/{id}/select/. The new version keeps "
            "the question's files."
        ),
        request=serializers.MessageEditSerializer,
        responses={201: serializers.MessageCreatedSerializer, 409: _CONFLICT, 422: _REFUSED, 503: _MODEL_DOWN_SAFETY},
    )
    def post(self, request, message_id):
        question = selectors.message_get_for_user(user=request.user, message_id=message_id)
        data = _validated(serializers.MessageEditSerializer, request.data)
        if (refused := _refused_with_safety(request, question=data["content"])) is not None:
            return refused
        edited, answer = services.message_edit(question=question, content=data["content"])
        return Response(
            {
                "message": serializers.MessageSerializer(edited, context={"request": request}).data,
                "answer_id": answer.pk,
                "answer": None,
            },
            status=status.HTTP_201_CREATED,
        )


class MessageVersionSelectView(ApiView):
    @extend_schema(
        operation_id="messages_select",
        tags=["messages"],
        summary="Show this version of a message, with the messages that followed it; the model's history follows",
        request=None,
        responses={
            200: serializers.MessageSerializer,
            409: OpenApiResponse(
                ErrorSerializer, description="An answer is being written, or the message is not a version of one shown."
            ),
        },
    )
    def post(self, request, message_id):
        message = selectors.message_get_for_user(user=request.user, message_id=message_id)
        message = services.message_version_select(message=message)
        return Response(serializers.MessageSerializer(message, context={"request": request}).data)
