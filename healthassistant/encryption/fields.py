"""A text column whose content is sealed in the database and plain in Python."""

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
