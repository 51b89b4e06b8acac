import uuid

from django.conf import settings
from django.db import models

from chat.titles import DEFAULT_TITLE
from healthassistant.encryption.fields import EncryptedTextField


class ChatSession(models.Model):
    """One conversation of one user with the assistant.

    People see it as a "chat" (the pages, their URLs, the templates); the API calls it a "session"
    (/api/v1/sessions/), as the code does (ChatSession, session_*): one thing, two audiences.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_sessions")
    # Sealed at rest, so the database can't bound its length: services cut it to MAX_TITLE_LENGTH.
    title = EncryptedTextField(default=DEFAULT_TITLE)
    pinned = models.BooleanField(default=False)
    archived = models.BooleanField(default=False)
    # "Use my records": answers in this chat draw on all of the owner's documents, not only its attachments.
    use_records = models.BooleanField(default=True)

    class Source(models.TextChoices):
        APP = "app", "This app"
        API = "api", "OpenAI-compatible API"

    # Where the chat was made: this app's pages and REST API, or a tool through /v1/chat/completions.
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.APP)
    # False for a chat made through an API key that keeps no history: it is listed nowhere and is
    # deleted, with any image it brought, as soon as its answer ends (chat.openai_compat).
    kept = models.BooleanField(default=True)
    # The instructions of the tool that made it (OpenAI "system" messages), given to the model after ours.
    instructions = EncryptedTextField(blank=True)
    # A keyed digest of the conversation as the tool will send it back next time, so that its next
    # question continues this chat instead of starting another (chat.openai_compat.threads).
    thread_digest = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-pinned", "-updated_at"]
        indexes = [
            # The sidebar: a user's sessions, pinned first, newest first, without archived ones.
            models.Index(fields=["owner", "archived", "-pinned", "-updated_at"], name="session_sidebar"),
        ]

    def __str__(self) -> str:
        # Never the title: it is the first question, and this is what admin pages and logs show.
        return f"Chat {str(self.pk)[:4]}…"


class Message(models.Model):
    """One turn of a chat. Edits and regenerations keep the earlier turns, as versions (chat.versions).

    The messages of a chat form a tree, as in ChatGPT: each message points to the one it follows
    (`parent`; none for a first question). Messages with the same parent and role are versions of one
    another: an edited question is a new sibling of the question it replaces, a regenerated answer a
    new sibling of the answer. Everything that followed the old version stays under it, so editing a
    question in the middle of a chat forks it. `active` marks the version chosen among its siblings
    (what shows, and what the model sees, when the branch is taken again); `shown` marks the messages
    on the branch on screen: a message is shown exactly when it and all its ancestors are active.
    `shown` is kept in step by chat.versions, so that pages, history and exports read one indexed
    flag rather than walking the tree. A child is always made after its parent, so the shown
    messages, by id, are the branch from its first question to its end.
    """

    class Role(models.TextChoices):
        USER = "user", "User"
        ASSISTANT = "assistant", "Assistant"

    class Status(models.TextChoices):
        STREAMING = "streaming", "Streaming"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"
        INTERRUPTED = "interrupted", "Interrupted"
        FAILED = "failed", "Failed"

    id = models.BigAutoField(primary_key=True)
    session = models.ForeignKey(ChatSession, on_delete=models.CASCADE, related_name="messages")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    active = models.BooleanField(default=True, help_text="The chosen one of its versions.")
    shown = models.BooleanField(default=True, help_text="On the branch of the chat that is shown.")
    role = models.CharField(max_length=10, choices=Role.choices)
    content = EncryptedTextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DONE)
    error = EncryptedTextField(blank=True)
    stream_seq = models.PositiveIntegerField(default=0, help_text="Sequence number of the last saved delta.")
    prompt_tokens = models.PositiveIntegerField(null=True, blank=True)
    answer_tokens = models.PositiveIntegerField(null=True, blank=True)
    model_name = models.CharField(max_length=200, blank=True)
    time_to_first_token = models.FloatField(null=True, blank=True, help_text="Seconds.")
    duration = models.FloatField(null=True, blank=True, help_text="Seconds.")
    tokens_per_second = models.FloatField(null=True, blank=True, help_text="The engine's generation speed.")
    attachments = models.ManyToManyField("uploads.Upload", blank=True, related_name="messages")
    # Pages of the chat's files (and of records found for the question) that took part but did not fit.
    sources_left_out = models.PositiveIntegerField(default=0)
    # An answer's own generation settings (max_tokens, temperature, top_p, seed, stop), as an API
    # client asked for them; empty for the configured defaults.
    generation = models.JSONField(default=dict, blank=True)
    # How the engine ended the answer (chat.inference.types.FinishReason): "length" tells a cut-off answer.
    finish_reason = models.CharField(max_length=12, blank=True)
    # Why a failed answer failed, for clients: e.g. "prompt_too_long", "too_many_answers".
    error_code = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            # History pages: a session's messages by id, newest page first.
            models.Index(fields=["session", "-id"], name="message_session_id"),
            # The branch on screen: a chat's shown messages by id.
            models.Index(fields=["session", "shown", "-id"], name="message_session_shown"),
            # Restart recovery: answers left streaming.
            models.Index(fields=["status", "updated_at"], name="message_status_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.role} message {self.pk}"

    @property
    def is_streaming(self) -> bool:
        return self.status == self.Status.STREAMING


class MessageSource(models.Model):
    """A passage of the owner's documents given to the model for an answer, as the answer's `[n]`.

    It goes with its upload: a deleted file leaves no source (and no snippet of it) behind.
    """

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="sources")
    n = models.PositiveSmallIntegerField(help_text="The number the model saw and cites: [n].")
    upload = models.ForeignKey("uploads.Upload", on_delete=models.CASCADE, related_name="+")
    page = models.PositiveIntegerField(null=True, blank=True, help_text="From 1; none for a DICOM description.")
    snippet = EncryptedTextField()

    class Meta:
        ordering = ["message", "n"]
        constraints = [models.UniqueConstraint(fields=["message", "n"], name="message_source_number")]

    def __str__(self) -> str:
        # Never the snippet: it is health content, and this is what admin pages and logs show.
        return f"Source [{self.n}] of message {self.message_id}"
