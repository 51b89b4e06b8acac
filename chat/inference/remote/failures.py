"""What went wrong upstream, in words for the person, and whether trying again may help.

openai raises one of its own exceptions for everything (a connection, a timeout, an HTTP status,
an error event in the stream). The messages name the server and the setting to check, never the
request: logs get only the exception's type and the HTTP status (what_happened).
"""

import re
from dataclasses import dataclass

import openai

# vLLM: "This model's maximum context length is 8192 tokens. However, you requested ..." or "The decoder
# prompt (length 9000) is longer than the maximum model length of 8192."; others say similar things.
_CONTEXT_EXCEEDED = re.compile(r"context length|context window|maximum (model )?length|max_model_len", re.IGNORECASE)
# vLLM: "At most 4 image(s) may be provided in one prompt." (its --limit-mm-per-prompt).
_TOO_MANY_IMAGES = re.compile(r"at most \d+ image", re.IGNORECASE)

STOPPED_MID_ANSWER = (
    "The model server stopped in the middle of this answer; what it wrote so far is kept. Try regenerating it."
)


@dataclass(frozen=True)
class Failure:
    message: str
    # Worth another try before the first token: the server was unreachable, overloaded or failed.
    retryable: bool = False
    # The server counted more tokens than our estimate: the conversation may be sent again, shorter.
    context_exceeded: bool = False
    # The server can't serve anyone like this (unreachable, our key refused): the engine's state says so.
    server_down: bool = False


def classify(error: openai.OpenAIError, *, url: str, model: str) -> Failure:
    server = f"The model server at {url}"
    if isinstance(error, openai.APITimeoutError):
        return Failure(f"{server} did not answer in time.")
    if isinstance(error, openai.APIConnectionError):
        return Failure(f"{server} can't be reached (it may be starting, or down).", retryable=True, server_down=True)
    if isinstance(error, openai.AuthenticationError | openai.PermissionDeniedError):
        return Failure(f"{server} refused our API key (HEALTH_ENGINE_API_KEY).", server_down=True)
    if isinstance(error, openai.NotFoundError):
        return Failure(
            f"{server} does not serve the model {model} (HTTP 404): check HEALTH_ENGINE_MODEL and HEALTH_ENGINE_URL."
        )
    if isinstance(error, openai.RateLimitError):
        return Failure(f"{server} is overloaded (HTTP 429). Try again shortly.", retryable=True)
    if isinstance(error, openai.APIStatusError):
        status = error.status_code
        if status >= 500:
            return Failure(f"{server} failed (HTTP {status}). Try again shortly.", retryable=True)
        if _CONTEXT_EXCEEDED.search(error.message or ""):
            return Failure(
                "This conversation is too long for the model server's context, even with only the latest message. "
                "Shorten it, or send fewer images or documents.",
                context_exceeded=True,
            )
        if _TOO_MANY_IMAGES.search(error.message or ""):
            return Failure(
                "This conversation has more images than the model server takes in one request. "
                "Start a new chat for the next images, or ask the administrator to raise vLLM's --limit-mm-per-prompt."
            )
        return Failure(f"{server} refused this request (HTTP {status}).")
    return Failure(f"{server} failed while writing this answer.")


def what_happened(error: BaseException) -> str:
    """For logs: the kind of error and its HTTP status, never its message (it may quote the conversation)."""
    status = getattr(error, "status_code", None)
    return type(error).__name__ if status is None else f"{type(error).__name__} (HTTP {status})"
