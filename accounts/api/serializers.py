from collections.abc import Mapping

from allauth.account.adapter import get_adapter
from allauth.account.utils import has_verified_email
from django.conf import settings
from django.contrib.auth.models import update_last_login
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from rest_framework import exceptions, serializers
from rest_framework_simplejwt import serializers as jwt
from rest_framework_simplejwt.exceptions import ExpiredTokenError, InvalidToken, TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import RefreshToken as PlainRefreshToken

from accounts.audit import Action, audit_context, audit_record
from accounts.models import ApiKey, AuditEvent, HealthProfile, User, one_line_of_text
from accounts.second_factor import second_factor_check
from accounts.services import refresh_token_rotate
from accounts.tokens import RefreshToken, UsedOnceRefreshToken, login_expired
from chat.safety.numbers import COUNTRY_CHOICES


class EmailUnverified(exceptions.PermissionDenied):
    default_detail = "Verify your email address first: follow the link in the email we sent you, then log in again."
    default_code = "email_unverified"


class TokenObtainSerializer(jwt.TokenObtainPairSerializer):
    """Email and password in, a token pair out, with the browser login's rate limit and verification rule.

    Authentication goes through allauth's adapter, so failed attempts count against the same
    limit (LOGIN_RATE_LIMIT) as the login page, and a mandatory email verification applies here too.
    """

    token_class = RefreshToken
    code = serializers.CharField(
        required=False,
        write_only=True,
        help_text="With two-factor authentication on: the code from your authenticator app, or a recovery code.",
    )

    def validate(self, attrs: dict) -> dict:
        request = self.context["request"]._request
        credentials = {"email": attrs[self.username_field], "password": attrs["password"]}
        try:
            user = get_adapter(request).authenticate(request, **credentials)
        except DjangoValidationError:
            raise exceptions.Throttled(
                detail="Too many failed logins for this account. Wait a few minutes and try again."
            ) from None
        if user is None or not api_settings.USER_AUTHENTICATION_RULE(user):
            raise exceptions.AuthenticationFailed(
                "No active account matches this email and password.", "no_active_account"
            )
        if settings.ACCOUNT_EMAIL_VERIFICATION == "mandatory" and not has_verified_email(user):
            raise EmailUnverified()
        second_factor_check(user=user, code=attrs.get("code"))
        refresh = self.get_token(user)
        if api_settings.UPDATE_LAST_LOGIN:
            update_last_login(None, user)
        audit_record(actor=user, action=Action.TOKEN_ISSUED, target=user.pk, context=audit_context(request))
        return {"refresh": str(refresh), "access": str(refresh.access_token)}


class TokenRefreshSerializer(jwt.TokenRefreshSerializer):
    """A refresh token in; a new access token and a new refresh token out. The old refresh token is used up."""

    def validate(self, attrs: dict) -> dict:
        try:
            token = UsedOnceRefreshToken(attrs["refresh"])
        except ExpiredTokenError:
            # Refresh tokens expire when their login does (accounts.tokens): only a new login helps.
            raise login_expired() from None
        except TokenError as error:
            raise InvalidToken(error.args[0]) from None
        pair = refresh_token_rotate(token=token, audit=audit_context(self.context.get("request")))
        return {"access": pair.access, "refresh": pair.refresh}


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField(help_text="Send as `Authorization: Bearer <access>`; short-lived.")
    refresh = serializers.CharField(help_text="Trade for a new pair at /api/v1/auth/token/refresh/; single use.")


class TokenBlacklistSerializer(jwt.TokenBlacklistSerializer):
    refresh = serializers.CharField(write_only=True, help_text="The refresh token to revoke.")

    def validate(self, attrs: dict) -> dict:
        data = super().validate(attrs)
        revoked = PlainRefreshToken(attrs["refresh"], verify=False)
        _audit_token_event(revoked, Action.TOKEN_REVOKED, self.context.get("request"))
        return data


def _audit_token_event(token: PlainRefreshToken, action: str, request) -> None:
    user = User.objects.filter(pk=token.get(api_settings.USER_ID_CLAIM)).first()
    if user is not None:
        audit_record(actor=user, action=action, target=user.pk, context=audit_context(request))


