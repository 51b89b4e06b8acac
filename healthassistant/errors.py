"""The one error a request can end in when the user can fix it, or has to wait it out.

Services raise it; the API (healthassistant.api_errors) and the pages answer it with its
http_status and its message, never a 500. Each app subclasses it: chat.errors, uploads.errors.
"""


class ApplicationError(Exception):
    """`message` says what happened and what to do; `code` is stable, for programs and logs."""

    http_status = 422

    def __init__(self, message: str, *, code: str, http_status: int | None = None, retry_after: int | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        if http_status is not None:
            self.http_status = http_status
        # Seconds to wait before trying again, for the 429s and 503s that have one.
        self.retry_after = retry_after

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}
