"""Writes for the OpenAI-compatible endpoint: a request becomes a question in a chat, through chat.services.

A request either continues the chat its conversation came from (chat.openai_compat.threads) or
starts one, with the turns the client sent before the question stored as that chat's history, so
the answer is written from the very conversation the client holds. Images become the person's
uploads. Nothing is half-saved: a refused request leaves no chat, message or file behind.

A chat made through a key that keeps no history is hidden from every list while its answer is
written, and deleted with its images as soon as the answer ends (or the client goes away).
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from chat import services
from chat.models import ChatSession, Message
from chat.openai_compat.request import CompletionRequest, Turn
from chat.openai_compat.threads import thread_digest
from chat.selectors import session_streaming_message
from chat.titles import DEFAULT_TITLE, title_from_question
from uploads.models import Upload
from uploads.services import upload_create, upload_delete

logger = logging.getLogger(__name__)

_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/jpg": "jpg", "image/webp": "webp"}


@dataclass(frozen=True)
class ApiConversation:
    session: ChatSession
    question: Message
    answer: Message
    continued: bool


def api_conversation_start(*, owner: User, keep_history: bool, request: CompletionRequest) -> ApiConversation:
    """The request's question saved, with its answer started; the chat continued or made for it."""
    session = _continued_chat(owner=owner, request=request) if keep_history else None
    imported = () if session is not None else request.history
    # Files are stored first and outside the transaction: parsing an image must not hold the database.
    images = [_store_images(owner=owner, turn=turn) for turn in (*imported, request.question)]
    try:
        with transaction.atomic():
            if session is None:
                session = _new_chat(owner=owner, keep_history=keep_history, request=request)
                _import_history(session=session, turns=imported, images=images[:-1])
            question, answer = services.message_send(
                session=session, content=request.question.text, uploads=images[-1], generation=request.generation
            )
    except BaseException:
        _delete_uploads([upload for uploads in images for upload in uploads])
        raise
    return ApiConversation(session=session, question=question, answer=answer, continued=not imported)


@transaction.atomic
def api_conversation_end(*, conversation: ApiConversation, request: CompletionRequest) -> None:
    """After the answer: a kept chat remembers the conversation for the client's next turn; the others go."""
    session = conversation.session
    if not session.kept:
        _discard(session)
        return
    answer = Message.objects.filter(pk=conversation.answer.pk).first()
    if answer is None or answer.status != Message.Status.DONE:
        return
    turns = (*request.history, request.question, Turn(role="assistant", text=answer.content))
    ChatSession.objects.filter(pk=session.pk).update(
        thread_digest=thread_digest(instructions=request.instructions, turns=turns)
    )


def api_unkept_chats_delete(*, idle_for: timedelta) -> int:
    """Chats kept for no history whose request ended without cleaning up (its process died); returns how many."""
    stale = ChatSession.objects.filter(kept=False, updated_at__lt=timezone.now() - idle_for)
    count = 0
    for session in stale:
        with transaction.atomic():
            _discard(session)
        count += 1
    return count


def _continued_chat(*, owner: User, request: CompletionRequest) -> ChatSession | None:
    if not request.history:
        return None
    digest = thread_digest(instructions=request.instructions, turns=request.history)
    session = (
        ChatSession.objects.filter(owner=owner, source=ChatSession.Source.API, kept=True, thread_digest=digest)
        .order_by("-updated_at")
        .first()
    )
    # A chat still answering (the same conversation sent twice at once) is left alone: this one forks.
    if session is None or session_streaming_message(session=session) is not None:
        return None
    return session


def _new_chat(*, owner: User, keep_history: bool, request: CompletionRequest) -> ChatSession:
    first_question = next((turn for turn in request.history if turn.role == "user"), None)
    title = title_from_question(first_question.text) if first_question and first_question.text.strip() else ""
    return ChatSession.objects.create(
        owner=owner,
        title=title or DEFAULT_TITLE,
        source=ChatSession.Source.API,
        kept=keep_history,
        instructions=request.instructions,
    )


def _import_history(*, session: ChatSession, turns: tuple[Turn, ...], images: list[list[Upload]]) -> None:
    parent = None
    for turn, uploads in zip(turns, images, strict=True):
        message = Message.objects.create(
            session=session, role=turn.role, content=turn.text, status=Message.Status.DONE, parent=parent
        )
        parent = message
        if uploads:
            message.attachments.set(uploads)


def _store_images(*, owner: User, turn: Turn) -> list[Upload]:
    stored: list[Upload] = []
    try:
        for number, image in enumerate(turn.images, start=1):
            extension = _EXTENSIONS.get(image.content_type, "png")
            file = SimpleUploadedFile(f"chat-image-{number}.{extension}", image.content, image.content_type)
            stored.append(upload_create(owner=owner, file=file))
    except BaseException:
        _delete_uploads(stored)
        raise
    return stored


def _discard(session: ChatSession) -> None:
    uploads = list(Upload.objects.filter(messages__session=session).distinct())
    services.session_delete(session=session)
    _delete_uploads(uploads)
    logger.info("api chat %s discarded: its key keeps no history", str(session.pk)[:8])


def _delete_uploads(uploads: list[Upload]) -> None:
    for upload in uploads:
        upload_delete(upload=upload)
