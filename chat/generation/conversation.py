"""From a session's saved history to the engine's request: the turns, their images and documents."""

from chat.generation.attachments import prompt_attachments
from chat.inference.prompts import alternating_turns
from chat.inference.types import ChatTurn, GenerationRequest
from chat.models import Message
from chat.selectors import message_history_for_prompt

# The engine trims to its context window; this only bounds what is read from the database.
HISTORY_MESSAGES = 200
DOCUMENT_TEXT_BUDGET_CHARS = 24_000


def generation_request_for(*, answer: Message) -> GenerationRequest:
    history = message_history_for_prompt(message=answer, limit=HISTORY_MESSAGES)
    # A failed answer between two questions leaves two user turns: the model sees them as one.
    turns = alternating_turns([_turn_for(message) for message in history])
    # The owner's id gives each person fair turns in the engine.
    return GenerationRequest(turns=turns, request_id=str(answer.pk), owner=str(answer.session.owner_id))


def _turn_for(message: Message) -> ChatTurn:
    if message.role == Message.Role.ASSISTANT:
        return ChatTurn(role="assistant", text=message.content)
    uploads = list(message.attachments.all())
    if not uploads:
        return ChatTurn(role="user", text=message.content)
    attachments = prompt_attachments(uploads=uploads, text_budget_chars=DOCUMENT_TEXT_BUDGET_CHARS)
    return ChatTurn(
        role="user",
        text=message.content or "Please look at the attached file(s).",
        images=tuple(attachments.images),
        documents=tuple(attachments.documents),
    )
