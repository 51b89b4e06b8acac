"""Who is asking: a personal API key (accounts.api_keys) as `Authorization: Bearer <key>`, and their throttles.

Keys work here and nowhere else; the REST API and the pages never accept them.
"""

import math

from asgiref.sync import sync_to_async
from django.http import HttpRequest
from rest_framework import exceptions

from accounts.api_keys import InvalidApiKey, api_key_authenticate
from accounts.audit import audit_context
from accounts.models import ApiKey
from chat.api.sse import throttle
from chat.openai_compat.errors import OpenAIError
from chat.throttling import QuestionRateThrottle

_HOW_TO = "Create a key on your Account page, under API keys, and send it as “Authorization: Bearer <key>”."


async def authenticated_key(request: HttpRequest) -> ApiKey:
    scheme, _, raw = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        raise OpenAIError(401, f"You didn't provide an API key. {_HOW_TO}", code="invalid_api_key")
    try:
        return await sync_to_async(api_key_authenticate)(raw.strip(), audit=audit_context(request))
    except InvalidApiKey as refused:
        raise OpenAIError(401, refused.message, code=refused.code) from None


async def throttled(request: HttpRequest, api_key: ApiKey, *, asks: bool) -> None:
    """The REST API's per-person limits, and for a question the question rate too."""
    try:
        await throttle(request, api_key.owner, extra=(QuestionRateThrottle,) if asks else ())
    except exceptions.Throttled as exc:
        wait = math.ceil(exc.wait or 1)
        raise OpenAIError(
            429, f"Too many requests: try again in {wait} seconds.", code="rate_limit_exceeded", retry_after=wait
        ) from None
