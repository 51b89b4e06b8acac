"""The person's "About me": reading it, changing it, and the short text of it that goes into every prompt.

Each person only ever reaches their own: every function here takes the user (or the user's id,
for the worker that builds prompts), never a profile's id. Nothing here logs what it reads.
"""

import re

from django.conf import settings
from django.db import transaction

from accounts.models import HealthProfile, User

EDITABLE_FIELDS = ("age", "sex", "conditions", "medications", "allergies", "notes", "enabled")
PROMPT_HEADING = "About the person (from their profile; it may be out of date):"
# Each text field's label in the prompt, and how its lines are joined: a list reads as a list, notes as prose.
_TEXT_PARTS = (
    ("sex", "Sex", "; "),
    ("conditions", "Conditions", "; "),
    ("medications", "Medications", "; "),
    ("allergies", "Allergies", "; "),
    ("notes", "Notes", " "),
)


def health_profile_for_user(*, user: User) -> HealthProfile:
    """The user's profile; an empty, unsaved one if they never wrote it."""
    try:
        return user.health_profile
    except HealthProfile.DoesNotExist:
        return HealthProfile(user=user)


@transaction.atomic
def health_profile_update(*, user: User, **fields) -> HealthProfile:
    """Changes the given fields of the user's profile (creating it the first time); the others stay as they are.

    Forms and serializers check the values first and say what is wrong; the model's own
    validation here is the last guard, for any other caller.
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not a health profile field: {', '.join(sorted(unknown))}")
    # Created if need be (get_or_create survives two first saves at once), then locked, so that two
    # saves at once can't each write back the other's fields as they were.
    HealthProfile.objects.get_or_create(user=user)
    profile = HealthProfile.objects.select_for_update().get(user=user)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean(exclude=["user"], validate_unique=False)
    profile.save()
    # The user's cached "no profile yet", if the selector looked before, would hide the new one.
    user.health_profile = profile
    return profile


def health_profile_prompt_text(*, user_id: int) -> str:
    """The profile as one short paragraph for the prompt (before the question); "" when it is off or empty.

    At most HEALTH_PROFILE_PROMPT_CHARS characters: longer, it is cut at a word and ends with "…",
    so a long profile can't crowd out the conversation.
    """
    profile = HealthProfile.objects.filter(user_id=user_id, enabled=True).first()
    if profile is None:
        return ""
    parts = [f"Age: {profile.age}."] if profile.age is not None else []
    for name, label, joiner in _TEXT_PARTS:
        text = _one_line(getattr(profile, name), joiner)
        if text:
            parts.append(f"{label}: {text}" + ("" if text.endswith((".", "!", "?")) else "."))
    if not parts:
        return ""
    return _bounded(" ".join([PROMPT_HEADING, *parts]), limit=settings.HEALTH_PROFILE_PROMPT_CHARS)


def _one_line(text: str, joiner: str) -> str:
    """The text's non-empty lines joined on one line, runs of spaces made one."""
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return joiner.join(line for line in lines if line)


def _bounded(text: str, *, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    # At the last space, so no word is cut in half; and without a dangling separator before the "…".
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ;,.:") + "…"
