"""Columns whose content is sealed in the database and plain in Python."""

from django import forms
from django.core import exceptions
from django.db import models

from healthassistant.encryption import cipher


class EncryptedTextField(models.TextField):
    """Stored as a Fernet token; read back as the text.

    The database can't compare or search what it can't read, so the only lookup is
    `isnull`: a filter such as `content__icontains` fails loudly instead of matching
    nothing. Search decrypts within one person's own rows (chat/search.py).
    """

    description = "Text, encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return cipher.open_text(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return cipher.seal_text(value)

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)


class EncryptedIntegerField(EncryptedTextField):
    """A whole number sealed like text: a text column in the database, an int in Python.

    For numbers that say something about a person (an age beside their conditions), so a copy of
    the database shows no more of them than of their text. Nothing can be compared or summed in
    SQL; key rotation re-seals it like any EncryptedTextField.
    """

    description = "Whole number, encrypted at rest"
    default_error_messages = {"invalid": "Enter a whole number."}

    def from_db_value(self, value, expression, connection):
        text = super().from_db_value(value, expression, connection)
        return None if text is None else int(text)

    def to_python(self, value):
        if value is None or value == "":
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            raise exceptions.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def get_prep_value(self, value):
        value = self.to_python(value)
        if value is None:
            return value
        return cipher.seal_text(str(value))

    def formfield(self, **kwargs):
        # Skip TextField's: a number is asked for with a number input, not a textarea.
        return models.Field.formfield(self, **{"form_class": forms.IntegerField, **kwargs})
