"""From a session's saved history to the engine's request: the turns, their images, and the records.

The question's turn carries, before the person's words: their "About me" (when it is on), their
lab results for the tests the question is about, any patient details they chose to share, and
the passages of their documents retrieved for it, numbered [1], [2]… (chat.generation.records).
Earlier turns keep their images; their files' text takes part through retrieval, like everything
else the person stored.
"""

from dataclasses import dataclass, replace

from django.conf import settings

from accounts.health_profile import health_profile_prompt_text
from chat.generation.attachments import prompt_attachments
from chat.generation.records import RecordsContext, records_for_question
from chat.inference.prompts import alternating_turns
from chat.inference.types import ChatTurn, Document, GenerationRequest
from chat.models import Message
from chat.selectors import message_history_for_prompt
from uploads.labs.prompt import lab_results_prompt_text

# The engine trims to its context window; this only bounds what is read from the database.
HISTORY_MESSAGES = 200
ABOUT_ME = "About me"
LAB_RESULTS = "Lab results"
ONLY_FILES = "Please look at the attached file(s)."


@dataclass(frozen=True)
class PreparedAnswer:
    request: GenerationRequest
    records: RecordsContext


def answer_prepare(*, answer: Message) -> PreparedAnswer:
    session = answer.session
    history = message_history_for_prompt(message=answer, limit=HISTORY_MESSAGES)
    # A failed answer between two questions leaves two user turns: the model sees them as one.
    turns = alternating_turns([_turn_for(message) for message in history])
    records = RecordsContext()
    if turns:
        question = turns[-1]
        records = records_for_question(
            owner_id=session.owner_id,
            question="" if question.text == ONLY_FILES else question.text,
            attached_upload_ids={str(upload.pk) for message in history for upload in message.attachments.all()},
            use_records=session.use_records,
            budget_tokens=settings.RECORDS_PROMPT_TOKENS,
        )
        context = (
            _profile(owner_id=session.owner_id)
            + _lab_results(owner_id=session.owner_id, question=question.text)
            + question.documents
            + records.documents()
        )
        turns = (*turns[:-1], replace(question, documents=context))
    # The owner's id gives each person fair turns in the engine.
    request = GenerationRequest(
        turns=turns,
        request_id=str(answer.pk),
        owner=str(session.owner_id),
        instructions=session.instructions,
        # An answer that already has text is being continued (services.message_continue): the model goes on from it.
        answer_start=answer.content,
        **_generation_settings(answer.generation),
    )
    return PreparedAnswer(request=request, records=records)


def _generation_settings(saved: dict) -> dict:
    """The answer's own settings, as an API client asked for them (chat.openai_compat); none means the defaults."""
    settings_ = {name: saved[name] for name in ("max_new_tokens", "temperature", "top_p", "seed") if name in saved}
    if saved.get("stop"):
        settings_["stop"] = tuple(saved["stop"])
    return settings_


def _lab_results(*, owner_id: int, question: str) -> tuple[Document, ...]:
    text = lab_results_prompt_text(user_id=owner_id, question=question)
    return (Document(name=LAB_RESULTS, text=text),) if text else ()


def _profile(*, owner_id: int) -> tuple[Document, ...]:
    text = health_profile_prompt_text(user_id=owner_id)
    return (Document(name=ABOUT_ME, text=text),) if text else ()


def _turn_for(message: Message) -> ChatTurn:
    if message.role == Message.Role.ASSISTANT:
        return ChatTurn(role="assistant", text=message.content)
    uploads = list(message.attachments.all())
    if not uploads:
        return ChatTurn(role="user", text=message.content)
    attachments = prompt_attachments(uploads=uploads)
    return ChatTurn(
        role="user",
        text=message.content or ONLY_FILES,
        images=tuple(attachments.images),
        documents=tuple(attachments.documents),
    )
