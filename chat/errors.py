"""What a chat request can end in; each is an ApplicationError with its HTTP status."""

from healthassistant.errors import ApplicationError

# How long a client waits before asking again when the model's queue is full.
BUSY_RETRY_SECONDS = 10


class ChatError(ApplicationError):
    """A request the user can fix; the message says how (422 unless a subclass says otherwise)."""

    def __init__(self, message: str, *, code: str = "invalid", **kwargs):
        super().__init__(message, code=code, **kwargs)


class ChatConflict(ChatError):
    """Not now: the chat is in another state (an answer is being written, or there is nothing to act on)."""

    http_status = 409


class AnswerInProgress(ChatConflict):
    def __init__(self):
        super().__init__(
            "The assistant is still answering in this chat. Wait for it to finish or press Stop.",
            code="answer_in_progress",
        )


class TooManyAnswers(ChatError):
    """Fair turns: one person may have only so many answers being written at once (HEALTH_MAX_ACTIVE_PER_USER)."""

    http_status = 429

    def __init__(self, limit: int):
        answers = "answer" if limit == 1 else "answers"
        super().__init__(
            f"You already have {limit} {answers} being written. Wait for one to finish, or stop it, then ask again.",
            code="too_many_answers",
        )


class ModelUnavailable(ChatError):
    http_status = 503

    def __init__(self, message: str):
        super().__init__(message, code="model_unavailable")


class ModelBusy(ChatError):
    http_status = 503

    def __init__(self, message: str):
        super().__init__(message, code="model_busy", retry_after=BUSY_RETRY_SECONDS)
