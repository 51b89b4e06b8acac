"""The REST API's one error shape, and where it is documented.

Every error the API answers looks like this, whatever raised it (a serializer, a service, a
selector's 404, authentication, a throttle, the model):

    {"error": {"code": "answer_in_progress", "message": "What happened and what to do.", "fields": {}}}

`code` is stable, for programs; `message` is a sentence for people; `fields` maps a request field
to its problems (empty unless the request had invalid fields).
"""

import logging
import math
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.openapi import AutoSchema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import set_rollback
from rest_framework_simplejwt.exceptions import InvalidToken

from healthassistant.errors import ApplicationError

logger = logging.getLogger(__name__)

# What to do, for errors whose own text only says what went wrong.
_ADVICE = {
    exceptions.NotAuthenticated: "Send `Authorization: Bearer <access token>`; get one from POST /api/v1/auth/token/.",
    exceptions.MethodNotAllowed: "See /api/v1/docs/ for the methods each endpoint takes.",
    exceptions.UnsupportedMediaType: "Send JSON (Content-Type: application/json), or multipart/form-data to upload.",
    exceptions.NotAcceptable: "Ask for application/json.",
    exceptions.ParseError: "Send valid JSON with Content-Type: application/json, or a complete multipart/form-data"
    " body (with its boundary) to upload.",
}


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable, for programs: e.g. not_found, validation_error, model_busy.")
    message = serializers.CharField(help_text="For people: what happened and what to do.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Per request field, its problems (empty unless fields were invalid).",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


@dataclass(frozen=True)
class ApiError:
    status: int
    code: str
    message: str
    fields: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)

    def body(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, "fields": self.fields}}

    def json_response(self) -> JsonResponse:
        """The error from a plain Django view (the SSE stream, unknown API paths)."""
        return JsonResponse(self.body(), status=self.status, headers=self.headers)


def api_exception_handler(exc: Exception, context: dict) -> Response:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: every error in the one shape, never a bare 500."""
    error = api_error_for(exc)
    if error is None:
        logger.error("API request failed: %s", type(exc).__name__, exc_info=exc)
        error = ApiError(500, "server_error", "Something went wrong on the server. Try again later.")
    set_rollback()
    return Response(error.body(), status=error.status, headers=error.headers)


def api_error_for(exc: Exception) -> ApiError | None:
    """The API's answer to an exception a request can end in; None for a bug."""
    if isinstance(exc, ApplicationError):
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else {}
        if exc.http_status == status.HTTP_401_UNAUTHORIZED:
            headers["WWW-Authenticate"] = 'Bearer realm="api"'
        return ApiError(exc.http_status, exc.code, exc.message, headers=headers)
    if isinstance(exc, Http404):
        detail = _sentence(str(exc) or "Not found")
        return ApiError(404, "not_found", f"{detail} Check the id: it may be wrong, or the item was deleted.")
    if isinstance(exc, DjangoPermissionDenied):
        return ApiError(403, "permission_denied", "You are not allowed to do this.")
    if isinstance(exc, RequestDataTooBig):
        return ApiError(413, "too_large", "The request body is too large. Send less data at once.")
    if isinstance(exc, exceptions.ValidationError):
        return ApiError(400, "validation_error", _validation_message(exc.detail), fields=_field_errors(exc.detail))
    if isinstance(exc, exceptions.APIException):
        return _api_exception_error(exc)
    return None


