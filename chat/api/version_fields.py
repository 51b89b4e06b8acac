"""A message's versions in the API: its place among the edits of a question or regenerations of an answer."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chat.versions import versions_attach


class MessageVersionFields(serializers.Serializer):
    """Read from the `versions` the selectors attach to a page of messages; one query for a single message."""

    parent = serializers.IntegerField(
        source="parent_id", read_only=True, allow_null=True, help_text="The message this one follows; null first."
    )
    shown = serializers.BooleanField(
        read_only=True, help_text="On the branch of the chat that is shown, and that the model sees."
    )
    versions = serializers.SerializerMethodField(help_text="The ids of this message's versions, oldest first.")
    version = serializers.SerializerMethodField(help_text="This message's number among its versions, from 1.")
    version_count = serializers.SerializerMethodField(help_text="How many versions the message has.")

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_versions(self, message) -> list[int]:
        return list(_versions(message).ids)

    def get_version(self, message) -> int:
        return _versions(message).number

    def get_version_count(self, message) -> int:
        return _versions(message).count


def _versions(message):
    if getattr(message, "versions", None) is None:
        versions_attach([message])
    return message.versions
