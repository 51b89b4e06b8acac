"""The bodies OpenAI clients read: a chat.completion, its chat.completion.chunk pieces, and the model list."""

from chat.models import Message
from chat.openai_compat.errors import OpenAIError

OWNED_BY = "ai-health-assistant"

# How an answer that ended without an error ended, in OpenAI's words. Stopped by the person (in the
# browser, or by Stop on another device) is "stop": the text is what there is.
_FINISH_REASONS = {"length": "length"}

# Failed answers, by the reason the worker saved, as the status an OpenAI client expects.
_STATUS_FOR_ERROR = {
    "prompt_too_long": 400,
    "invalid_request": 400,
    "too_many_answers": 429,
    "model_busy": 503,
    "model_unavailable": 503,
}
_OPENAI_CODE = {"prompt_too_long": "context_length_exceeded"}


def completion_id(answer: Message) -> str:
    return f"chatcmpl-{answer.pk}"


def finish_reason(answer: Message) -> str:
    return _FINISH_REASONS.get(answer.finish_reason, "stop")


def answer_error(answer: Message) -> OpenAIError | None:
    """Why an answer gives the client no (whole) text, or None when it ended well."""
    if answer.status not in (Message.Status.FAILED, Message.Status.INTERRUPTED):
        return None
    code = answer.error_code or ("interrupted" if answer.status == Message.Status.INTERRUPTED else "answer_failed")
    message = answer.error or "The assistant could not finish this answer. Try again."
    return OpenAIError(_STATUS_FOR_ERROR.get(code, 503), message, code=_OPENAI_CODE.get(code, code))


def usage(answer: Message) -> dict:
    prompt, completion = answer.prompt_tokens or 0, answer.answer_tokens or 0
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def completion(answer: Message, *, model: str) -> dict:
    return {
        "id": completion_id(answer),
        "object": "chat.completion",
        "created": int(answer.created_at.timestamp()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": answer.content, "refusal": None},
                "finish_reason": finish_reason(answer),
                "logprobs": None,
            }
        ],
        "usage": usage(answer),
        "system_fingerprint": None,
    }


def chunk(answer: Message, *, model: str, delta: dict, finish: str | None = None, usage_: dict | None = None) -> dict:
    """One streamed piece; with usage_, the last one, which has no choices (stream_options.include_usage)."""
    choice = {"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}
    body = {
        "id": completion_id(answer),
        "object": "chat.completion.chunk",
        "created": int(answer.created_at.timestamp()),
        "model": model,
        "choices": [] if usage_ is not None else [choice],
        "system_fingerprint": None,
    }
    if usage_ is not None:
        body["usage"] = usage_
    return body


def model_entry(model_id: str, *, created: int) -> dict:
    return {"id": model_id, "object": "model", "created": created, "owned_by": OWNED_BY}