def _api_exception_error(exc: exceptions.APIException) -> ApiError:
    headers = {}
    if exc.status_code == status.HTTP_401_UNAUTHORIZED:
        headers["WWW-Authenticate"] = getattr(exc, "auth_header", None) or 'Bearer realm="api"'
    if isinstance(exc, exceptions.Throttled):
        wait = math.ceil(exc.wait) if exc.wait is not None else None
        if wait is not None:
            headers["Retry-After"] = str(wait)
        when = f"in {wait} second{'s' if wait != 1 else ''}" if wait is not None else "in a few minutes"
        if exc.detail != exceptions.Throttled.default_detail:
            return ApiError(429, "throttled", _sentence(str(exc.detail)), headers=headers)
        return ApiError(429, "throttled", f"Too many requests. Slow down and try again {when}.", headers=headers)
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(math.ceil(exc.wait))
    if isinstance(exc, InvalidToken):
        message = "The token is invalid or has expired. Get a new access token from POST /api/v1/auth/token/refresh/"
        return ApiError(exc.status_code, "token_not_valid", f"{message}, or log in again.", headers=headers)
    codes = exc.get_codes()
    code = codes if isinstance(codes, str) else exc.default_code
    message = _sentence(str(exc.detail))
    advice = _ADVICE.get(type(exc))
    if advice:
        message = f"{message} {advice}"
    elif isinstance(exc, exceptions.AuthenticationFailed) and not isinstance(exc.__cause__, ApplicationError):
        # An ApplicationError's message (raised on, as DRF's authentication must) already says what to do.
        message = f"{message} Check the credentials, or log in again."
    return ApiError(exc.status_code, code, message, headers=headers)


@csrf_exempt  # so that a POST to a wrong path says 404, not "CSRF cookie not set"
def api_not_found(request, *args, **kwargs) -> JsonResponse:
    """Any path under /api/v1/ that names no endpoint."""
    return ApiError(
        404, "not_found", "No such endpoint. Paths end with a slash; see /api/v1/docs/ for the list."
    ).json_response()


def _field_errors(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error details, flattened: {"upload_ids.0": ["Must be a valid UUID."]}."""
    if isinstance(detail, dict):
        fields: dict[str, list[str]] = {}
        for key, value in detail.items():
            if key == "non_field_errors" and not prefix:
                continue
            fields.update(_field_errors(value, f"{prefix}.{key}" if prefix else str(key)))
        return fields
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return {prefix: [str(item) for item in detail]} if prefix else {}
        fields = {}
        for index, item in enumerate(detail):
            fields.update(_field_errors(item, f"{prefix}.{index}" if prefix else str(index)))
        return fields
    return {prefix: [str(detail)]} if prefix else {}


def _validation_message(detail) -> str:
    fields = _field_errors(detail)
    general = detail.get("non_field_errors") if isinstance(detail, dict) else detail
    if isinstance(general, list) and general and not fields:
        return f"{_sentence(str(general[0]))} Correct the request and send it again."
    if fields:
        name, problems = next(iter(fields.items()))
        more = f" (and {len(fields) - 1} more field{'s' if len(fields) > 2 else ''})" if len(fields) > 1 else ""
        return f"`{name}`: {_sentence(problems[0])}{more} Correct the fields listed in `fields` and send it again."
    return "The request is not valid. Correct it and send it again."


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


class ApiAutoSchema(AutoSchema):
    """drf-spectacular's schema, plus the shared error responses each operation can give."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        error = {"application/json": {"schema": self.resolve_serializer(ErrorSerializer, "response").ref}}
        documented = operation.setdefault("responses", {})
        for code, description in self._error_responses(path, method, operation):
            documented.setdefault(code, {"content": error, "description": description})
        return operation

    def _error_responses(self, path: str, method: str, operation: dict) -> list[tuple[str, str]]:
        codes = [("400", "The request is not valid: see `fields`.")]
        if operation.get("security") and {} not in operation["security"]:
            codes.append(("401", "No token, or an invalid or expired one."))
        if "{" in path:
            codes.append(("404", "No such object, or it belongs to another account."))
        if method in ("POST", "PUT", "PATCH"):
            codes.append(("415", "The body's media type is not accepted."))
        codes.append(("405", "This method is not allowed here."))
        codes.append(("406", "The requested media type can't be produced."))
        codes.append(("429", "Too many requests: wait for Retry-After seconds."))
        return codes
