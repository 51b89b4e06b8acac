from rest_framework import serializers

from chat.api.safety_fields import MessageSafetyFields
from chat.api.version_fields import MessageVersionFields
from chat.models import ChatSession, Message, MessageSource
from chat.titles import MAX_TITLE_LENGTH
from uploads.api.serializers import UploadSerializer

# SQLite's and PostgreSQL's largest integer: a larger id or page can't name anything.
MAX_ID = 2**63 - 1
MAX_PAGE = 100_000
MAX_WAIT_SECONDS = 300
DEFAULT_WAIT_SECONDS = 120


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChatSession
        fields = ["id", "title", "pinned", "archived", "use_records", "source", "created_at", "updated_at"]
        read_only_fields = fields
        extra_kwargs = {
            "source": {
                "help_text": "“app”: made in this app or its REST API; “api”: made by a tool through the "
                "OpenAI-compatible POST /v1/chat/completions."
            },
            "use_records": {
                "help_text": "“Use my records”: answers draw on all of your documents, not only this chat's files."
            },
        }


class SessionCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=MAX_TITLE_LENGTH, required=False, help_text="Defaults to “New chat”.")


class SessionUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=MAX_TITLE_LENGTH, required=False)
    pinned = serializers.BooleanField(required=False)
    archived = serializers.BooleanField(required=False)
    use_records = serializers.BooleanField(
        required=False, help_text="Off: answers use only this chat's own files, not the rest of your documents."
    )


class SessionExportQuerySerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=["pdf", "md"], default="pdf", help_text="`pdf` or `md` (Markdown).")


class SessionListQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=200, help_text="Search titles and messages."
    )
    archived = serializers.BooleanField(required=False, default=False, help_text="List archived chats instead.")
    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=MAX_PAGE)


class SessionPageSerializer(serializers.Serializer):
    results = SessionSerializer(many=True, help_text="Pinned first, then the most recently active.")
    next = serializers.URLField(allow_null=True, help_text="The next page, or null on the last one.")
    previous = serializers.URLField(allow_null=True, help_text="The previous page, or null on the first one.")


class MessageSourceSerializer(serializers.ModelSerializer):
    upload_id = serializers.UUIDField(read_only=True, help_text="The file: GET /api/v1/uploads/{upload_id}/.")
    name = serializers.CharField(source="upload.original_name", read_only=True)
    page = serializers.IntegerField(read_only=True, allow_null=True, help_text="From 1; null for a DICOM description.")
    snippet = serializers.CharField(read_only=True, help_text="The passage's start.")

    class Meta:
        model = MessageSource
        fields = ["n", "upload_id", "name", "page", "snippet"]
        read_only_fields = fields
        extra_kwargs = {"n": {"help_text": "The number the answer cites as [n]."}}


class MessageSerializer(MessageSafetyFields, MessageVersionFields, serializers.ModelSerializer):
    session = serializers.UUIDField(source="session_id", read_only=True)
    seq = serializers.IntegerField(
        source="stream_seq", read_only=True, help_text="Sequence number of the last delta in `content`."
    )
    attachments = UploadSerializer(many=True, read_only=True)
    sources = MessageSourceSerializer(
        many=True,
        read_only=True,
        help_text="An answer's passages from your documents that the model was given, most relevant first.",
    )
    sources_left_out = serializers.IntegerField(
        read_only=True, help_text="Pages that took part but did not fit in the prompt."
    )

    class Meta:
        model = Message
        fields = [
            "id",
            "session",
            "role",
            "content",
            "status",
            "error",
            "error_code",
            "finish_reason",
            "seq",
            "prompt_tokens",
            "answer_tokens",
            "model_name",
            "time_to_first_token",
            "tokens_per_second",
            "duration",
            "attachments",
            "sources",
            "sources_left_out",
            "safety",
            "parent",
            "shown",
            "versions",
            "version",
            "version_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class MessagePageQuerySerializer(serializers.Serializer):
    before = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Cursor: the page of messages before this id."
    )


class MessagePageSerializer(serializers.Serializer):
    results = MessageSerializer(many=True, help_text="Oldest first.")
    next = serializers.URLField(allow_null=True, help_text="The page of earlier messages, or null at the beginning.")


class MessageCreateSerializer(serializers.Serializer):
    content = serializers.CharField(
        required=False, default="", allow_blank=True, trim_whitespace=False, help_text="The question."
    )
    upload_ids = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        default=list,
        max_length=20,
        help_text="Files to ask about, from POST /api/v1/uploads/.",
    )


class MessageEditSerializer(serializers.Serializer):
    content = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text="The question, reworded.")


class MessageCreateQuerySerializer(serializers.Serializer):
    wait = serializers.BooleanField(
        required=False, default=False, help_text="Answer only when the assistant has finished (or `timeout` passed)."
    )
    timeout = serializers.IntegerField(
        required=False,
        default=DEFAULT_WAIT_SECONDS,
        min_value=1,
        max_value=MAX_WAIT_SECONDS,
        help_text="With wait=true: the most seconds to wait; the answer then comes as it stands, still streaming.",
    )


class MessageCreatedSerializer(serializers.Serializer):
    message = MessageSerializer(help_text="Your question, as saved.")
    answer_id = serializers.IntegerField(help_text="The assistant's answer: stream it from /messages/{id}/stream/.")
    answer = MessageSerializer(allow_null=True, help_text="With wait=true: the answer. Otherwise null.")
