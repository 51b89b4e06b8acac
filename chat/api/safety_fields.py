"""A question's red-flag check in the API: made on its text by chat.safety, never by the model.

Computed on every read rather than stored: nothing more to encrypt, and a better check
applies to old questions too.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chat.models import Message
from chat.safety import contacts_for_request, safety_check
from healthassistant.api_errors import ErrorSerializer


class SafetySerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=["emergency", "none"], help_text="`emergency`: get help now.")
    categories = serializers.ListField(
        child=serializers.CharField(), help_text="What was recognised: chest_pain, breathing, stroke, self_harm, …"
    )
    message = serializers.CharField(help_text="What to do, for people; empty when the level is `none`.")
    emergency_number = serializers.CharField(
        help_text="Whom to call where you are (your country on the Account page, else your browser's language's"
        " region, else EMERGENCY_NUMBER); empty when `none`."
    )
    crisis_line = serializers.CharField(
        required=False, help_text="Only with `self_harm`: a crisis line where you are (else CRISIS_LINE)."
    )


class MessageSafetyFields(serializers.Serializer):
    safety = serializers.SerializerMethodField(
        help_text="A question's red-flag check, made on its text without the model; null for an answer."
    )

    @extend_schema_field(SafetySerializer(allow_null=True))
    def get_safety(self, message: Message) -> dict | None:
        if message.role != Message.Role.USER:
            return None
        contacts = contacts_for_request(self.context.get("request"))
        return safety_check(message.content, contacts=contacts).as_dict()


class ErrorWithSafetySerializer(ErrorSerializer):
    """A question refused because the model can't answer (503): the error, and the question's check."""

    safety = SafetySerializer()
