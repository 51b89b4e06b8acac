import unicodedata

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.managers import UserManager
from healthassistant.encryption.fields import EncryptedIntegerField, EncryptedTextField


class User(AbstractBaseUser, PermissionsMixin):
    """A person using the assistant. Email is the login: unique, compared case-insensitively."""

    email = models.EmailField("email address", max_length=254, unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    is_staff = models.BooleanField(default=False, help_text="Can log in to the admin site.")
    is_active = models.BooleanField(default=True, help_text="Unset this instead of deleting the account.")
    date_joined = models.DateTimeField(default=timezone.now)
    # Named in every API token (accounts.tokens): raising it revokes them all at once.
    token_version = models.PositiveIntegerField(
        default=0, editable=False, help_text="Raised to revoke every API token of the account at once."
    )

    # Whom the emergency panel tells them to call (chat.safety.numbers): a code of its table, or "" for
    # "not chosen" (then their browser's language, else the settings). Where someone is isn't health content.
    country = models.CharField(max_length=2, blank=True, default="", help_text="Where the person is, for whom to call.")

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")]
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email)

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class AuditEvent(models.Model):
    """One security-relevant thing that happened to an account: who, what, when, from where; never any content.

    Append-only: an event is never changed. It goes with its actor's account (the trail of a
    deleted user is deleted), or when AUDIT_RETENTION_DAYS passes; the record that an account
    was deleted has no actor, only the old account's id.
    """

    class Action(models.TextChoices):
        LOGIN = "login"
        LOGIN_FAILED = "login_failed"
        LOGOUT = "logout"
        PASSWORD_CHANGED = "password_changed"  # noqa: S105 (an action's name, not a secret)
        PASSWORD_RESET = "password_reset"  # noqa: S105 (an action's name, not a secret)
        TOKEN_ISSUED = "token_issued"  # noqa: S105 (an action's name, not a secret)
        TOKEN_REFRESHED = "token_refreshed"  # noqa: S105 (an action's name, not a secret)
        TOKEN_REVOKED = "token_revoked"  # noqa: S105 (an action's name, not a secret)
        EXPORT = "export"
        ACCOUNT_DELETED = "account_deleted"
        UPLOAD_DELETED = "upload_deleted"
        ADMIN_CHANGE = "admin_change"
        ADMIN_VIEW = "admin_view"
        API_KEY_CREATED = "api_key_created", "API key created"
        API_KEY_USED = "api_key_used", "API key used"
        API_KEY_REVOKED = "api_key_revoked", "API key revoked"

    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_events", help_text="Whose trail."
    )
    action = models.CharField(max_length=32, choices=Action.choices)
    # An id (an account, a chat, an upload) or the name of an admin list: never a title, a name or text.
    target = models.CharField(max_length=80, blank=True)
    at = models.DateTimeField(default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["actor", "-at"]), models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"{self.action} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Audit events are append-only: one is never changed.")
        super().save(*args, **kwargs)


class HealthProfile(models.Model):
    """What the person tells the assistant about themselves ("About me"), given with every question while enabled.

    Sealed at rest like chats, age included: an age beside conditions and medicines is health
    information, and sealing it costs nothing here. Its __str__ names no content, so the admin's
    pages that list a user's related objects (deleting a user) show none of it.
    """

    AGE_MAX = 130
    SEX_MAX_CHARS = 40
    LIST_MAX_CHARS = 1000
    NOTES_MAX_CHARS = 2000

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="health_profile")
    # max_length on a TextField limits the forms and serializers made from it; the validators, the model.
    age = EncryptedIntegerField(null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(AGE_MAX)])
    sex = EncryptedTextField(blank=True, max_length=SEX_MAX_CHARS, validators=[MaxLengthValidator(SEX_MAX_CHARS)])
    conditions = EncryptedTextField(
        blank=True, max_length=LIST_MAX_CHARS, validators=[MaxLengthValidator(LIST_MAX_CHARS)]
    )
    medications = EncryptedTextField(
        blank=True, max_length=LIST_MAX_CHARS, validators=[MaxLengthValidator(LIST_MAX_CHARS)]
    )
    allergies = EncryptedTextField(
        blank=True, max_length=LIST_MAX_CHARS, validators=[MaxLengthValidator(LIST_MAX_CHARS)]
    )
    notes = EncryptedTextField(blank=True, max_length=NOTES_MAX_CHARS, validators=[MaxLengthValidator(NOTES_MAX_CHARS)])
    enabled = models.BooleanField(default=True, help_text="Off: kept, but no longer given to the assistant.")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Health profile of user {self.user_id}"


# Embeddings and overrides of the text's direction: a name holding one can show as something else.
_BIDI_CONTROLS = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


def one_line_of_text(value: str) -> None:
    """A validator: no line breaks, control or surrogate characters, nor changes of the text's direction."""
    if any(
        unicodedata.category(char) in ("Cc", "Cs") or unicodedata.bidirectional(char) in _BIDI_CONTROLS
        for char in value
    ):
        raise ValidationError("Use one line of plain text: no line breaks or control characters.", code="invalid")


class ApiKey(models.Model):
    """A personal key that lets a tool speaking the OpenAI API (/v1/) ask questions as its owner; nothing more.

    Only the key's SHA-256 digest is stored: the key itself is shown once, when it is made
    (accounts.api_keys). A fast hash is right here, as GitHub and Stripe do for their tokens: a
    key is 256 random bits, so there is no dictionary to try and no guessing to slow down, and a
    slow password hash would cost every request for nothing. Revoking deletes the row.
    """

    NAME_MAX_CHARS = 100

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=NAME_MAX_CHARS, validators=[one_line_of_text])
    # The key's first characters, not secret: enough for the person to tell keys apart, far too few to use.
    prefix = models.CharField(max_length=16)
    digest = models.CharField(max_length=64, unique=True, editable=False, help_text="SHA-256 of the key, in hex.")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty: never expires.")
    last_used_at = models.DateTimeField(null=True, blank=True, help_text="To the minute.")
    keep_history = models.BooleanField(
        default=True, help_text="Chats asked with this key are saved in the person's history."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"API key {self.prefix}…"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()
