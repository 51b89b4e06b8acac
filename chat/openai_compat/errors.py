"""Errors as the OpenAI API shapes them: {"error": {"message", "type", "param", "code"}}, with its statuses.

Clients (the openai package, LangChain, Open WebUI) turn these into their own exceptions by status:
400 BadRequestError, 401 AuthenticationError, 404 NotFoundError, 429 RateLimitError, 5xx APIError.
"""

from django.http import JsonResponse

from healthassistant.errors import ApplicationError

_TYPE_FOR_STATUS = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    405: "invalid_request_error",
    409: "conflict_error",
    413: "invalid_request_error",
    429: "rate_limit_error",
}


class OpenAIError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        param: str | None = None,
        retry_after: int | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.param = param
        self.retry_after = retry_after

    @property
    def body(self) -> dict:
        error_type = _TYPE_FOR_STATUS.get(self.status, "server_error")
        return {"error": {"message": self.message, "type": error_type, "param": self.param, "code": self.code}}

    def response(self) -> JsonResponse:
        response = JsonResponse(self.body, status=self.status)
        if self.retry_after is not None:
            response["Retry-After"] = str(self.retry_after)
        return response


def invalid(message: str, *, param: str | None = None, code: str | None = None) -> OpenAIError:
    """A 400: the request itself is wrong, and the message says how."""
    return OpenAIError(400, message, param=param, code=code)


def from_application_error(error: ApplicationError, *, param: str | None = None) -> OpenAIError:
    """Our own refusals (a question too long, too many answers, the model busy, a file rejected), as OpenAI's.

    A 422 (the request can't be answered as it is) is a 400 to OpenAI clients; 413 and 415 too.
    """
    status = error.http_status
    if status in (413, 415, 422):
        status = 400
    return OpenAIError(status, error.message, code=error.code, param=param, retry_after=error.retry_after)
