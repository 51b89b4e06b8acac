"""Writes. Views, API views, consumers and the worker call these; none writes its own logic."""

import uuid
from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from chat.errors import AnswerInProgress, ChatConflict, ChatError, TooManyAnswers
from chat.generation import protocol
from chat.generation.records import RecordsContext
from chat.inference.types import FinishReason
from chat.live_tabs import CHAT, DELETED, MESSAGES, tabs_announce
from chat.models import ChatSession, Message, MessageSource
from chat.selectors import answers_streaming_count_for_user, session_last_message, session_streaming_message
from chat.titles import DEFAULT_TITLE, MAX_TITLE_LENGTH, title_from_question
from chat.versions import branch_hide_from, branch_show_from, message_siblings
from uploads.models import Upload

MAX_QUESTION_LENGTH = 20_000


@transaction.atomic
def session_create(*, owner: User, title: str = DEFAULT_TITLE) -> ChatSession:
    return ChatSession.objects.create(owner=owner, title=_clean_title(title))


@transaction.atomic
def session_update(
    *,
    session: ChatSession,
    title: str | None = None,
    pinned: bool | None = None,
    archived: bool | None = None,
    use_records: bool | None = None,
) -> ChatSession:
    fields = ["updated_at"]
    if title is not None:
        session.title = _clean_title(title)
        fields.append("title")
    if pinned is not None:
        session.pinned = pinned
        fields.append("pinned")
    if archived is not None:
        session.archived = archived
        fields.append("archived")
    if use_records is not None:
        session.use_records = use_records
        fields.append("use_records")
    session.save(update_fields=fields)
    if title is not None or pinned is not None or archived is not None:
        tabs_announce(user_id=session.owner_id, session_id=session.pk, kind=CHAT)
    return session


@transaction.atomic
def session_delete(*, session: ChatSession) -> None:
    for message in Message.objects.filter(session=session, status=Message.Status.STREAMING):
        _cancel_on_commit(message)
    tabs_announce(user_id=session.owner_id, session_id=session.pk, kind=DELETED)
    session.delete()


@transaction.atomic
def session_start(*, owner: User, content: str, uploads: Sequence[Upload] = ()) -> tuple[ChatSession, Message, Message]:
    """A new chat with its first question; nothing is saved if the question is refused."""
    session = session_create(owner=owner)
    question, answer = message_send(session=session, content=content, uploads=uploads)
    return session, question, answer


@transaction.atomic
def message_send(
    *, session: ChatSession, content: str, uploads: Sequence[Upload] = (), generation: dict | None = None
) -> tuple[Message, Message]:
    """Save the user's question and an assistant answer in state streaming; on commit, start generating it.

    generation holds the answer's own settings (max_new_tokens, temperature, top_p, seed, stop), as an
    API client asked for them; the engine checks them, and refuses the answer if they are out of range.
    """
    content = _checked_question(content, uploads=uploads)
    _lock(session)
    if session_streaming_message(session=session) is not None:
        raise AnswerInProgress()
    is_first_question = not Message.objects.filter(session=session).exists()
    question = Message.objects.create(
        session=session, role=Message.Role.USER, content=content, parent=session_last_message(session=session)
    )
    if uploads:
        question.attachments.set(uploads)
    if is_first_question and session.title == DEFAULT_TITLE:
        session.title = title_from_question(content) if content else uploads[0].original_name[:MAX_TITLE_LENGTH]
    session.save(update_fields=["title", "updated_at"])
    return question, _answer_start(session=session, parent=question, generation=generation)


@transaction.atomic
def message_regenerate(*, session: ChatSession) -> Message:
    """Answer the last question again; the earlier answer stays, as an earlier version (chat.versions)."""
    _lock(session)
    last = session_last_message(session=session)
    if last is None:
        raise ChatConflict("There is nothing to regenerate yet: ask a question first.", code="nothing_to_regenerate")
    if last.is_streaming:
        raise AnswerInProgress()
    question = last
    if last.role == Message.Role.ASSISTANT:
        question = last.parent
        message_siblings(last).update(active=False)
        branch_hide_from(last)
    session.save(update_fields=["updated_at"])
    return _answer_start(session=session, parent=question)


