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
