"""Titles, messages and errors are sealed at rest; rows stored before are sealed here, none lost.

The data step commits row by row (compare-and-swap, see healthassistant.encryption.rewrap), so
an interrupted run resumes where it stopped, and a reverse migration opens them again.
"""

from django.db import migrations

import healthassistant.encryption.fields
from healthassistant.encryption import rewrap

MODELS = ("ChatSession", "Message")


def _columns(apps):
    return rewrap.sealed_columns(apps.get_model("chat", name) for name in MODELS)


def seal_existing(apps, schema_editor):
    for column in _columns(apps):
        rewrap.reseal_column(column)


def forget_plain_pages(apps, schema_editor):
    rewrap.forget_plain_pages(apps.get_model("chat", name)._meta.db_table for name in MODELS)


def open_existing(apps, schema_editor):
    for column in _columns(apps):
        rewrap.unseal_column(column)


class Migration(migrations.Migration):
    # Not one transaction: each row and file is sealed and committed on its own, so a long run can be
    # interrupted and resumed, and PostgreSQL never alters a table with row updates pending in it.
    atomic = False

    dependencies = [("chat", "0002_message_tokens_per_second")]

    operations = [
        migrations.AlterField(
            model_name="chatsession",
            name="title",
            field=healthassistant.encryption.fields.EncryptedTextField(default="New chat"),
        ),
        migrations.AlterField(
            model_name="message",
            name="content",
            field=healthassistant.encryption.fields.EncryptedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="message",
            name="error",
            field=healthassistant.encryption.fields.EncryptedTextField(blank=True),
        ),
        migrations.RunPython(seal_existing, open_existing),
        migrations.RunPython(forget_plain_pages, migrations.RunPython.noop),
    ]
