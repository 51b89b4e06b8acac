"""Errors that submit() raises at once, so a caller can tell the user why right away."""


class EngineError(Exception):
    """Base of every error the engine raises to its callers; code names it for API clients."""

    code = "engine_error"


class EngineBusy(EngineError):
    code = "model_busy"

    def __init__(self, queue_length: int) -> None:
        self.queue_length = queue_length
        super().__init__(f"The assistant is busy: {queue_length} requests are already waiting. Try again shortly.")


class OwnerBusy(EngineError):
    """One person already has as many answers generating or waiting as anyone may."""

    code = "too_many_answers"

    def __init__(self, limit: int) -> None:
        self.limit = limit
        answers = "answer" if limit == 1 else "answers"
        super().__init__(
            f"You already have {limit} {answers} being written. Wait for one to finish, or stop it, then ask again."
        )


class EngineUnavailable(EngineError):
    code = "model_unavailable"

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"The model is not available: {reason}")


class InvalidRequest(EngineError):
    """The request itself is wrong (a setting out of range, an unreadable image, no question)."""

    code = "invalid_request"


class PromptTooLong(EngineError):
    """Even the latest message alone does not fit the context window with room for the answer."""

    code = "prompt_too_long"


class ModelLoadError(Exception):
    """The model could not be loaded; the message is the plain reason shown to users."""