@transaction.atomic
def message_edit(*, question: Message, content: str) -> tuple[Message, Message]:
    """Ask a question again in other words, as its new version, and answer it.

    The question may be anywhere in the chat: the chat forks there. The earlier version keeps its
    answer and everything after it, and comes back by switching versions (message_version_select).
    The new version keeps the question's files.
    """
    content = _checked_question(content)
    session = question.session
    _lock(session)
    if session_streaming_message(session=session) is not None:
        raise AnswerInProgress()
    question.refresh_from_db(fields=["shown"])
    if question.role != Message.Role.USER or not question.shown:
        raise ChatConflict("Only a question on the chat as shown can be edited.", code="not_editable")
    message_siblings(question).update(active=False)
    branch_hide_from(question)
    edited = Message.objects.create(session=session, role=Message.Role.USER, content=content, parent=question.parent)
    edited.attachments.set(question.attachments.all())
    session.save(update_fields=["updated_at"])
    return edited, _answer_start(session=session, parent=edited)


@transaction.atomic
def message_version_select(*, message: Message) -> Message:
    """Show this version of a message instead of its sibling on screen, with the branch that follows it.

    The history the model sees follows: the next question continues from the branch shown.
    """
    session = message.session
    _lock(session)
    if session_streaming_message(session=session) is not None:
        raise AnswerInProgress()
    current = message_siblings(message).filter(shown=True).first()
    if current is None:
        raise ChatConflict("This message is not a version of one in the chat as shown.", code="not_in_shown_branch")
    if current.pk != message.pk:
        message_siblings(message).update(active=False)
        Message.objects.filter(pk=message.pk).update(active=True)
        message.active = True
        branch_hide_from(current)
        branch_show_from(message)
        session.save(update_fields=["updated_at"])
        tabs_announce(user_id=session.owner_id, session_id=session.pk, kind=MESSAGES)
    return message


@transaction.atomic
def message_continue(*, answer: Message) -> Message:
    """Go on writing the chat's last answer, cut off at its length limit: the model continues its text.

    The answer is the same message, streaming again from where it stopped (chat.generation.answer_run).
    """
    session = answer.session
    _lock(session)
    answer.refresh_from_db()
    last = session_last_message(session=session)
    cut_off = answer.status == Message.Status.DONE and answer.finish_reason == FinishReason.LENGTH
    if answer.role != Message.Role.ASSISTANT or not cut_off or last is None or last.pk != answer.pk:
        raise ChatConflict(
            "Only the last answer, when it stopped at the length limit, can be continued.", code="not_continuable"
        )
    _reserve_answer_room(owner=session.owner)
    answer.status = Message.Status.STREAMING
    answer.finish_reason = ""
    answer.save(update_fields=["status", "finish_reason", "updated_at"])
    session.save(update_fields=["updated_at"])
    tabs_announce(user_id=session.owner_id, session_id=session.pk, kind=MESSAGES)
    transaction.on_commit(lambda: protocol.job_start_generation(message_id=answer.pk))
    return answer


def message_cancel(*, message: Message) -> None:
    """Ask the worker to stop generating; it keeps the partial answer and marks it cancelled."""
    if message.role != Message.Role.ASSISTANT or not message.is_streaming:
        raise ChatConflict("This answer is not being generated any more.", code="not_streaming")
    protocol.job_cancel_generation(message_id=message.pk)


def answer_stop(*, message_id: int) -> None:
    """Stops an answer if it is still being written, e.g. when the only client waiting for it went away."""
    if Message.objects.filter(pk=message_id, status=Message.Status.STREAMING).exists():
        protocol.job_cancel_generation(message_id=message_id)


@transaction.atomic
def answer_sources_save(*, message_id: int, records: RecordsContext) -> bool:
    """The passages given to the model for this answer, as its sources; False if the answer is gone or done.

    A regenerated answer's earlier sources are replaced. A file deleted since it was retrieved
    leaves no source (its snippet would outlive it).
    """
    message = Message.objects.select_for_update().filter(pk=message_id, status=Message.Status.STREAMING).first()
    if message is None:
        return False
    MessageSource.objects.filter(message=message).delete()
    still_there = set(
        Upload.objects.filter(pk__in={passage.upload_id for passage in records.passages}).values_list("pk", flat=True)
    )
    MessageSource.objects.bulk_create(
        MessageSource(
            message=message, n=passage.n, upload_id=passage.upload_id, page=passage.page, snippet=passage.snippet
        )
        for passage in records.passages
        if uuid.UUID(passage.upload_id) in still_there
    )
    Message.objects.filter(pk=message_id).update(sources_left_out=records.pages_left_out)
    return True


