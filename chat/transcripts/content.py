"""What a chat transcript holds, read once through the owner's chat: shared by the Markdown and the PDF."""

from dataclasses import dataclass

from django.utils import timezone

from chat.models import ChatSession, Message
from chat.selectors import session_messages_for_transcript

DISCLAIMER = (
    "This assistant is not a substitute for professional medical advice, diagnosis or treatment. "
    "Its answers were written by an AI model and may be wrong. In an emergency, call your local emergency number."
)


@dataclass(frozen=True)
class Transcript:
    session: ChatSession
    messages: list[Message]
    exported_at: object

    @property
    def title(self) -> str:
        return self.session.title


def transcript_for(*, session: ChatSession) -> Transcript:
    return Transcript(
        session=session, messages=session_messages_for_transcript(session=session), exported_at=timezone.now()
    )


def status_note(message: Message) -> str:
    """How an answer ended, when it didn't end well: said in the transcript as on the page."""
    if message.status in (Message.Status.DONE, Message.Status.STREAMING):
        return ""
    note = message.get_status_display()
    return f"{note}: {message.error}" if message.error else note