class MeSerializer(serializers.ModelSerializer):
    country = serializers.ChoiceField(
        choices=COUNTRY_CHOICES,
        allow_blank=True,
        required=False,
        help_text="Where you are (ISO 3166 code), for the emergency number and crisis line in `safety`;"
        " \"\" for not chosen (then your browser's language, else the server's settings).",
    )

    class Meta:
        model = User
        fields = ["id", "email", "full_name", "date_joined", "country"]
        read_only_fields = ["id", "email", "full_name", "date_joined"]


class HealthProfileSerializer(serializers.Serializer):
    """Your "About me". On PUT a field left out is emptied (`enabled`: true); on PATCH it stays as it is."""

    age = serializers.IntegerField(
        min_value=0, max_value=HealthProfile.AGE_MAX, allow_null=True, default=None, help_text="In years."
    )
    sex = serializers.CharField(max_length=HealthProfile.SEX_MAX_CHARS, allow_blank=True, default="")
    conditions = serializers.CharField(
        max_length=HealthProfile.LIST_MAX_CHARS, allow_blank=True, default="", help_text="One a line."
    )
    medications = serializers.CharField(
        max_length=HealthProfile.LIST_MAX_CHARS,
        allow_blank=True,
        default="",
        help_text="With the dose and how often, one a line.",
    )
    allergies = serializers.CharField(
        max_length=HealthProfile.LIST_MAX_CHARS, allow_blank=True, default="", help_text="One a line."
    )
    notes = serializers.CharField(
        max_length=HealthProfile.NOTES_MAX_CHARS, allow_blank=True, default="", help_text="Anything else."
    )
    enabled = serializers.BooleanField(
        default=True, help_text="Given to the assistant with every question while true; kept either way."
    )
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True, help_text="Null until first saved.")


class AccountDeleteSerializer(serializers.Serializer):
    password = serializers.CharField(help_text="Your current password, to confirm.", trim_whitespace=False)


class DeletedCountsSerializer(serializers.Serializer):
    chats = serializers.IntegerField()
    messages = serializers.IntegerField()
    files = serializers.IntegerField()


class AccountDeletedSerializer(serializers.Serializer):
    deleted = DeletedCountsSerializer(help_text="What went with the account.")


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = ["action", "at", "ip", "user_agent", "target"]
        read_only_fields = fields


class ApiKeySerializer(serializers.ModelSerializer):
    """One of your API keys, without the key itself: that is only ever in the reply that made it."""

    prefix = serializers.CharField(read_only=True, help_text="The key's first characters, to tell keys apart.")
    expired = serializers.BooleanField(
        source="is_expired", read_only=True, help_text="Past `expires_at`: refused until revoked and replaced."
    )
    last_used_at = serializers.DateTimeField(read_only=True, allow_null=True, help_text="To the minute; null: never.")
    expires_at = serializers.DateTimeField(read_only=True, allow_null=True, help_text="Null: never expires.")

    class Meta:
        model = ApiKey
        fields = ["id", "name", "prefix", "created_at", "expires_at", "last_used_at", "keep_history", "expired"]
        read_only_fields = fields


class ApiKeyCreatedSerializer(ApiKeySerializer):
    key = serializers.CharField(
        read_only=True,
        help_text="The key itself, in this reply only: it is never shown again. Send it to the OpenAI-compatible"
        " API (/v1/) as `Authorization: Bearer <key>`.",
    )

    class Meta(ApiKeySerializer.Meta):
        fields = [*ApiKeySerializer.Meta.fields, "key"]
        read_only_fields = fields


class ApiKeyCreateSerializer(serializers.Serializer):
    name = serializers.CharField(
        max_length=ApiKey.NAME_MAX_CHARS,
        validators=[one_line_of_text],
        help_text="So you can tell your keys apart, e.g. “Open WebUI on my laptop”.",
    )
    expires_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="When the key stops working (ISO 8601, in the future); left out or null: never.",
    )
    keep_history = serializers.BooleanField(
        default=True, help_text="Save the chats asked with this key in your history, beside your other chats."
    )

    def to_internal_value(self, data):
        # JSON's own types, as the schema says: DRF alone would take the number 5 as the name "5", and 1 as true.
        if isinstance(data, Mapping):
            errors = {}
            if "name" in data and not isinstance(data["name"], str):
                errors["name"] = ["Must be a string."]
            if "keep_history" in data and not isinstance(data["keep_history"], bool):
                errors["keep_history"] = ["Must be true or false."]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def validate_expires_at(self, value):
        if value is not None and value <= timezone.now():
            raise serializers.ValidationError("Choose a moment in the future, or leave it out for no expiry.")
        return value