def answer_save_partial(*, message_id: int, content: str, seq: int) -> None:
    """The worker's periodic save, so that a crash or a reload loses at most about a second."""
    Message.objects.filter(pk=message_id, status=Message.Status.STREAMING).update(
        content=content, stream_seq=seq, updated_at=timezone.now()
    )


def answer_finish(
    *,
    message_id: int,
    content: str,
    seq: int,
    status: str,
    error: str = "",
    error_code: str = "",
    finish_reason: str = "",
    prompt_tokens: int | None = None,
    answer_tokens: int | None = None,
    model_name: str = "",
    time_to_first_token: float | None = None,
    duration: float | None = None,
    tokens_per_second: float | None = None,
) -> bool:
    """The final save of an answer. Returns False when the message no longer exists (its chat was deleted)."""
    updated = Message.objects.filter(pk=message_id).update(
        content=content,
        stream_seq=seq,
        status=status,
        error=error,
        error_code=error_code,
        finish_reason=finish_reason,
        prompt_tokens=prompt_tokens,
        answer_tokens=answer_tokens,
        model_name=model_name,
        time_to_first_token=time_to_first_token,
        duration=duration,
        tokens_per_second=tokens_per_second,
        updated_at=timezone.now(),
    )
    return bool(updated)


def answers_mark_interrupted(*, idle_for: timedelta = timedelta(0)) -> int:
    """Answers left streaming by a process that died: keep their partial text, mark them interrupted.

    A live answer is saved about once a second, so one idle for longer than `idle_for` has no worker.
    """
    return Message.objects.filter(status=Message.Status.STREAMING, updated_at__lte=timezone.now() - idle_for).update(
        status=Message.Status.INTERRUPTED,
        error="The server restarted while this answer was being written. Regenerate it to get a full answer.",
        updated_at=timezone.now(),
    )


def _checked_question(content: str, *, uploads: Sequence[Upload] | None = None) -> str:
    """The question's text, stripped, once the model can be asked it: one check for every way of asking.

    uploads is None where no file can come with the text (an edit), and then only text counts.
    """
    content = content.strip()
    if not content and not uploads:
        attach = "" if uploads is None else ", or attach a file to ask about"
        raise ChatError(f"Write a question{attach}.", code="empty")
    if len(content) > MAX_QUESTION_LENGTH:
        raise ChatError(
            f"The question is too long ({len(content):,} characters); the limit is {MAX_QUESTION_LENGTH:,}.",
            code="too_long",
        )
    return content


def _lock(session: ChatSession) -> None:
    """Serialise writers of one chat (two tabs sending at once) on PostgreSQL; SQLite writes one at a time anyway."""
    list(ChatSession.objects.select_for_update().filter(pk=session.pk).values_list("pk"))


def _answer_start(*, session: ChatSession, parent: Message | None, generation: dict | None = None) -> Message:
    """Starts an answer, if its owner has room for one more; the caller's transaction undoes everything if not."""
    _reserve_answer_room(owner=session.owner)
    answer = Message.objects.create(
        session=session,
        role=Message.Role.ASSISTANT,
        status=Message.Status.STREAMING,
        generation=generation or {},
        parent=parent,
    )
    transaction.on_commit(lambda: protocol.job_start_generation(message_id=answer.pk))
    tabs_announce(user_id=session.owner_id, session_id=session.pk, kind=MESSAGES)
    return answer


def _reserve_answer_room(*, owner: User) -> None:
    """TooManyAnswers if the owner already has HEALTH_MAX_ACTIVE_PER_USER answers being written."""
    # Serialise one person's writers across chats, so that two tabs can't both take the last place.
    list(User.objects.select_for_update().filter(pk=owner.pk).values_list("pk"))
    limit = settings.HEALTH_MAX_ACTIVE_PER_USER
    if answers_streaming_count_for_user(user=owner) >= limit:
        raise TooManyAnswers(limit)


def _cancel_on_commit(message: Message) -> None:
    message_id = message.pk
    transaction.on_commit(lambda: protocol.job_cancel_generation(message_id=message_id))


def _clean_title(title: str) -> str:
    title = " ".join(title.split())[:MAX_TITLE_LENGTH]
    if not title:
        raise ChatError("A chat's title can't be empty.", code="empty_title")
    return title
