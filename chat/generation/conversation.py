"""From a session's saved history to the engine's request: the turns, their images and documents."""

from chat.generation.attachments import prompt_attachments
from chat.inference.types import ChatTurn, GenerationRequest
from chat.models import Message
from chat.selectors import message_history_for_prompt

# The engine trims to its context window; this only bounds what is read from the database.
HISTORY_MESSAGES = 200
DOCUMENT_TEXT_BUDGET_CHARS = 24_000


def generation_request_for(*, answer: Message) -> GenerationRequest:
    turns: list[ChatTurn] = []
    for message in message_history_for_prompt(message=answer, limit=HISTORY_MESSAGES):
        turn = _turn_for(message)
        if turn is None:
            continue
        if turns and turns[-1].role == turn.role:
            # Chat templates require alternating roles; a failed answer in between leaves two questions.
            turns[-1] = _merge(turns[-1], turn)
        else:
            turns.append(turn)
    while turns and turns[0].role != "user":
        turns.pop(0)
    # The owner's id gives each person fair turns in the engine.
    return GenerationRequest(turns=tuple(turns), request_id=str(answer.pk), owner=str(answer.session.owner_id))


def _turn_for(message: Message) -> ChatTurn | None:
    if message.role == Message.Role.ASSISTANT:
        return ChatTurn(role="assistant", text=message.content) if message.content.strip() else None
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


def _merge(first: ChatTurn, second: ChatTurn) -> ChatTurn:
    return ChatTurn(
        role=first.role,
        text=f"{first.text}\n\n{second.text}",
        images=first.images + second.images,
        documents=first.documents + second.documents,
    )
