"""The account's forms: the signup's acknowledgement, "About me", where you are, and a new API key.

Limits come from the models; labels and help are the page's.
"""

from datetime import UTC, datetime, time

from django import forms
from django.utils import timezone

from accounts.models import ApiKey, HealthProfile, one_line_of_text
from chat.safety.numbers import COUNTRY_CHOICES


class SignupForm(forms.Form):
    """What allauth's signup adds (ACCOUNT_SIGNUP_FORM_CLASS): the disclaimer, read and acknowledged once.

    Nothing is stored: an account exists only if it was ticked.
    """

    field_order = ["email", "password1", "password2", "acknowledge_disclaimer"]

    acknowledge_disclaimer = forms.BooleanField(
        label=(
            "I understand that this assistant gives health information, not a diagnosis or treatment, "
            "and that in an emergency I call my local emergency number."
        ),
        error_messages={"required": "Tick this box to confirm you have read it: the assistant is not a doctor."},
    )

    def signup(self, request, user) -> None:
        """allauth calls this after saving the user; the acknowledgement needs nothing saved."""


class HealthProfileForm(forms.ModelForm):
    class Meta:
        model = HealthProfile
        fields = ["age", "sex", "conditions", "medications", "allergies", "notes", "enabled"]
        labels = {"enabled": "Give this to the assistant with every question"}
        help_texts = {
            "sex": "As you would tell a doctor.",
            "conditions": "Diagnoses you live with, one a line.",
            "medications": "With the dose and how often, one a line.",
            "allergies": "To medicines, foods or anything else, one a line.",
            "notes": "Anything else worth knowing: a pregnancy, past operations, family history.",
        }
        widgets = {
            "age": forms.NumberInput(attrs={"min": 0, "max": HealthProfile.AGE_MAX}),
            "sex": forms.TextInput(),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "medications": forms.Textarea(attrs={"rows": 3}),
            "allergies": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }


class CountryForm(forms.Form):
    """Where the person is: the emergency panel then gives that country's emergency number and crisis line."""

    country = forms.ChoiceField(
        choices=[("", "Not chosen (from my browser's language)"), *COUNTRY_CHOICES],
        required=False,
        label="Where you are",
        help_text="Not listed? Leave it not chosen.",
    )


class ApiKeyForm(forms.Form):
    """A new key's name, last day and history setting; `expires_at` is the end of that day, in the site's time zone."""

    name = forms.CharField(
        max_length=ApiKey.NAME_MAX_CHARS,
        validators=[one_line_of_text],
        help_text="So you can tell your keys apart, e.g. “Open WebUI on my laptop”.",
    )
    expires_on = forms.DateField(
        required=False,
        label="Works until (optional)",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The key stops working at the end of this day. Leave it empty for a key that never expires.",
    )
    keep_history = forms.BooleanField(required=False, initial=True, label="Save these chats in my history")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].widget.attrs["min"] = timezone.localdate().isoformat()

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError("That day has passed: choose today or a later day.")
        return day

    def clean(self) -> dict:
        cleaned = super().clean()
        day = cleaned.pop("expires_on", None)
        cleaned["expires_at"] = None
        if day is not None:
            end = datetime.combine(day, time.max, tzinfo=timezone.get_current_timezone())
            try:
                # The database keeps UTC: the last day a date field takes is past its range west of Greenwich.
                end.astimezone(UTC)
            except OverflowError:
                self.add_error("expires_on", "Choose an earlier day.")
            else:
                cleaned["expires_at"] = end
        return cleaned
