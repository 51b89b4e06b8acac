class ChatError(Exception):
    """A request the user can fix; the message says how. Views answer it with a 4xx, never a 500."""

    def __init__(self, message: str, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


class AnswerInProgress(ChatError):
    def __init__(self):
        super().__init__(
            "The assistant is still answering in this chat. Wait for it to finish or press Stop.",
            code="answer_in_progress",
        )


class TooManyAnswers(ChatError):
    """Fair turns: one person may have only so many answers being written at once (HEALTH_MAX_ACTIVE_PER_USER)."""

    def __init__(self, limit: int):
        answers = "answer" if limit == 1 else "answers"
        super().__init__(
            f"You already have {limit} {answers} being written. Wait for one to finish, or stop it, then ask again.",
            code="too_many_answers",
        )
